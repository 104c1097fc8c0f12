package dev.syscallassert.core.ptrace;

import com.sun.jna.Memory;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.spawn.SpawnedTrampoline;
import dev.syscallassert.core.spawn.Spawner;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One trace: the dedicated tracer thread that spawns (or attaches to) the tracee and runs the ptrace wait loop until
 * every traced task is gone. Every ptrace request and wait for this tree is made from that one thread, because a
 * tracee belongs to the thread that attached it.
 */
public final class TraceSession {

    private static final SyscallTable TABLE = SyscallTable.current();
    private static final int NR_EXECVE = TABLE.requireNumber("execve");
    private static final int NR_PRCTL = TABLE.requireNumber("prctl");
    private static final int NR_CLONE = TABLE.requireNumber("clone");
    private static final int NR_SCHED_SETAFFINITY = TABLE.requireNumber("sched_setaffinity");
    private static final int NR_CLONE3 = TABLE.requireNumber("clone3");
    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");

    private final TraceConfig config;
    private final SyscallTable table = TABLE;
    private final SyscallSelection selection;
    private final TraceeMemory memory = new TraceeMemory();
    private final Memory status = new Memory(8);
    private final Registers regs = new Registers();
    private final Memory eventMessage = new Memory(8);
    private final WallClock clock = new WallClock();
    private final EventSlots slots;
    private final ResumePolicy resumes;
    private final SyscallRecorder recorder;

    private final Map<Integer, Task> tasks = new HashMap<>();
    /** Thread-group ids of live traced processes, readable by the thread that enforces the timeout. */
    private final Set<Integer> liveProcesses = ConcurrentHashMap.newKeySet();

    private final boolean useSeccomp;
    private final boolean injectFilter;
    /** The spawned shell's exec of the program; null when attached. */
    private final ExecTrampoline execTrampoline;
    private SpawnedTrampoline trampoline;
    private int mainPid;
    private int exitCode = -1;
    private String killSignal;
    private volatile KillReason killReason;
    private volatile int trampolinePid;
    private final Thread tracer;
    private final TraceHandle handle;
    private long startWall;
    private long endWall;
    private int peakTasks;

    private TraceSession(TraceConfig config) {
        this.config = config;
        this.selection = config.selection();
        // A spawned program gets a filter so that unselected syscalls never stop; an attached one is not ours to
        // change (a filter can never be removed), so it pays a stop per syscall.
        this.useSeccomp = config.command() != null && (!selection.isAll() || config.filterInstalledByTracee());
        this.injectFilter = useSeccomp && !config.filterInstalledByTracee();
        this.execTrampoline = config.command() == null ? null : new ExecTrampoline(
                config.environment() != null ? config.environment() : System.getenv(),
                injectFilter ? filterNumbers() : null, memory, regs);
        this.slots = new EventSlots(config.listener());
        this.resumes = new ResumePolicy(useSeccomp, execTrampoline);
        MarkerDispatch markers = config.markerHandler() == null ? null
                : new MarkerDispatch(config.markerHandler(), memory, slots, regs, resumes);
        this.recorder = new SyscallRecorder(table, selection, useSeccomp, memory, slots, resumes, clock,
                execTrampoline, markers);
        this.tracer = new Thread(this::runOnTracerThread, "syscall-assert-tracer");
        tracer.setDaemon(true);
        this.handle = new TraceHandle(this, config, tracer);
    }

    /** Runs the trace described by {@code config} on a new tracer thread and waits for it. */
    public static TraceResult run(TraceConfig config) {
        return start(config).await();
    }

    /**
     * Starts the trace on a new tracer thread and returns once the program is spawned and seized (or attached), so
     * that a program that cannot start fails here, with the same exceptions as {@link #run}.
     */
    public static RunningTrace start(TraceConfig config) {
        Platform.requireTraceable();
        TraceSession session = new TraceSession(config);
        session.tracer.start();
        session.handle.awaitStarted();
        return session.handle;
    }

    /** Called from the waiting thread: SIGKILL every traced process; the tracer thread then drains their exits. */
    void requestKill(KillReason reason) {
        if (killReason == null) {
            killReason = reason;
        }
        if (config.command() == null) {
            return; // attached processes are detached by the tracer thread, never killed
        }
        int t = trampolinePid;
        if (t > 0) {
            LibC.kill(t, Signals.SIGKILL);
        }
        for (int pid : liveProcesses) {
            LibC.kill(pid, Signals.SIGKILL);
        }
    }

