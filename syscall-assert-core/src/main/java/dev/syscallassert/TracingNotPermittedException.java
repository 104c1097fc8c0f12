package dev.syscallassert;

/**
 * The kernel (or the platform) refused to let this process trace: not Linux, not x86_64, Yama's ptrace_scope, a
 * container's seccomp profile, missing CAP_SYS_PTRACE, or the process is already traced. The message says which.
 */
public class TracingNotPermittedException extends TracerException {
    private static final long serialVersionUID = 1L;

    public TracingNotPermittedException(String message) {
        super(message);
    }
}
