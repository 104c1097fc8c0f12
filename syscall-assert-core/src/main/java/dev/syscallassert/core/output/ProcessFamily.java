package dev.syscallassert.core.output;

import dev.syscallassert.ProcessExit;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who made whom among the traced tasks, from the kernel's own answers: a successful clone, clone3, fork or vfork
 * returns the new task's id to its creator, and its flags say whether it is a thread of the creator's process
 * ({@code CLONE_THREAD}) or a process whose parent is the creator's process, or the creator's own parent with
 * {@code CLONE_PARENT}. Tasks the trace saw no creation of (the traced command, an attached process) are roots. Each
 * task also gets its execs, its end, its calls and the files and addresses they named. Immutable once built; any
 * thread.
 */
public final class ProcessFamily {

    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");
    private static final long CLONE_PARENT = Constants.value("clone_flags", "CLONE_PARENT");
    private static final Set<String> CREATES = Set.of("clone", "clone3", "fork", "vfork");

    /** One traced thread or process leader, in the order the trace first saw it. */
    public static final class Task {
        private final int tid;
        private int pid;
        private int creator = -1;
        private long startNanos = Long.MAX_VALUE;
        private final List<Exec> execs = new ArrayList<>();
        private ProcessExit exit;
        private int calls;
        private String name = "";
        private int failed;
        private final Set<String> paths = new TreeSet<>();
        private final Set<String> addresses = new TreeSet<>();

        private Task(int tid, int pid) {
            this.tid = tid;
            this.pid = pid;
        }

        public int tid() { return tid; }

        public int pid() { return pid; }

        public boolean isThread() { return tid != pid; }

        /** The task whose call created this one, or -1 for a root (its creation was not traced). */
        public int creator() { return creator; }

        /**
         * The earliest moment the trace knows the task existed: its creating call's return or its own first event,
         * whichever came first (a new task may run before its creator's call returns); -1 when it had neither.
         */
        public long startNanos() { return startNanos == Long.MAX_VALUE ? -1 : startNanos; }

        public List<Exec> execs() { return Collections.unmodifiableList(execs); }

        public Optional<ProcessExit> exit() { return Optional.ofNullable(exit); }

        /** The calls this task made (harness calls included), and how many of them failed. */
        public int calls() { return calls; }

        public int failedCalls() { return failed; }

        /** The distinct paths its calls named (path, second path, the path of an fd), sorted. */
        public Set<String> paths() { return Collections.unmodifiableSet(paths); }

        public Set<String> addresses() { return Collections.unmodifiableSet(addresses); }
    }

    /** A successful execve or execveat: when it returned and the argument vector it was given. */
    public record Exec(long timeNanos, List<String> argv) {
    }

    private final Map<Integer, Task> tasks;

    private ProcessFamily(Map<Integer, Task> tasks) {
        this.tasks = tasks;
    }

    public static ProcessFamily of(List<? extends TraceEvent> timeline) {
        Map<Integer, Task> tasks = new LinkedHashMap<>();
        for (TraceEvent e : timeline) {
            Task t = tasks.computeIfAbsent(e.tid(), tid -> new Task(tid, e.pid()));
            if (!e.thread().isEmpty()) {
                t.name = e.thread(); // the last name it had
            }
            t.pid = e.pid(); // an exec from a non-leader thread moves it to the leader's id; the pid holds
            if (e instanceof ProcessExit exit) {
                t.exit = exit;
                t.startNanos = Math.min(t.startNanos, exit.timeNanos());
                continue;
            }
            if (!(e instanceof SyscallEvent call)) {
                continue;
            }
            t.startNanos = Math.min(t.startNanos, call.startNanos());
            t.calls++;
            if (call.failed()) {
                t.failed++;
            }
            call.path().ifPresent(t.paths::add);
            call.path2().ifPresent(t.paths::add);
            call.fdPath().ifPresent(t.paths::add);
            call.address().ifPresent(t.addresses::add);
            if (call.succeeded() && call.syscall().startsWith("execve")) {
                t.execs.add(new Exec(call.endNanos(), call.argv().orElse(List.of())));
            }
            if (call.succeeded() && CREATES.contains(call.syscall()) && call.returnValue() > 0) {
                created(tasks, t, call);
            }
        }
        return new ProcessFamily(tasks);
    }

    /** The task the call created, known from its return value; its first event may have come first. */
    private static void created(Map<Integer, Task> tasks, Task creator, SyscallEvent call) {
        int child = (int) call.returnValue();
        long flags = call.cloneFlags().orElse(0);
        boolean thread = (flags & CLONE_THREAD) != 0;
        Task c = tasks.computeIfAbsent(child, tid -> new Task(tid, thread ? creator.pid : tid));
        Task parentProcess = tasks.get(creator.pid);
        c.creator = (flags & CLONE_PARENT) != 0 && !thread && parentProcess != null && parentProcess.creator >= 0
                ? parentProcess.creator : creator.tid;
        c.startNanos = Math.min(c.startNanos, call.endNanos());
    }

    /** Every task, in the order the trace first saw it. */
    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    public Optional<Task> task(int tid) {
        return Optional.ofNullable(tasks.get(tid));
    }

    /** The processes (thread group leaders) whose creation was not traced. */
    public List<Task> roots() {
        return tasks.values().stream().filter(t -> !t.isThread() && t.creator < 0).toList();
    }

    /** The processes {@code process} created (its threads' children included), in creation order. */
    public List<Task> children(Task process) {
        return tasks.values().stream().filter(t -> !t.isThread() && t.creator >= 0 && t.tid != process.tid
                && tasks.get(t.creator) != null && tasks.get(t.creator).pid == process.pid).toList();
    }

    /** The threads of {@code process} other than its leader, in the order they were seen. */
    public List<Task> threads(Task process) {
        return tasks.values().stream().filter(t -> t.isThread() && t.pid == process.pid).toList();
    }

    /** The thread's name ({@code /proc/TID/comm}) when it last made a call, or empty. */
    public String threadName(Task task) {
        return task.name;
    }

    /** The process's name: its last exec's argv, or the name of its first thread when it never exec'd. */
    public String commandLine(Task process) {
        for (int i = process.execs.size() - 1; i >= 0; i--) {
            if (!process.execs.get(i).argv().isEmpty()) {
                return String.join(" ", process.execs.get(i).argv());
            }
        }
        Task creator = process.creator >= 0 ? tasks.get(process.creator) : null;
        Task parent = creator != null ? tasks.get(creator.pid) : null;
        return parent != null && parent != process ? "(forked from " + commandLine(parent) + ")" : "";
    }
}
