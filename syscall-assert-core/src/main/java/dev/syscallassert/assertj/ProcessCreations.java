package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a list of events means for processes: the execs, and which fork-like calls made a process, not a thread. */
final class ProcessCreations {
    private static final Set<String> EXECS = Set.of("execve", "execveat");
    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");

    /** How a call made a new process. */
    enum Creation {
        /** A successful exec, which replaces the program (the process is the same, the program is new). */
        EXEC,
        /** fork or vfork, always a process. */
        FORK,
        CLONE_WITHOUT_THREAD,
        CLONE3_WITHOUT_THREAD,
        /** clone3 without decoded flags, decided by the child's first call: it ran as its own process. */
        CLONE3_CHILD_IS_PROCESS,
        /** clone3 without decoded flags whose child made no call in the trace: counted, to be safe. */
        CLONE3_FLAGS_UNREADABLE
    }

    /** A call that started a program or a process. */
    record Spawn(SyscallEvent event, Creation creation) {
    }

    private ProcessCreations() {
    }

    /**
     * Whether an exec replaced the program. A successful execve has no return in the old image when it was made
     * by a non-leader thread, so an unfinished one counts too: a failed exec always returns its error.
     */
    static boolean execSucceeded(SyscallEvent e) {
        return !e.failed();
    }

    /**
     * The exec that started the traced command, which is the tracer's doing and not a spawn by the program: the
     * first event of the whole trace when it is a successful exec, else null. A trace that does not start at the
     * recording's start (since a mark, or filtered) has none: its first exec is a spawn like any other.
     */
    static SyscallEvent launchExec(SyscallTrace whole) {
        List<SyscallEvent> all = whole.allEvents();
        if (all.isEmpty() || !whole.startsAtRecordingStart()) {
            return null;
        }
        SyscallEvent first = all.get(0);
        return EXECS.contains(first.syscall()) && execSucceeded(first) ? first : null;
    }

    /** The execs with a path, whatever their outcome, the one that launched the traced command left out. */
    static List<SyscallEvent> execs(TraceSnapshot trace) {
        List<SyscallEvent> execs = new ArrayList<>();
        for (SyscallEvent e : trace.events()) {
            if (!trace.isLaunch(e) && EXECS.contains(e.syscall()) && e.path().isPresent()) {
                execs.add(e);
            }
        }
        return execs;
    }

    /** The distinct programs executed successfully, as absolute paths, in order. */
    static List<String> executedPrograms(TraceSnapshot trace) {
        return execs(trace).stream().filter(ProcessCreations::execSucceeded).map(e -> e.path().get()).distinct()
                .collect(Collectors.toList());
    }

    /** Every successful exec and process creation, in order, the launch exec left out. */
    static List<Spawn> spawns(TraceSnapshot trace) {
        List<SyscallEvent> events = trace.events();
        List<Spawn> spawns = new ArrayList<>();
        for (SyscallEvent e : events) {
            if (trace.isLaunch(e)) {
                continue;
            }
            if (EXECS.contains(e.syscall()) && execSucceeded(e)) {
                spawns.add(new Spawn(e, Creation.EXEC));
            } else if (e.succeeded()) {
                Creation creation = processCreation(e, events);
                if (creation != null) {
                    spawns.add(new Spawn(e, creation));
                }
            }
        }
        return spawns;
    }

    /** How a fork-like call made a new process; null when it made a thread or is not fork-like. */
    private static Creation processCreation(SyscallEvent e, List<SyscallEvent> events) {
        switch (e.syscall()) {
            case "fork":
            case "vfork":
                return Creation.FORK;
            case "clone":
                // The flags are clone's first argument: the register is the fallback for an event without them.
                return (e.cloneFlags().orElse(e.arg(0)) & CLONE_THREAD) == 0 ? Creation.CLONE_WITHOUT_THREAD : null;
            case "clone3": {
                // The kernel's own answer: clone_args.flags, which the engine reads from the tracee at the call.
                if (e.cloneFlags().isPresent()) {
                    return (e.cloneFlags().getAsLong() & CLONE_THREAD) == 0 ? Creation.CLONE3_WITHOUT_THREAD : null;
                }
                // Without them (an event built by hand or read from an older trace file, or a struct the engine
                // could not read), judge by the child's first call: a thread's tid runs in the parent's process.
                if (e.succeeded()) {
                    long child = e.returnValue();
                    for (SyscallEvent other : events) {
                        if (other.tid() == child) {
                            return other.pid() == child ? Creation.CLONE3_CHILD_IS_PROCESS : null;
                        }
                    }
                }
                return Creation.CLONE3_FLAGS_UNREADABLE;
            }
            default:
                return null;
        }
    }
}
