package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.core.format.SigInfoFormat;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.SigInfo;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;

/**
 * What happens to a task besides its calls, as strace prints it: a signal delivered to it ({@code --- SIGCHLD {...}
 * ---}, read with PTRACE_GETSIGINFO at the signal-delivery stop), its entering group-stop ({@code --- stopped by
 * SIGSTOP ---}) and its end ({@code +++ exited with 0 +++}, from its wait status). Each is recorded in the timeline
 * where it happens. Until the spawned shell has exec'd the program,
 * nothing of the shell is recorded (its calls are not either): the SIGCONT that starts it is the tracer's own.
 * Confined to the tracer thread.
 */
final class TaskEvents {
    private final EventSlots slots;
    private final ResumePolicy resumes;
    private final WallClock clock;
    /** Null when attached. */
    private final ExecTrampoline trampoline;
    private final NativeMemory siginfo = new NativeMemory(SigInfo.SIZE);
    private final byte[] siginfoBytes = new byte[SigInfo.SIZE];

    TaskEvents(EventSlots slots, ResumePolicy resumes, WallClock clock, ExecTrampoline trampoline) {
        this.slots = slots;
        this.resumes = resumes;
        this.clock = clock;
        this.trampoline = trampoline;
    }

    /**
     * A signal-delivery stop: the siginfo is read while the task is stopped, the task is resumed with the signal
     * (it goes through: a JVM relies on its SIGSEGVs), then the event is built and recorded while the task runs.
     */
    void delivered(Task task, int signal) {
        if (trampoline != null && trampoline.awaitingProgramExec()) {
            resumes.resume(task, signal);
            return;
        }
        long read = LibC.ptrace(Ptrace.PTRACE_GETSIGINFO, task.tid, 0, siginfo.address());
        long time = clock.now();
        // The name first: a fatal signal ends the thread as soon as it runs, and its /proc entry with it.
        String thread = task.comm();
        resumes.resume(task, signal);
        if (read != 0) {
            return; // it vanished (SIGKILL) before its siginfo could be read: its exit follows
        }
        siginfo.read(0, siginfoBytes, 0, siginfoBytes.length);
        SignalEvent event = SigInfoFormat.describe(SigInfo.of(siginfoBytes))
                .pid(task.tgid).tid(task.tid).thread(thread).timeNanos(time).build();
        slots.record(event);
    }

    /**
     * A group-stop (PTRACE_EVENT_STOP with a stopping signal): recorded as strace.c's print_stopped does, then the task
     * stays stopped as an untraced one would (PTRACE_LISTEN), still reporting the SIGCONT that ends the stop.
     */
    void groupStop(Task task, int signal) {
        if (trampoline == null || !trampoline.awaitingProgramExec()) {
            slots.record(GroupStop.of(task.tgid, task.tid, task.comm(), signal, Signals.name(signal), clock.now()));
        }
        LibC.ptrace(Ptrace.PTRACE_LISTEN, task.tid, 0, 0);
    }

    /** The task ended with wait status {@code status} (an exit or a killing signal). */
    void ended(Task task, int status) {
        String thread = task.comm == null ? "" : task.comm; // it is gone: /proc has no name for it any more
        long time = clock.now();
        ProcessExit exit;
        if (WaitStatus.exited(status)) {
            exit = ProcessExit.exited(task.tgid, task.tid, thread, WaitStatus.exitStatus(status), time);
        } else {
            int signal = WaitStatus.termSignal(status);
            exit = ProcessExit.killed(task.tgid, task.tid, thread, signal, Signals.name(signal),
                    WaitStatus.coreDumped(status), time);
        }
        slots.recordEnd(exit, task.stopped); // the task has left the table already
    }
}
