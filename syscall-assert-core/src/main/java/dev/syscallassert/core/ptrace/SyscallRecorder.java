package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.core.act.Action;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.decode.DecodedCall;
import dev.syscallassert.core.decode.SyscallDecoders;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.util.Arrays;
import java.util.Collection;

/**
 * The per-syscall pipeline, strace's syscall.c: at a syscall stop, PTRACE_GET_SYSCALL_INFO tells entry from exit; an
 * entry is decoded and given its slot, an exit completes the event; a call whose task vanishes first is recorded as
 * unfinished. On the way it hands the shell trampoline's stops to {@link ExecTrampoline}, marker calls to
 * {@link MarkerDispatch}, and learns thread names from prctl(PR_SET_NAME). Confined to the tracer thread. It runs
 * at every stop, tens of thousands of times a second: it allocates nothing but a call's arguments, its decoding and
 * its event.
 */
final class SyscallRecorder {
    private static final int NR_PRCTL = SyscallTable.current().requireNumber("prctl");
    private static final int PR_SET_NAME = Constants.intValue("prctl_option", "PR_SET_NAME");
    /** ptrace_syscall_info's entry.args: __u64[6], every argument a syscall can take. */
    private static final int SYSCALL_ARGS = X86_64.SYSCALL_INFO.size("entry.args") / Long.BYTES;

    private final SyscallTable table;
    private final SyscallSelection selection;
    private final SyscallDecoders decoders;
    private final boolean filtered;
    private final TraceeMemory memory;
    private final EventSlots slots;
    private final ResumePolicy resumes;
    private final WallClock clock;
    /** Null when attached. */
    private final ExecTrampoline trampoline;
    /** Null when no marker handler is configured: marker calls then run (and fail with ENOSYS) like any other. */
    private final MarkerDispatch markers;
    /** Each recorded call's system time, when it is counted (strace -c); else null. */
    private final SyscallSummary.Accumulator systemTimes;
    /** Null when the trace acts on nothing (no fault, no deny rule). */
    private final Injector injector;
    /** Read with plain memory loads (a direct buffer's), not a native call per field: eleven at every call. */
    private final NativeMemory info = new NativeMemory(X86_64.SYSCALL_INFO_SIZE);

    /**
     * @param filtered    whether a seccomp filter selects the stops (so an unselected call may stop only at entry)
     * @param systemTimes where each returned call's system time goes, or null when it is not counted
     */
    SyscallRecorder(SyscallTable table, SyscallSelection selection, boolean filtered, TraceeMemory memory,
                    EventSlots slots, ResumePolicy resumes, WallClock clock, ExecTrampoline trampoline,
                    MarkerDispatch markers, SyscallSummary.Accumulator systemTimes, Injector injector) {
        this.table = table;
        this.selection = selection;
        this.decoders = new SyscallDecoders(table);
        this.filtered = filtered;
        this.memory = memory;
        this.slots = slots;
        this.resumes = resumes;
        this.clock = clock;
        this.trampoline = trampoline;
        this.markers = markers;
        this.systemTimes = systemTimes;
        this.injector = injector;
    }

    /** A syscall stop (PTRACE_SYSCALL's, or a seccomp stop): an entry or an exit. Leaves the task resumed. */
    void onSyscallStop(Task task) {
        int tid = task.tid;
        long n = LibC.ptrace(Ptrace.PTRACE_GET_SYSCALL_INFO, tid, X86_64.SYSCALL_INFO_SIZE, info.address());
        if (n <= 0) {
            resumes.resume(task, 0);
            return;
        }
        int op = info.getByte(X86_64.SYSCALL_INFO_OP);
        if (op == Ptrace.SYSCALL_INFO_ENTRY || op == Ptrace.SYSCALL_INFO_SECCOMP) {
            onEntry(task, op);
        } else if (op == Ptrace.SYSCALL_INFO_EXIT) {
            onExit(task);
        } else {
            resumes.resume(task, 0);
        }
    }

