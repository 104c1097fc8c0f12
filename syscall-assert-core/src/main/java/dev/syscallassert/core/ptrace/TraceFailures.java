package dev.syscallassert.core.ptrace;

import dev.syscallassert.ProcessLimitExceededException;
import dev.syscallassert.TraceCancelledException;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TraceTimeoutException;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.format.Durations;

import java.time.Duration;

/**
 * The exceptions a trace ends with when it did not end by itself, with their messages. Stateless: any thread.
 */
public final class TraceFailures {
    private TraceFailures() {
    }

    /** The exception for a tracer thread that failed: a runtime exception as it is, anything else wrapped. */
    static RuntimeException tracerFailed(Throwable f) {
        if (f instanceof RuntimeException) {
            return (RuntimeException) f;
        }
        return new TracerException("Tracer failed: " + f, f);
    }

    /**
     * The exception for a trace ended for {@code reason}, carrying what was traced until then; null when there is no
     * reason (the trace ended by itself).
     *
     * @param timeout the timeout that passed, as the caller named it (for {@link KillReason#TIMEOUT})
     * @param calls   how many calls were recorded (the result holds none when the events were not retained)
     */
    static TracerException killed(KillReason reason, TraceConfig config, Duration timeout, TraceResult result,
                                  int calls) {
        if (reason == null) {
            return null;
        }
        switch (reason) {
            case INTERRUPTED:
                return new TracerException("Interrupted while tracing " + describe(config)
                        + "; the traced processes were killed");
            case TIMEOUT:
                return new TraceTimeoutException("Traced command " + describe(config) + " did not finish within "
                        + Durations.text(timeout) + (config.spawns() ? "; the whole process tree was killed. "
                        : "; the tracer detached from it. ") + calls
                        + " syscalls were recorded until then.", timeout, result);
            case KILLED:
                return new TraceCancelledException("Traced command " + describe(config) + " was "
                        + (config.spawns() ? "killed" : "detached from") + " on request; "
                        + calls + " syscalls were recorded until then.", result);
            case PROCESS_LIMIT:
                return new ProcessLimitExceededException("Traced command " + describe(config) + " had more than "
                        + config.maxProcesses() + " processes and threads at once (a fork bomb?); the whole tree was "
                        + "killed.", result);
            default:
                throw new AssertionError(reason);
        }
    }

    private static String describe(TraceConfig config) {
        return config.spawns() ? config.command().toString() : "pid " + config.attachPid();
    }
}
