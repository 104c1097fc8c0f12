package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leaves the test's outcome in the child's work directory, once: the launcher's, or, when the JVM shuts down before
 * there is one (something called System.exit, or a signal asked the JVM to stop), an account of why. Child JVM only:
 * on its main thread, and on the shutdown hook's thread.
 */
final class OutcomeWriter {

    /** The shutdown hook's name; the test JVM's noise filter knows the prefix, so its calls stay out of the trace. */
    private static final String HOOK_THREAD = "syscall-assert exit";

    private final WorkDirectory work;
    private final AtomicBoolean written = new AtomicBoolean();

    OutcomeWriter(WorkDirectory work) {
        this.work = work;
    }

    void write(TestOutcome outcome) throws IOException {
        outcome.writeInto(work);
        written.set(true);
    }

    /** A worker begins its next test: until its outcome is written, a shutdown writes one that says why not. */
    void expectAnother() {
        written.set(false);
    }

    /** From now on, a shutdown without an outcome writes one that says so. */
    void writeAtShutdownUnlessWritten() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::atShutdown, HOOK_THREAD));
    }

    /** The thread blocked in Runtime.exit shows who called System.exit. */
    private void atShutdown() {
        if (written.get()) {
            return;
        }
        StackTraceElement[] caller = null;
        String thread = null;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = e.getValue();
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    int from = i + 1;
                    if (from < stack.length && stack[from].getClassName().equals("java.lang.System")) {
                        from++;
                    }
                    caller = Arrays.copyOfRange(stack, from, stack.length);
                    thread = e.getKey().getName();
                    break;
                }
            }
        }
        TestOutcome outcome;
        if (caller != null) {
            SystemExitCalled exit = new SystemExitCalled("The test called System.exit in thread \"" + thread
                    + "\"; the traced child JVM ended before the test finished");
            exit.setStackTrace(caller);
            outcome = TestOutcome.of(TestOutcome.Status.EXITED, exit);
        } else {
            outcome = TestOutcome.of(TestOutcome.Status.EXITED, "The traced child JVM was asked to shut down (a "
                    + "signal or a shutdown from native code) before the test finished");
        }
        try {
            write(outcome);
        } catch (IOException e) {
            // the test JVM reports a missing outcome with the exit status, which is the next best thing
        }
    }

    /** Only for its stack trace: where System.exit was called. */
    static final class SystemExitCalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SystemExitCalled(String message) {
            super(message);
        }
    }
}