    private void onEntry(Task task, int op) {
        if (task.awaitingExit) {
            // The same call seen twice (syscall-entry stop and seccomp stop): the first one counts.
            resumes.resume(task, 0);
            return;
        }
        int nr = (int) info.getLong(X86_64.SYSCALL_INFO_NR);
        long[] args = new long[SYSCALL_ARGS];
        for (int i = 0; i < SYSCALL_ARGS; i++) {
            args[i] = info.getLong(X86_64.SYSCALL_INFO_ARGS + Long.BYTES * i);
        }
        if (trampoline != null && trampoline.awaitingProgramExec() && trampoline.handledEntry(task.tid, nr, args)) {
            return;
        }
        if (nr == Marker.SYSCALL_NR && markers != null) {
            markers.answer(task, args);
            return;
        }
        if (nr == NR_PRCTL && args[0] == PR_SET_NAME) {
            String name = memory.at(task.tgid, task.tid).readString(args[1], ProcFs.TASK_COMM_LEN);
            if (name != null) {
                task.comm = name;
            }
        }
        boolean record = selection.contains(nr);
        if (injector != null && injector.watches(nr) && actedOn(task, nr, args, record)) {
            return;
        }
        if (!record) {
            if (filtered && op == Ptrace.SYSCALL_INFO_SECCOMP) {
                resumes.resume(task, 0); // stopped only to learn a thread name; no need to see it return
                return;
            }
            task.call = new InFlightCall(nr, args, 0, null, task);
            task.awaitingExit = true;
            resumes.resume(task, 0);
            return;
        }
        recordEntry(task, nr, args, decodeEntry(task, nr, args));
        resumes.resume(task, 0);
    }

    private DecodedCall decodeEntry(Task task, int nr, long[] args) {
        try {
            return decoders.decodeEntry(nr, args, memory.at(task.tgid, task.tid));
        } catch (RuntimeException e) {
            DecodedCall decoded = new DecodedCall();
            decoded.renderedArgs = new String[] {"<decoder failed: " + e + ">"};
            return decoded;
        }
    }

    /** Gives a decoded call its slot; the task is then between the call's entry and exit. */
    private InFlightCall recordEntry(Task task, int nr, long[] args, DecodedCall decoded) {
        // As late as possible, as strace takes it: the call's wall time (-c -w) should not include its decoding.
        long start = clock.now();
        InFlightCall call = new InFlightCall(nr, args, start, decoded, task);
        call.systemNanosAtEntry = task.systemNanos;
        slots.reserve(call);
        task.call = call;
        task.awaitingExit = true;
        return call;
    }

    /**
     * A call the trace may act on (a fault's syscall, or one deny mode checks): decoded whether recorded or not, so
     * that its path and address are known; when a rule acts, the call is recorded even if the selection leaves it
     * out (a call the tracer changed is always in the trace) and the task is left to the {@link Injector}. Returns
     * false when nothing acts, the entry then going on as any other.
     */
    private boolean actedOn(Task task, int nr, long[] args, boolean record) {
        DecodedCall decoded = decodeEntry(task, nr, args);
        Action action = injector.decide(task, nr, args, decoded);
        if (action == null) {
            if (record) {
                recordEntry(task, nr, args, decoded);
                resumes.resume(task, 0);
                return true;
            }
            return false;
        }
        injector.applyAtEntry(task, action);
        InFlightCall call = recordEntry(task, nr, args, decoded);
        call.action = action;
        if (action.completesAtEntry()) {
            // Its result is known now and nothing is to happen at its exit: its event is complete at this stop, and
            // the task need not stop again (half the stops of an injected error).
            task.call = null;
            task.awaitingExit = false;
            slots.complete(call, eventAtExit(task, call, action.returnValue, true)); // resumes the task
            return true;
        }
        injector.resumeFromEntry(task, action);
        return true;
    }

