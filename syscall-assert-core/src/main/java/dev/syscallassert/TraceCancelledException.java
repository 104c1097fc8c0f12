package dev.syscallassert;

/** {@link RunningTrace#kill()} ended the traced tree before it ended by itself. Holds what was traced until then. */
public class TraceCancelledException extends TraceKilledException {
    private static final long serialVersionUID = 1L;

    public TraceCancelledException(String message, TraceResult partialResult) {
        super(message, partialResult);
    }
}