    /** From any thread: a signal to every traced process (each then stops or continues as a whole). */
    void signalAll(int signal) {
        for (int pid : liveProcesses) {
            LibC.kill(pid, signal);
        }
    }

    private void runOnTracerThread() {
        try {
            startWall = clock.now();
            if (config.command() != null) {
                if (config.sameCpu()) {
                    pinThisThreadToItsCpu(); // before the spawn: the program inherits the mask
                }
                spawnAndSeize();
            } else {
                attach();
            }
            handle.startDone();
            loop();
        } catch (Throwable t) {
            handle.failed(t);
        } finally {
            handle.startDone();
            endWall = clock.now();
            cleanUp();
        }
    }

    // ---------------------------------------------------------------------------------------------------- start-up

    private void spawnAndSeize() {
        int scratch = execTrampoline.buildFilter();
        Path cwd = config.workingDirectory() != null ? config.workingDirectory().toAbsolutePath()
                : Path.of("").toAbsolutePath();
        Map<String, String> env = config.environment() != null ? config.environment() : System.getenv();
        trampoline = Spawner.spawn(config.command(), cwd, env, config.inheritIO(), scratch);
        trampolinePid = trampoline.pid();
        mainPid = trampoline.pid();
        int options = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE | Ptrace.O_TRACEFORK
                | Ptrace.O_TRACEVFORK | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;
        if (LibC.ptrace(Ptrace.PTRACE_SEIZE, mainPid, 0, options) != 0) {
            int errno = LibC.errno();
            LibC.kill(mainPid, Signals.SIGKILL);
            reapQuietly(mainPid);
            throw Platform.refused(errno, mainPid, "seize the program it started");
        }
        trampolinePid = 0;
        execTrampoline.seized(trampoline);
        register(mainPid, mainPid);
        LibC.kill(mainPid, Signals.SIGCONT);
    }

