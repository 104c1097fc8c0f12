package dev.syscallassert;

import java.time.Duration;

/** The traced process tree ran past its timeout; it was killed. Holds what was traced until then. */
public class TraceTimeoutException extends TracerException {
    private static final long serialVersionUID = 1L;

    private final transient TraceResult partialResult;
    private final Duration timeout;

    public TraceTimeoutException(String message, Duration timeout, TraceResult partialResult) {
        super(message);
        this.timeout = timeout;
        this.partialResult = partialResult;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The trace and output up to the kill. */
    public TraceResult partialResult() {
        return partialResult;
    }
}
