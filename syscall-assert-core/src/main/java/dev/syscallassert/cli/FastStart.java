package dev.syscallassert.cli;

import dev.syscallassert.core.decode.SyscallDecoders;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.spawn.StartState;
import dev.syscallassert.core.syscalls.SyscallTable;

/**
 * What the CLI does first, so that it starts sooner (measured in bench/scale-benchmark.sh): the engine's native
 * library, the program's file limit, the syscall table and the decoder index are loaded on a thread of their own
 * while the main thread parses the options and prepares the trace (no decoder is made there: each syscall's is made
 * by its family's switch when that syscall is first decoded). Main thread, first.
 */
final class FastStart {
    private FastStart() {
    }

    private static Thread preload;
    private static volatile LinkageError failure;

    static void prepare() {
        preload = new Thread(new Preload(), "syscall-assert-preload");
        preload.setDaemon(true);
        preload.start();
    }

    /**
     * Why the preload could not load the engine's native library, or null. Waits for the preload first: the main
     * thread, on finding LibC unusable, may get there before it. The error is kept here because the JVM tells the
     * other threads only that the class "could not be initialized" (JDK 17 without the cause).
     */
    static LinkageError failure() {
        if (preload != null) {
            try {
                preload.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return failure;
    }

    /**
     * A class, not a lambda or method reference: a JVM's first lambda links the lambda machinery (about 6 ms of a
     * JDK 17 start), which would hold this thread back by as much.
     */
    private static final class Preload implements Runnable {
        @Override
        public void run() {
            try {
                preload();
            } catch (LinkageError e) {
                // the main thread reports it (failure()) when it finds LibC unusable
                failure = e;
            }
        }
    }

    /**
     * Loads what the tracer thread needs first, the native library (from its cached copy) and the program's file
     * limit, then the syscall table and decoder index.
     */
    private static void preload() {
        LibC.getpid();
        StartState.fileLimit();
        new SyscallDecoders(SyscallTable.current());
    }
}
