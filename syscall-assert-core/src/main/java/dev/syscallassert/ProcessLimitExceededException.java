package dev.syscallassert;

/** The traced tree created more processes and threads than allowed (a fork bomb); it was killed. */
public class ProcessLimitExceededException extends TracerException {
    private static final long serialVersionUID = 1L;

    private final transient TraceResult partialResult;

    public ProcessLimitExceededException(String message, TraceResult partialResult) {
        super(message);
        this.partialResult = partialResult;
    }

    public TraceResult partialResult() {
        return partialResult;
    }
}
