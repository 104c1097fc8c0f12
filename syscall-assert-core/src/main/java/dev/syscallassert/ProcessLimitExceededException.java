package dev.syscallassert;

/** The traced tree created more processes and threads than allowed (a fork bomb); it was killed. */
public class ProcessLimitExceededException extends TraceKilledException {
    private static final long serialVersionUID = 1L;

    public ProcessLimitExceededException(String message, TraceResult partialResult) {
        super(message, partialResult);
    }
}
