package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.core.marker.MarkerHandler;

import java.nio.charset.StandardCharsets;

/**
 * Answers the tracee's {@link dev.syscallassert.core.marker.Marker} syscalls: runs the handler's command at the
 * marker's entry stop, then cancels the syscall with the answer as its return value. Confined to the tracer thread,
 * where the handler runs too (so it sees the events exactly as recorded up to this stop).
 */
final class MarkerDispatch {
    /** A longer marker argument is not read (the tracee gets the command with an empty one). */
    private static final int MAX_ARGUMENT_BYTES = 1 << 20;

    private final MarkerHandler handler;
    private final TraceeMemory memory;
    private final EventSlots slots;
    private final Registers regs;
    private final ResumePolicy resumes;

    MarkerDispatch(MarkerHandler handler, TraceeMemory memory, EventSlots slots, Registers regs,
                   ResumePolicy resumes) {
        this.handler = handler;
        this.memory = memory;
        this.slots = slots;
        this.regs = regs;
        this.resumes = resumes;
    }

    /** Runs the marker's command, then cancels the syscall (nr -1) with the answer already in rax. */
    void answer(Task task, long[] args) {
        TraceeMemory m = memory.at(task.tgid, task.tid);
        String argument = "";
        if (args[2] > 0 && args[2] < MAX_ARGUMENT_BYTES) {
            byte[] bytes = m.read(args[1], (int) args[2]);
            argument = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }
        String arg = argument;
        long answer;
        try {
            answer = handler.handle(new MarkerCall() {
                public int pid() { return task.tgid; }
                public int tid() { return task.tid; }
                public long command() { return args[0]; }
                public String argument() { return arg; }
                public SyscallTrace snapshot() { return SyscallTrace.ofTimeline(slots.timeline()); }
                public int eventCount() { return slots.count(); }
                public SyscallTrace snapshot(int fromIndex, int toIndex) {
                    return SyscallTrace.of(slots.completed(fromIndex, toIndex));
                }
                public int timelinePosition() { return slots.timelinePosition(); }
                public SyscallTrace timeline(int fromPosition, int toPosition) {
                    return SyscallTrace.ofTimeline(slots.timeline(fromPosition, toPosition));
                }
                public void forgetTimelineBefore(int position) { slots.forgetBefore(position); }
            });
        } catch (RuntimeException e) {
            answer = -Errnos.EIO; // the handler failed; the tracee sees an error instead of a hang
        }
        regs.load(task.tid);
        regs.set(X86_64.REG_ORIG_RAX, -1);
        regs.set(X86_64.REG_RAX, answer);
        regs.store(task.tid);
        resumes.resume(task, 0);
    }
}
