package dev.syscallassert.junit5.internal.wire;

/**
 * A marker command that the tracer could not carry out: thrown in the traced child, where the test reads its trace or
 * its method begins or ends. The child only learns an errno; the test JVM, which knows why, adds the reason when it
 * reports the test's failure ({@link #withReason}).
 */
public final class TraceChannelException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TraceChannelException(String message) {
        super(message);
    }

    private TraceChannelException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Test JVM: the same failure, its message followed by {@code reason} on a line of its own. */
    public TraceChannelException withReason(String reason) {
        TraceChannelException e = new TraceChannelException(getMessage() + "\n" + reason, getCause());
        e.setStackTrace(getStackTrace());
        for (Throwable s : getSuppressed()) {
            e.addSuppressed(s);
        }
        return e;
    }
}
