package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Ptrace;

/**
 * How a task in a ptrace stop is let go again: PTRACE_SYSCALL or PTRACE_CONT. This choice is what makes the seccomp
 * filter pay off (strace's --seccomp-bpf does the same):
 * <ul>
 *   <li>With a filter, a selected syscall stops at its entry by itself (SECCOMP_RET_TRACE makes a
 *       PTRACE_EVENT_SECCOMP stop) whichever request resumed the task. So a task between calls is resumed with
 *       PTRACE_CONT, and the syscalls the filter lets through never stop at all.</li>
 *   <li>A call's exit has no seccomp stop: to see its return value, a task stopped at a call's entry
 *       ({@link Task#awaitingExit}) is resumed with PTRACE_SYSCALL, which stops it again at the exit.</li>
 *   <li>Without a filter (attached, or every syscall selected), every call must be seen through syscall stops, so
 *       every resume is PTRACE_SYSCALL.</li>
 *   <li>Before the spawned shell's execve of the program there is no filter yet, so PTRACE_SYSCALL is the only way to
 *       stop at that execve, where the filter is installed ({@link ExecTrampoline}).</li>
 * </ul>
 * Confined to the tracer thread.
 */
final class ResumePolicy {
    private final boolean filtered;
    /** Null when attached. */
    private final ExecTrampoline trampoline;

    /**
     * @param filtered   whether a seccomp filter selects the stops (installed by the tracer or by the tracee)
     * @param trampoline the spawned shell's exec of the program, or null when attached
     */
    ResumePolicy(boolean filtered, ExecTrampoline trampoline) {
        this.filtered = filtered;
        this.trampoline = trampoline;
    }

    /** Resumes the task, delivering {@code signal} (0 for none). */
    void resume(Task task, int signal) {
        int request = task.awaitingExit || !filtered ? Ptrace.PTRACE_SYSCALL : Ptrace.PTRACE_CONT;
        if (trampoline != null && trampoline.awaitingProgramExec()) {
            request = Ptrace.PTRACE_SYSCALL;
        }
        LibC.ptrace(request, task.tid, 0, signal);
    }
}
