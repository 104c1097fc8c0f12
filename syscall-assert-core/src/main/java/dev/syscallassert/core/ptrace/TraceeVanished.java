package dev.syscallassert.core.ptrace;

/**
 * The tracee died (SIGKILL) while a stop of it was being handled; its exit is reported by waitpid as usual, so the
 * stop loop drops the stop and carries on. Without a stack trace: it is control flow, not an error.
 */
final class TraceeVanished extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TraceeVanished() {
        super(null, null, false, false);
    }
}
