package dev.syscallassert;

import java.time.Duration;

/** The traced process tree ran past its timeout; it was killed. Holds what was traced until then. */
public class TraceTimeoutException extends TraceKilledException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public TraceTimeoutException(String message, Duration timeout, TraceResult partialResult) {
        super(message, partialResult);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
