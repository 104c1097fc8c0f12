package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process life, strace.c's task table: every traced task (thread) by tid, the processes they make up, the fork-bomb
 * limit, the main process's exit status, and the one kill-all.
 *
 * <p>Confined to the tracer thread, except what the {@link TraceHandle}'s threads use to kill or signal the tree
 * ({@link #requestKill}, {@link #killAll}, {@link #signalAll}, {@link #killReason}, {@link #mainPid}): those only call
 * kill(2), never ptrace, and read the set of live processes (concurrent, since the tracer thread changes it meanwhile),
 * the trampoline's pid, the main pid and the kill reason (volatile). The exit status is read after the tracer thread
 * was joined.
 */
final class Tasks {
    private final Map<Integer, Task> byTid = new HashMap<>();
    /** How many of them have stopped once ({@link Task#stopped}): strace.c's nprocs. */
    private int stoppedOnce;
    /** Thread-group ids of live traced processes, readable by the thread that enforces the timeout. */
    private final Set<Integer> liveProcesses = ConcurrentHashMap.newKeySet();
    /** Whether the tracer spawned the tree (it may then kill it); an attached tree is only detached from. */
    private final boolean spawned;
    private final int maxProcesses;
    private final NativeMemory status = new NativeMemory(8);
    /** The spawned shell until it is seized (not yet a task), so that a kill meanwhile reaches it; else 0. */
    private volatile int trampolinePid;
    private volatile int mainPid;
    private volatile KillReason killReason;
    private int exitCode = -1;
    private String killSignal;

    /**
     * @param spawned      whether the tracer spawned the tree (rather than attached to it)
     * @param maxProcesses the most tasks there may be at once before the tree is killed
     */
    Tasks(boolean spawned, int maxProcesses) {
        this.spawned = spawned;
        this.maxProcesses = maxProcesses;
    }

    // ------------------------------------------------------------------------------------------------ the table

    Task get(int tid) {
        return byTid.get(tid);
    }

    Collection<Task> all() {
        return byTid.values();
    }

    boolean isEmpty() {
        return byTid.isEmpty();
    }

    /**
     * How many traced tasks are alive, counted as strace.c's nprocs is: each from its first stop (when strace
     * allocates its record) to its end. strace's stderr puts {@code [pid N]} in front of a line when this is over 1.
     */
    int count() {
        return stoppedOnce;
    }

    /** The task's stop was seen; the first one counts it among the live tasks ({@link #count()}). */
    void stopped(Task t) {
        if (!t.stopped) {
            t.stopped = true;
            stoppedOnce++;
        }
    }

    /**
     * A parent's fork, vfork or clone event named a new task: it joins the table (as {@link #register} does), and is
     * counted among the live tasks only from its first stop, which may come a little later (or came before).
     */
    Task announce(int tid, int tgid) {
        return register(tid, tgid, false);
    }

    /**
     * A task joins the trace (or, already known, learns its process). One more than the limit kills the tree; once a
     * kill is requested, a task that still shows up (a fork racing with the kill) is killed too. It is stopped now
     * (just seized, or at its first stop), so it counts among the live tasks at once.
     */
    Task register(int tid, int tgid) {
        return register(tid, tgid, true);
    }

    private Task register(int tid, int tgid, boolean stoppedNow) {
        Task t = byTid.get(tid);
        if (t == null) {
            t = new Task(tid, tgid);
            byTid.put(tid, t);
            liveProcesses.add(tgid);
            if (byTid.size() > maxProcesses && killReason == null) {
                killReason = KillReason.PROCESS_LIMIT;
                killAll();
            }
        } else {
            t.tgid = tgid;
            liveProcesses.add(tgid);
        }
        if (stoppedNow) {
            stopped(t);
        }
        killIfDoomed(tid);
        return t;
    }

    /** A task whose first stop came before its parent's fork or clone event: its process is read from /proc. */
    Task registerFirstSeen(int tid) {
        return register(tid, ProcFs.tgid(tid));
    }

    /** The task has ended: it leaves the table, and its process leaves the live ones with its last task. */
    void exited(Task task) {
        uncount(byTid.remove(task.tid));
        for (Task t : byTid.values()) {
            if (t.tgid == task.tgid) {
                return;
            }
        }
        liveProcesses.remove(task.tgid);
    }

    /** Removes a record whose thread is no longer traced under its tid (detached, or replaced by an exec). */
    Task drop(int tid) {
        Task t = byTid.remove(tid);
        uncount(t);
        return t;
    }

    private void uncount(Task t) {
        if (t != null && t.stopped) {
            stoppedOnce--;
        }
    }

    /** The trace is over: nothing is traced any more. */
    void clear() {
        byTid.clear();
        stoppedOnce = 0;
        liveProcesses.clear();
    }

    // ----------------------------------------------------------------------------------------- the main process

    /** The shell was spawned: it is the main process, and a kill reaches it even before it is seized. */
    void spawnedShell(int pid) {
        trampolinePid = pid;
        mainPid = pid;
    }

    /** The shell is seized: from now on it is killed as a traced process. */
    void shellSeized() {
        trampolinePid = 0;
    }

    void attaching(int pid) {
        mainPid = pid;
    }

    int mainPid() {
        return mainPid;
    }

    /** A task ended with wait status {@code s}: when it is the main process, its exit status is the trace's. */
    void recordExit(int tid, int s) {
        if (tid == mainPid) {
            recordMainExit(s);
        }
    }

    /** The exit status as a shell reports it: the code, or 128 + the signal that killed it. */
    private void recordMainExit(int s) {
        if (WaitStatus.exited(s)) {
            exitCode = WaitStatus.exitStatus(s);
        } else if (WaitStatus.signaled(s)) {
            killSignal = Signals.name(WaitStatus.termSignal(s));
            exitCode = 128 + WaitStatus.termSignal(s);
        }
    }

    /** -1 while the main process has not ended. */
    int exitCode() {
        return exitCode;
    }

    /** The signal that killed the main process ("SIGKILL"), or null. */
    String killSignal() {
        return killSignal;
    }

    // ----------------------------------------------------------------------------------------------- killing

    /** Any thread: the trace is to end for {@code reason} (the first one given wins); a spawned tree is killed. */
    void requestKill(KillReason reason) {
        if (killReason == null) {
            killReason = reason;
        }
        if (!spawned) {
            return; // attached processes are detached by the tracer thread, never killed
        }
        killAll();
    }

    KillReason killReason() {
        return killReason;
    }

    /** Whether the tracer thread is to detach from an attached tree now. */
    boolean detachRequested() {
        return !spawned && killReason != null;
    }

    /**
     * After a kill of a spawned tree, a task that still stops (one that forked meanwhile, or is not dead yet) is
     * killed at once instead of being handled. Returns whether it was.
     */
    boolean killIfDoomed(int tid) {
        if (killReason != null && spawned) {
            LibC.kill(tid, Signals.SIGKILL);
            return true;
        }
        return false;
    }

    /**
     * Any thread: SIGKILL to every live traced process and to the shell not yet seized. The tracer thread then reaps
     * their exits. A signal to a process reaches all its threads, so one per process is enough.
     */
    void killAll() {
        int t = trampolinePid;
        if (t > 0) {
            LibC.kill(t, Signals.SIGKILL);
        }
        for (int pid : liveProcesses) {
            LibC.kill(pid, Signals.SIGKILL);
        }
    }

    /** Any thread: a signal to every traced process (each then stops or continues as a whole). */
    void signalAll(int signal) {
        for (int pid : liveProcesses) {
            LibC.kill(pid, signal);
        }
    }

    /**
     * Never leave anything behind: kills what is left of a spawned tree and reaps every child of the tracer thread,
     * keeping the main process's exit status if the wait loop did not see it.
     */
    void killAndReap() {
        killAll();
        while (true) {
            int r = Waits.waitpid(-1, status, WaitStatus.__WALL | WaitStatus.__WNOTHREAD);
            if (r <= 0) {
                break;
            }
            if (r == mainPid && exitCode < 0) {
                recordMainExit(status.getInt(0));
            }
        }
    }
}
