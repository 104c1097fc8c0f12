package dev.syscallassert;

/**
 * The traced tree was killed before it ended by itself (a timeout, {@link RunningTrace#kill()}, a fork bomb): catch
 * this to keep what was traced until then, whatever the reason.
 */
public abstract class TraceKilledException extends TracerException {
    private static final long serialVersionUID = 1L;

    private final transient TraceResult partialResult;

    protected TraceKilledException(String message, TraceResult partialResult) {
        super(message);
        this.partialResult = partialResult;
    }

    /** The trace and output up to the kill. */
    public TraceResult partialResult() {
        return partialResult;
    }
}
