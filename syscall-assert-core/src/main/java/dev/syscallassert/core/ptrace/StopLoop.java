package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.xlat.Constants;

import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for stops and dispatching them, strace.c's next_event/dispatch_event: wait4 for any traced task, then a
 * syscall stop goes to the {@link SyscallRecorder}, a fork, clone or exec event updates the {@link Tasks}, a group-stop
 * is recorded and stays stopped, a signal is recorded and delivered, an end is recorded ({@link TaskEvents}). When system time is
 * counted, the rusage of each wait gives the stopped task's process's system time so far. Attached, it polls so that
 * it can detach when asked. Confined to the tracer thread: a tracee's stops can only be waited for, and it can only be
 * resumed, by the thread that seized it.
 */
final class StopLoop {
    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");
    private static final int RU_STIME_SEC = X86_64.RUSAGE.offset("ru_stime.tv_sec");
    private static final int RU_STIME_USEC = X86_64.RUSAGE.offset("ru_stime.tv_usec");

    private final Tasks tasks;
    private final SyscallRecorder recorder;
    private final TaskEvents taskEvents;
    private final ResumePolicy resumes;
    /** Attached: the tracer polls (WNOHANG) and detaches when asked, instead of killing. */
    private final boolean attached;
    private final NativeMemory status = new NativeMemory(8);
    private final NativeMemory eventMessage = new NativeMemory(8);
    /**
     * wait4's rusage when system time is counted, else null: the kernel then skips computing it, so that a trace
     * that does not need it does not pay for it at every stop.
     */
    private final NativeMemory rusage;
    /** Tasks held stopped for an injected delay: while any is, the loop polls, so that it can let each go in time. */
    private final HeldTasks held;

    StopLoop(Tasks tasks, SyscallRecorder recorder, TaskEvents taskEvents, ResumePolicy resumes, boolean attached,
             boolean countSystemTime, HeldTasks held) {
        this.held = held;
        this.tasks = tasks;
        this.recorder = recorder;
        this.taskEvents = taskEvents;
        this.resumes = resumes;
        this.attached = attached;
        this.rusage = countSystemTime ? new NativeMemory(X86_64.RUSAGE.size()) : null;
    }

    /** Runs until every traced task is gone (spawned) or detached from (attached). */
    void run() {
        int options = WaitStatus.__WALL | WaitStatus.__WNOTHREAD | (attached ? WaitStatus.WNOHANG : 0);
        boolean detaching = false;
        int idlePolls = 0;
        while (true) {
            if (tasks.detachRequested() && !detaching) {
                detaching = true;
                held.releaseAll(); // a task held stopped would never stop again to be detached
                for (Task t : tasks.all()) {
                    LibC.ptrace(Ptrace.PTRACE_INTERRUPT, t.tid, 0, 0);
                }
            }
            boolean holding = held.any();
            int tid = Waits.wait4(-1, status, holding ? options | WaitStatus.WNOHANG : options, rusage);
            if (holding) {
                held.releaseDue();
            }
            if (tid == 0 && holding) {
                LockSupport.parkNanos(Math.min(held.nanosUntilNext(), HeldTasks.POLL_NANOS));
                continue;
            }
            if (tid == 0) {
                // Attach mode polls so that a timeout can stop it (only this thread may detach): briefly while
                // stops keep coming, then backing off to a few milliseconds when the tracee is idle.
                idlePolls++;
                LockSupport.parkNanos(idlePolls < 100 ? 20_000 : 2_000_000);
                continue;
            }
            idlePolls = 0;
            if (tid < 0) {
                int errno = LibC.errno();
                if (errno == Errnos.ECHILD) {
                    return;
                }
                throw new TracerException("waitpid failed: errno " + errno);
            }
            int s = status.getInt(0);
            if (detaching && WaitStatus.stopped(s)) {
                Task t = tasks.drop(tid);
                LibC.ptrace(Ptrace.PTRACE_DETACH, tid, 0, 0);
                if (t != null) {
                    recorder.abandon(t);
                }
                if (tasks.isEmpty()) {
                    return;
                }
                continue;
            }
            try {
                dispatch(tid, s);
            } catch (TraceeExited e) {
                dispatch(e.tid, e.status); // its exit was consumed by another wait: record it as this loop would
            } catch (TraceeVanished e) {
                // killed (timeout, kill(), SIGKILL from outside) in the middle of being handled: its exit follows
            }
            if (attached && tasks.isEmpty()) {
                return;
            }
        }
    }