    private void onExit(Task task) {
        InFlightCall call = task.call;
        task.call = null;
        task.awaitingExit = false;
        if (call != null && call.slot >= 0) {
            if (injector != null) {
                injector.restoreAtExit(task, call);
            }
            long ret = info.getLong(X86_64.SYSCALL_INFO_RVAL);
            boolean isError = info.getByte(X86_64.SYSCALL_INFO_IS_ERROR) != 0;
            slots.complete(call, eventAtExit(task, call, ret, isError)); // resumes the task once its memory is read
        } else {
            resumes.resume(task, 0);
        }
    }

    /**
     * The event of a recorded call at its exit stop. Everything that reads the stopped tracee happens first; then the
     * tracee is resumed, and the event is built while it runs: a blocked thread (futex, read) that was just woken is
     * on some other thread's critical path, so every microsecond it waits on the tracer counts.
     */
    private SyscallEvent eventAtExit(Task task, InFlightCall p, long ret, boolean isError) {
        long end = clock.now();
        // Never throws: a decoder bug keeps the raw values. It also renders the return value (the one place that
        // does) and looks up what a listen() listens on.
        decoders.decodeExit(p.nr, p.args, ret, isError, memory.at(task.tgid, task.tid), p.decoded);
        task.comm(); // the name it has now, before it can rename itself
        if (p.action != null) {
            injector.resumeFromExit(task, p.action);
        } else {
            resumes.resume(task, 0);
        }
        DecodedCall d = p.decoded;
        if (systemTimes != null && d.finished) {
            // strace -c: the system time the process was charged between the call's entry and exit stops
            systemTimes.add(table.name(p.nr), p.nr, task.systemNanos - p.systemNanosAtEntry, d.errno != null);
        }
        return builder(task, p).endNanos(end).finished(d.finished).returnValue(d.returnValue).errno(d.errno)
                .renderedReturn(d.renderedReturn).build();
    }

    private SyscallEvent.Builder builder(Task task, InFlightCall p) {
        DecodedCall d = p.decoded;
        SyscallEvent.Builder b = SyscallEvent.builder()
                .pid(task.tgid).tid(task.tid).thread(task.comm())
                .syscall(table.name(p.nr)).number(p.nr).categories(table.categories(p.nr))
                .args(p.args).startNanos(p.start)
                .path(d.path).path2(d.path2).fdPath(d.fdPath).address(d.address).argv(d.argv)
                .openFlags(d.openFlags).cloneFlags(d.cloneFlags).socketError(d.socketError)
                .injection(p.action == null ? null : p.action.injection);
        if (d.renderedArgs != null) {
            b.renderedArgs(Arrays.asList(d.renderedArgs));
        }
        return b;
    }

    /**
     * The task is gone (or detached) in the middle of a call (exit, exit_group, killed, or its thread group was
     * replaced by an exec): a recorded call is finished as unfinished, under this task.
     */
    void abandon(Task task) {
        InFlightCall call = task.call;
        task.call = null;
        task.awaitingExit = false;
        if (call != null && slots.isInFlight(call)) {
            long end = clock.now();
            slots.complete(call, unfinished(task, call, end));
        }
    }

    /**
     * A thread other than the leader exec'd: the kernel gave it the leader's tid, so the record of that tid (the old
     * leader's) takes over the call it is in, the execve. The call changes owner with it: its exit stop comes under
     * that tid, and if the trace ends first it is finished under that record, the one still in the task table.
     */
    void handOver(Task from, Task to) {
        to.call = from.call;
        to.awaitingExit = from.awaitingExit;
        if (to.call != null) {
            to.call.owner = to;
        }
    }

    /** The trace ends: every call still in flight is recorded as unfinished, under the task it belongs to. */
    void abandonAll(Collection<Task> tasks) {
        for (Task task : tasks) {
            abandon(task);
        }
        for (InFlightCall call : slots.inFlight()) {
            // a call whose task left the table without finishing it (a safety net: nothing should leave one)
            slots.complete(call, unfinished(call.owner, call, clock.now()));
        }
    }

    private SyscallEvent unfinished(Task task, InFlightCall call, long end) {
        return builder(task, call).finished(false).endNanos(end).build();
    }
}
