package dev.syscallassert;

/** {@link RunningTrace#kill()} ended the traced tree before it ended by itself. Holds what was traced until then. */
public class TraceCancelledException extends TracerException {
    private static final long serialVersionUID = 1L;

    private final transient TraceResult partialResult;

    public TraceCancelledException(String message, TraceResult partialResult) {
        super(message);
        this.partialResult = partialResult;
    }

    /** The trace and output up to the kill. */
    public TraceResult partialResult() {
        return partialResult;
    }
}
