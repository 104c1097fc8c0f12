package dev.syscallassert.core.ptrace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends the traces still running when this JVM shuts down (System.exit, the end of main, SIGINT, SIGTERM, SIGHUP),
 * from one shutdown hook: each spawned tree is killed and reaped, each attached process detached from and left
 * running, each call in flight finished as unfinished, and each trace's listener gets those last events, before the
 * JVM goes. Without it, the kernel's EXITKILL would still kill the spawned tracees when the tracer thread dies, but
 * nothing would be written of how they ended, and an attached process would only be let go by the tracer's death.
 *
 * <p>Any thread registers and removes (the starting thread and the tracer thread); the hook runs on the JVM's
 * shutdown thread.
 */
final class TracesAtShutdown {
    /** How long the hook waits, in all, for the traces to end and their listeners to have every event. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Set<TraceHandle> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean hooked;

    private TracesAtShutdown() {
    }

    static void add(TraceHandle trace) {
        synchronized (TracesAtShutdown.class) {
            if (!hooked) {
                Thread hook = new Thread(TracesAtShutdown::endAll, "syscall-assert-shutdown");
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    return; // the trace is killed by EXITKILL with the tracer thread, as it would be without us
                }
                hooked = true;
            }
        }
        RUNNING.add(trace);
    }

    static void remove(TraceHandle trace) {
        RUNNING.remove(trace);
    }

    private static void endAll() {
        List<TraceHandle> traces = new ArrayList<>(RUNNING);
        for (TraceHandle trace : traces) {
            trace.kill();
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (TraceHandle trace : traces) {
            trace.awaitEndUntil(deadline);
        }
    }
}