    /** One wait status of task {@code tid}: an end, or a stop to handle and resume from. */
    private void dispatch(int tid, int s) {
        Task task = tasks.get(tid);
        if (WaitStatus.exited(s) || WaitStatus.signaled(s)) {
            if (task != null) {
                recorder.abandon(task);
                tasks.exited(task);
                taskEvents.ended(task, s);
            }
            tasks.recordExit(tid, s);
            return;
        }
        if (!WaitStatus.stopped(s)) {
            return;
        }
        if (task == null) {
            // A new child's first stop can arrive before its parent's fork/clone event.
            task = tasks.registerFirstSeen(tid);
        }
        if (tasks.killIfDoomed(tid)) {
            return;
        }
        if (rusage != null) {
            task.systemNanos = rusage.getLong(RU_STIME_SEC) * 1_000_000_000L + rusage.getLong(RU_STIME_USEC) * 1000L;
        }
        int sig = WaitStatus.stopSignal(s);
        int event = WaitStatus.event(s);
        if (sig == WaitStatus.SYSCALL_STOP) {
            recorder.onSyscallStop(task);
            return;
        }
        if (event == Ptrace.EVENT_SECCOMP) {
            recorder.onSyscallStop(task);
        } else if (event == Ptrace.EVENT_FORK || event == Ptrace.EVENT_VFORK || event == Ptrace.EVENT_CLONE) {
            onNewTask(task, event);
            resumes.resume(task, 0);
        } else if (event == Ptrace.EVENT_EXEC) {
            onExec(task);
        } else if (event == Ptrace.EVENT_STOP) {
            tasks.stopped(task); // a new child's first stop is this one
            if (sig == Signals.SIGSTOP || sig == Signals.SIGTSTP || sig == Signals.SIGTTIN || sig == Signals.SIGTTOU) {
                taskEvents.groupStop(task, sig); // "--- stopped by SIGSTOP ---", then stays stopped
            } else {
                resumes.resume(task, 0);
            }
        } else if (event == 0) {
            taskEvents.delivered(task, sig); // a signal-delivery stop
        } else {
            resumes.resume(task, 0);
        }
    }

    /** A fork, vfork or clone event of the parent: the new task joins the table, as a thread or a process. */
    private void onNewTask(Task parent, int event) {
        LibC.ptrace(Ptrace.PTRACE_GETEVENTMSG, parent.tid, 0, eventMessage.address());
        int child = (int) eventMessage.getLong(0);
        boolean thread = false;
        if (event == Ptrace.EVENT_CLONE) {
            // Only clone and clone3 make threads. Their flags as decoded at the entry say whether this one is; a call
            // not recorded (or whose clone_args were unreadable) has none, so the child's process is read from /proc.
            InFlightCall call = parent.call;
            Long flags = call != null && call.decoded != null ? call.decoded.cloneFlags : null;
            thread = flags != null ? (flags & CLONE_THREAD) != 0 : ProcFs.tgid(child) == parent.tgid;
        }
        // The new thread's name is read from /proc at its first recorded call rather than copied from its parent:
        // a tracee that installs its own filter renames threads (prctl PR_SET_NAME) before any stop shows it.
        tasks.announce(child, thread ? parent.tgid : child);
    }

    /** An exec event: the task's name changes, and a thread other than the leader takes over the leader's tid. */
    private void onExec(Task task) {
        LibC.ptrace(Ptrace.PTRACE_GETEVENTMSG, task.tid, 0, eventMessage.address());
        int formerTid = (int) eventMessage.getLong(0);
        if (formerTid != task.tid) {
            // A non-leader thread exec'd: it takes over the leader's tid, and the old leader vanishes silently.
            Task former = tasks.drop(formerTid);
            recorder.abandon(task);
            if (former != null) {
                recorder.handOver(former, task);
            }
        }
        task.comm = null;
        resumes.resume(task, 0);
    }
}