    /** sched_setaffinity(0 = this thread) to the CPU it runs on now; the tracer thread ends with the trace. */
    private static void pinThisThreadToItsCpu() {
        int cpu = LibC.sched_getcpu();
        if (cpu < 0) {
            throw new TracerException("sameCpu(): sched_getcpu failed: " + LibC.strerror(LibC.errno()));
        }
        Memory mask = new Memory(128);
        mask.clear();
        mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
        if (LibC.syscall(NR_SCHED_SETAFFINITY, 0, mask.size(), com.sun.jna.Pointer.nativeValue(mask)) != 0) {
            throw new TracerException("sameCpu(): sched_setaffinity failed: " + LibC.strerror(LibC.errno()));
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

    private void reapQuietly(int pid) {
        LibC.waitpid(pid, com.sun.jna.Pointer.nativeValue(status), WaitStatus.__WALL);
    }

    private int[] filterNumbers() {
        Set<Integer> nrs = new HashSet<>();
        for (int nr : selection.numbers()) {
            nrs.add(nr);
        }
        // always stop on these: thread names (prctl) and the trampoline's own exec
        nrs.add(NR_PRCTL);
        nrs.add(NR_EXECVE);
        return nrs.stream().mapToInt(Integer::intValue).toArray();
    }

    private void attach() {
        mainPid = config.attachPid();
        Path taskDir = Path.of("/proc/" + mainPid + "/task");
        if (!Files.isDirectory(taskDir)) {
            throw new TracerException("Cannot attach to pid " + mainPid + ": no such process");
        }
        if (statField(mainPid, 4) == LibC.getpid()) { // ppid
            // The JDK's process reaper waits for its children without __WNOTHREAD and would swallow their ptrace stops.
            throw new TracerException("Cannot attach to pid " + mainPid + ": it is a child of this JVM (started with "
                    + "ProcessBuilder or Runtime.exec), and the JDK's reaper thread would steal its ptrace stops. "
                    + "Start it with Tracer.command(...) instead.");
        }
        int options = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE | Ptrace.O_TRACEFORK
                | Ptrace.O_TRACEVFORK;
        List<Integer> tids = listTasks(taskDir);
        for (int tid : tids) {
            if (LibC.ptrace(Ptrace.PTRACE_SEIZE, tid, 0, options) != 0) {
                int errno = LibC.errno();
                if (errno == Errnos.ESRCH) {
                    continue; // the thread ended meanwhile
                }
                for (Task t : tasks.values()) {
                    LibC.ptrace(Ptrace.PTRACE_DETACH, t.tid, 0, 0);
                }
                throw Platform.refused(errno, tid, "attach to pid " + mainPid);
            }
            register(tid, mainPid);
            LibC.ptrace(Ptrace.PTRACE_INTERRUPT, tid, 0, 0);
        }
        if (tasks.isEmpty()) {
            throw new TracerException("Cannot attach to pid " + mainPid + ": it exited");
        }
    }

    /**
     * Field {@code field} (numbered from 1 as in proc(5)) of /proc/PID/stat, or -1. The name in field 2 may hold
     * spaces and parentheses, so fields are counted from the last ')'.
     */
    private static long statField(int pid, int field) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[field - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Integer> listTasks(Path taskDir) {
        List<Integer> tids = new ArrayList<>();
        try (var s = Files.list(taskDir)) {
            s.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException e) {
            throw new TracerException("Cannot list the threads of " + taskDir.getParent() + ": " + e.getMessage(), e);
        }
        return tids;
    }

    private Task register(int tid, int tgid) {
        Task t = tasks.get(tid);
        if (t == null) {
            t = new Task(tid, tgid);
            tasks.put(tid, t);
            liveProcesses.add(tgid);
            peakTasks = Math.max(peakTasks, tasks.size());
            if (tasks.size() > config.maxTasks() && killReason == null) {
                killReason = KillReason.PROCESS_LIMIT;
                killEverything();
            }
        } else {
            t.tgid = tgid;
            liveProcesses.add(tgid);
        }
        if (killReason != null && config.command() != null) {
            LibC.kill(tid, Signals.SIGKILL);
        }
        return t;
    }

    private void killEverything() {
        for (Task t : tasks.values()) {
            LibC.kill(t.tgid, Signals.SIGKILL);
        }
    }

    // ----------------------------------------------------------------------------------------------- the wait loop

    private void loop() {
        boolean attachMode = config.command() == null;
        int options = WaitStatus.__WALL | WaitStatus.__WNOTHREAD | (attachMode ? WaitStatus.WNOHANG : 0);
        boolean detaching = false;
        int idlePolls = 0;
        while (true) {
            if (attachMode && killReason != null && !detaching) {
                detaching = true;
                for (Task t : tasks.values()) {
                    LibC.ptrace(Ptrace.PTRACE_INTERRUPT, t.tid, 0, 0);
                }
            }
            int tid = LibC.waitpid(-1, com.sun.jna.Pointer.nativeValue(status), options);
            if (tid == 0) {
                // Attach mode polls so that a timeout can stop it (only this thread may detach): briefly while
                // stops keep coming, then backing off to a few milliseconds when the tracee is idle.
                idlePolls++;
                java.util.concurrent.locks.LockSupport.parkNanos(idlePolls < 100 ? 20_000 : 2_000_000);
                continue;
            }
            idlePolls = 0;
            if (tid < 0) {
                int errno = LibC.errno();
                if (errno == Errnos.EINTR) {
                    continue;
                }
                if (errno == Errnos.ECHILD) {
                    return;
                }
                throw new TracerException("waitpid failed: errno " + errno);
            }
            int s = status.getInt(0);
            if (detaching && WaitStatus.stopped(s)) {
                Task t = tasks.remove(tid);
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
                handleStop(tid, s);
            } catch (TraceeExited e) {
                handleStop(e.tid, e.status); // its exit was consumed by another wait: record it as this loop would
            } catch (TraceeVanished e) {
                // killed (timeout, kill(), SIGKILL from outside) in the middle of being handled: its exit follows
            }
            if (attachMode && tasks.isEmpty()) {
                return;
            }
        }
    }

    private void handleStop(int tid, int s) {
        Task task = tasks.get(tid);
        if (WaitStatus.exited(s) || WaitStatus.signaled(s)) {
            if (task != null) {
                recorder.abandon(task);
                tasks.remove(tid);
                int tgid = task.tgid;
                if (tasks.values().stream().noneMatch(t -> t.tgid == tgid)) {
                    liveProcesses.remove(tgid);
                }
            }
            if (tid == mainPid) {
                recordMainExit(s);
            }
            return;
        }
        if (!WaitStatus.stopped(s)) {
            return;
        }
        if (task == null) {
            // A new child's first stop can arrive before its parent's fork/clone event.
            task = register(tid, readTgid(tid));
        }
        if (killReason != null && config.command() != null) {
            LibC.kill(tid, Signals.SIGKILL);
            return;
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
            if (sig == Signals.SIGSTOP || sig == Signals.SIGTSTP || sig == Signals.SIGTTIN || sig == Signals.SIGTTOU) {
                // group-stop: stay stopped like an untraced process would, but still see SIGCONT
                LibC.ptrace(Ptrace.PTRACE_LISTEN, tid, 0, 0);
            } else {
                resumes.resume(task, 0);
            }
        } else if (event == 0) {
            // signal-delivery stop: the signal goes through (a JVM relies on SIGSEGV for safepoints)
            resumes.resume(task, sig);
        } else {
            resumes.resume(task, 0);
        }
    }

    private int readTgid(int tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/status"))) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the task is gone or /proc is odd: treat it as its own process
        }
        return tid;
    }

    private void onNewTask(Task parent, int event) {
        LibC.ptrace(Ptrace.PTRACE_GETEVENTMSG, parent.tid, 0, com.sun.jna.Pointer.nativeValue(eventMessage));
        int child = (int) eventMessage.getLong(0);
        boolean thread = false;
        if (event == Ptrace.EVENT_CLONE && parent.call != null) {
            if (parent.call.nr == NR_CLONE) {
                thread = (parent.call.args[0] & CLONE_THREAD) != 0;
            } else if (parent.call.nr == NR_CLONE3) {
                byte[] flags = memory.at(parent.tgid, parent.tid).read(parent.call.args[0], 8);
                thread = flags != null && (LittleEndian.s64(flags, 0) & CLONE_THREAD) != 0;
            }
        } else if (event == Ptrace.EVENT_CLONE) {
            thread = readTgid(child) == parent.tgid;
        }
        // The new thread's name is read from /proc at its first recorded call rather than copied from its parent:
        // a tracee that installs its own filter renames threads (prctl PR_SET_NAME) before any stop shows it.
        register(child, thread ? parent.tgid : child);
    }

    private void onExec(Task task) {
        LibC.ptrace(Ptrace.PTRACE_GETEVENTMSG, task.tid, 0, com.sun.jna.Pointer.nativeValue(eventMessage));
        int formerTid = (int) eventMessage.getLong(0);
        if (formerTid != task.tid) {
            // A non-leader thread exec'd: it takes over the leader's tid, and the old leader vanishes silently.
            Task former = tasks.remove(formerTid);
            recorder.abandon(task);
            if (former != null) {
                recorder.handOver(former, task);
            }
        }
        task.comm = null;
        resumes.resume(task, 0);
    }

    // ------------------------------------------------------------------------------------------------ the end

    /** Never leave anything behind: kill what is left, reap every child, delete temp files on failure. */
    private void cleanUp() {
        if (config.command() != null) {
            int t = trampolinePid;
            if (t > 0) {
                LibC.kill(t, Signals.SIGKILL);
            }
            for (Task task : tasks.values()) {
                LibC.kill(task.tid, Signals.SIGKILL);
            }
            while (true) {
                int r = LibC.waitpid(-1, com.sun.jna.Pointer.nativeValue(status), WaitStatus.__WALL | WaitStatus.__WNOTHREAD);
                if (r < 0 && LibC.errno() == Errnos.EINTR) {
                    continue;
                }
                if (r <= 0) {
                    break;
                }
                if (r == mainPid && exitCode < 0) {
                    recordMainExit(status.getInt(0));
                }
            }
        }
        recorder.abandonAll(tasks.values());
        tasks.clear();
        liveProcesses.clear();
    }

    int mainPid() {
        return mainPid;
    }

    KillReason killReason() {
        return killReason;
    }

    TraceResult result() {
        List<SyscallEvent> events = slots.completed();
        String out = "";
        String err = "";
        if (trampoline != null && trampoline.stdoutFile() != null) {
            out = readAndDelete(trampoline.stdoutFile());
            err = readAndDelete(trampoline.stderrFile());
        }
        return new TraceResult(mainPid, exitCode, killSignal, SyscallTrace.of(events), out, err,
                Duration.ofNanos(Math.max(0, endWall - startWall)));
    }

    void discardOutput() {
        if (trampoline != null && trampoline.stdoutFile() != null) {
            readAndDelete(trampoline.stdoutFile());
            readAndDelete(trampoline.stderrFile());
        }
    }

    private static String readAndDelete(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file we cannot delete is not worth failing the trace for
            }
        }
    }
}
