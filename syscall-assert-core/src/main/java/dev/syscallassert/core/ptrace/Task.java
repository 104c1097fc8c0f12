package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.ProcFs;

/** A traced thread and what it is in the middle of. Confined to the tracer thread, like the table that holds it. */
final class Task {
    final int tid;
    /** The process (thread group) it belongs to. */
    int tgid;
    /** Its name, read from /proc when first needed; null again after an exec, which renames it. */
    String comm;
    /** The syscall it is in, between the entry and the exit stop; null between calls. */
    InFlightCall call;
    /** Whether its next syscall stop is the exit of {@link #call}; the resume policy depends on it. */
    boolean awaitingExit;
    /**
     * When system time is counted: its process's system time (ns) as the rusage of the wait that reported its
     * latest stop gave it.
     */
    long systemNanos;
    /**
     * Whether its first stop was seen (strace allocates a task's record then, and counts it among the live ones from
     * then on); a new child is known from its parent's fork or clone event a little earlier.
     */
    boolean stopped;

    Task(int tid, int tgid) {
        this.tid = tid;
        this.tgid = tgid;
    }

    /** The thread's name: the one it set last (prctl PR_SET_NAME), or the kernel's as read now. */
    String comm() {
        if (comm == null) {
            comm = ProcFs.comm(tid);
        }
        return comm;
    }
}
