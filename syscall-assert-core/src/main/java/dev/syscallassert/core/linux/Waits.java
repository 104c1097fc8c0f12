package dev.syscallassert.core.linux;


/**
 * waitpid(2) and wait4(2) retried when a signal interrupts them (EINTR), the one place that loop is written. The
 * caller reads errno ({@link LibC#errno()}) right after a negative answer, on the same thread. Must be called on the
 * thread that owns the children it waits for (the tracer thread for tracees).
 */
public final class Waits {
    private Waits() {
    }

    /** waitpid(pid, status, options) until it is not interrupted; the status word is at offset 0 of {@code status}. */
    public static int waitpid(int pid, NativeMemory status, int options) {
        int r;
        do {
            r = LibC.waitpid(pid, status.address(), options);
        } while (r < 0 && LibC.errno() == Errnos.EINTR);
        // only its address was passed: a caller that never reads the status (a reap) must not let the kernel write
        // into memory the collector freed during the wait
        java.lang.ref.Reference.reachabilityFence(status);
        return r;
    }

    /**
     * wait4(pid, status, options, rusage) until it is not interrupted: as {@link #waitpid}, and the kernel also fills
     * {@code rusage} (a {@code struct rusage}, or null for none) with the usage of the task it reports: for a stopped
     * tracee, its whole process's so far, children it reaped included (getrusage's RUSAGE_BOTH).
     */
    public static int wait4(int pid, NativeMemory status, int options, NativeMemory rusage) {
        long usage = rusage == null ? 0 : rusage.address();
        int r;
        do {
            r = LibC.wait4(pid, status.address(), options, usage);
        } while (r < 0 && LibC.errno() == Errnos.EINTR);
        java.lang.ref.Reference.reachabilityFence(status); // as in waitpid
        java.lang.ref.Reference.reachabilityFence(rusage);
        return r;
    }
}
