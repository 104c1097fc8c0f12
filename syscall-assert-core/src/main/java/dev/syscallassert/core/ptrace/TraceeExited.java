package dev.syscallassert.core.ptrace;

/**
 * The tracee ended while it was waited for outside the stop loop (the {@link ExecTrampoline}'s injected calls): that
 * waitpid consumed the exit status the loop would have seen, so the status travels to the loop in this exception and
 * the loop records the exit as if its own wait had returned it. Without a stack trace: it is control flow.
 */
final class TraceeExited extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int tid;
    /** The wait status that reported the end (exited or killed by a signal). */
    final int status;

    TraceeExited(int tid, int status) {
        super(null, null, false, false);
        this.tid = tid;
        this.status = status;
    }
}
