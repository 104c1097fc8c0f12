package dev.syscallassert.core.ptrace;

import com.sun.jna.Memory;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.decode.DecodedCall;
import dev.syscallassert.core.decode.ProcNetSockets;
import dev.syscallassert.core.decode.SyscallDecoders;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.core.marker.MarkerCall;
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
    private static final int NR_LISTEN = TABLE.requireNumber("listen");
    private static final int NR_SCHED_SETAFFINITY = TABLE.requireNumber("sched_setaffinity");
    private static final int NR_CLONE3 = TABLE.requireNumber("clone3");
    private static final int PR_SET_NAME = Constants.intValue("prctl_option", "PR_SET_NAME");
    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");

    private static final int SYSCALL_INFO_SIZE = X86_64.SYSCALL_INFO_SIZE;

    /** A traced thread and what it is in the middle of. */
    private static final class Task {
        final int tid;
        int tgid;
        String comm;
        Pending pending;
        boolean awaitingExit;

        Task(int tid, int tgid) {
            this.tid = tid;
            this.tgid = tgid;
        }
    }

    /** A syscall between its entry and exit stop. {@code slot} is its place in the event list, or -1 if unrecorded. */
    private static final class Pending {
        final int nr;
        final long[] args;
        final long start;
        final DecodedCall decoded;
        final int slot;

        Pending(int nr, long[] args, long start, DecodedCall decoded, int slot) {
            this.nr = nr;
            this.args = args;
            this.start = start;
            this.decoded = decoded;
            this.slot = slot;
        }
    }

    private final TraceConfig config;
    private final SyscallTable table = TABLE;
    private final SyscallSelection selection;
    private final SyscallDecoders decoders;
    private final TraceeMemory memory = new TraceeMemory();
    private final Memory status = new Memory(8);
    private final Memory info = new Memory(SYSCALL_INFO_SIZE);
    private final Registers regs = new Registers();
    private final Memory eventMessage = new Memory(8);
    private final long clockOffset;

    private final Map<Integer, Task> tasks = new HashMap<>();
    /** Thread-group ids of live traced processes, readable by the thread that enforces the timeout. */
    private final Set<Integer> liveProcesses = ConcurrentHashMap.newKeySet();
    /** Events in entry order; a slot holds null while its call is in progress. */
    private final List<SyscallEvent> slots = new ArrayList<>();
    private final Map<Integer, Pending> openSlots = new HashMap<>();
    private final Map<Integer, Task> pendingOwners = new HashMap<>();

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
        this.decoders = new SyscallDecoders(table);
        this.clockOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        // A spawned program gets a filter so that unselected syscalls never stop; an attached one is not ours to
        // change (a filter can never be removed), so it pays a stop per syscall.
        this.useSeccomp = config.command() != null && (!selection.isAll() || config.filterInstalledByTracee());
        this.injectFilter = useSeccomp && !config.filterInstalledByTracee();
        this.execTrampoline = config.command() == null ? null : new ExecTrampoline(
                config.environment() != null ? config.environment() : System.getenv(),
                injectFilter ? filterNumbers() : null, memory, regs);
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
            startWall = now();
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
            endWall = now();
            cleanUp();
        }
    }

    private long now() {
        return System.nanoTime() + clockOffset;
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
                    finishUnfinished(t);
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
                finishUnfinished(task);
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
            onSyscallStop(task);
            return;
        }
        if (event == Ptrace.EVENT_SECCOMP) {
            onSyscallStop(task);
        } else if (event == Ptrace.EVENT_FORK || event == Ptrace.EVENT_VFORK || event == Ptrace.EVENT_CLONE) {
            onNewTask(task, event);
            resume(task, 0);
        } else if (event == Ptrace.EVENT_EXEC) {
            onExec(task);
        } else if (event == Ptrace.EVENT_STOP) {
            if (sig == Signals.SIGSTOP || sig == Signals.SIGTSTP || sig == Signals.SIGTTIN || sig == Signals.SIGTTOU) {
                // group-stop: stay stopped like an untraced process would, but still see SIGCONT
                LibC.ptrace(Ptrace.PTRACE_LISTEN, tid, 0, 0);
            } else {
                resume(task, 0);
            }
        } else if (event == 0) {
            // signal-delivery stop: the signal goes through (a JVM relies on SIGSEGV for safepoints)
            resume(task, sig);
        } else {
            resume(task, 0);
        }
    }

    private void resume(Task task, int signal) {
        int request = task.awaitingExit || !useSeccomp ? Ptrace.PTRACE_SYSCALL : Ptrace.PTRACE_CONT;
        if (execTrampoline != null && execTrampoline.awaitingProgramExec()) {
            request = Ptrace.PTRACE_SYSCALL;
        }
        LibC.ptrace(request, task.tid, 0, signal);
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
        if (event == Ptrace.EVENT_CLONE && parent.pending != null) {
            if (parent.pending.nr == NR_CLONE) {
                thread = (parent.pending.args[0] & CLONE_THREAD) != 0;
            } else if (parent.pending.nr == NR_CLONE3) {
                byte[] flags = memory.at(parent.tgid, parent.tid).read(parent.pending.args[0], 8);
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
            finishUnfinished(task);
            if (former != null) {
                task.pending = former.pending;
                task.awaitingExit = former.awaitingExit;
                if (task.pending != null && task.pending.slot >= 0) {
                    pendingOwners.put(task.pending.slot, task);
                }
            }
        }
        task.comm = null;
        resume(task, 0);
    }

    private String comm(Task task) {
        if (task.comm == null) {
            try {
                task.comm = new String(Files.readAllBytes(Path.of("/proc/" + task.tid + "/comm")),
                        StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                task.comm = "";
            }
        }
        return task.comm;
    }

    // ------------------------------------------------------------------------------------------- syscall stops

    private void onSyscallStop(Task task) {
        int tid = task.tid;
        long n = LibC.ptrace(Ptrace.PTRACE_GET_SYSCALL_INFO, tid, SYSCALL_INFO_SIZE, com.sun.jna.Pointer.nativeValue(info));
        if (n <= 0) {
            resume(task, 0);
            return;
        }
        int op = info.getByte(X86_64.SYSCALL_INFO_OP);
        if (op == Ptrace.SYSCALL_INFO_ENTRY || op == Ptrace.SYSCALL_INFO_SECCOMP) {
            onEntry(task, op);
        } else if (op == Ptrace.SYSCALL_INFO_EXIT) {
            onExit(task);
        } else {
            resume(task, 0);
        }
    }

    private void onEntry(Task task, int op) {
        if (task.awaitingExit) {
            // The same call seen twice (syscall-entry stop and seccomp stop): the first one counts.
            resume(task, 0);
            return;
        }
        int nr = (int) info.getLong(X86_64.SYSCALL_INFO_NR);
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = info.getLong(X86_64.SYSCALL_INFO_ARGS + 8L * i);
        }
        if (execTrampoline != null && execTrampoline.awaitingProgramExec()
                && execTrampoline.handledEntry(task.tid, nr, args)) {
            return;
        }
        if (nr == Marker.SYSCALL_NR && config.markerHandler() != null) {
            answerMarker(task, args);
            return;
        }
        if (nr == NR_PRCTL && args[0] == PR_SET_NAME) {
            String name = memory.at(task.tgid, task.tid).readString(args[1], 16);
            if (name != null) {
                task.comm = name;
            }
        }
        boolean record = selection.contains(nr);
        if (!record) {
            if (useSeccomp && op == Ptrace.SYSCALL_INFO_SECCOMP) {
                resume(task, 0); // stopped only to learn a thread name; no need to see it return
                return;
            }
            task.pending = new Pending(nr, args, 0, null, -1);
            task.awaitingExit = true;
            resume(task, 0);
            return;
        }
        long start = now();
        DecodedCall decoded;
        try {
            decoded = decoders.decodeEntry(nr, args, memory.at(task.tgid, task.tid));
        } catch (RuntimeException e) {
            decoded = new DecodedCall();
            decoded.renderedArgs = new String[] {"<decoder failed: " + e + ">"};
        }
        int slot = slots.size();
        slots.add(null);
        Pending p = new Pending(nr, args, start, decoded, slot);
        openSlots.put(slot, p);
        pendingOwners.put(slot, task);
        task.pending = p;
        task.awaitingExit = true;
        resume(task, 0);
    }

    /** Runs the marker's command, then cancels the syscall (nr -1) with the answer already in rax. */
    private void answerMarker(Task task, long[] args) {
        TraceeMemory m = memory.at(task.tgid, task.tid);
        String argument = "";
        if (args[2] > 0 && args[2] < (1 << 20)) {
            byte[] bytes = m.read(args[1], (int) args[2]);
            argument = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }
        String arg = argument;
        long answer;
        try {
            answer = config.markerHandler().handle(new MarkerCall() {
                public int pid() { return task.tgid; }
                public int tid() { return task.tid; }
                public long command() { return args[0]; }
                public String argument() { return arg; }
                public SyscallTrace snapshot() { return SyscallTrace.of(completedEvents()); }
                public int eventCount() { return slots.size(); }
                public SyscallTrace snapshot(int fromIndex, int toIndex) {
                    return SyscallTrace.of(completedEvents(fromIndex, toIndex));
                }
            });
        } catch (RuntimeException e) {
            answer = -Errnos.EIO; // the handler failed; the tracee sees an error instead of a hang
        }
        regs.load(task.tid);
        regs.set(X86_64.REG_ORIG_RAX, -1);
        regs.set(X86_64.REG_RAX, answer);
        regs.store(task.tid);
        resume(task, 0);
    }

    private List<SyscallEvent> completedEvents() {
        return completedEvents(0, slots.size());
    }

    private List<SyscallEvent> completedEvents(int fromIndex, int toIndex) {
        int from = Math.max(0, fromIndex);
        int to = Math.min(slots.size(), toIndex);
        List<SyscallEvent> events = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            SyscallEvent e = slots.get(i);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    private void onExit(Task task) {
        Pending p = task.pending;
        task.pending = null;
        task.awaitingExit = false;
        if (p != null && p.slot >= 0) {
            long ret = info.getLong(X86_64.SYSCALL_INFO_RVAL);
            boolean isError = info.getByte(X86_64.SYSCALL_INFO_IS_ERROR) != 0;
            complete(task, p, ret, isError); // resumes the task as soon as its memory has been read
        } else {
            resume(task, 0);
        }
    }

    /**
     * Finishes a recorded call at its exit stop. Everything that reads the stopped tracee happens first; then the
     * tracee is resumed, and the event is built while it runs: a blocked thread (futex, read) that was just woken is
     * on some other thread's critical path, so every microsecond it waits on the tracer counts.
     */
    private void complete(Task task, Pending p, long ret, boolean isError) {
        long errno = isError ? -ret : 0;
        long end = now();
        try {
            decoders.decodeExit(p.nr, p.args, ret, isError, memory.at(task.tgid, task.tid), p.decoded);
        } catch (RuntimeException e) {
            // a decoder bug must never stop the trace; the raw values are kept
        }
        String listenAddress = !isError && p.nr == NR_LISTEN && p.decoded.address == null
                ? ProcNetSockets.localAddress(task.tgid, p.decoded.fdPath) : null;
        comm(task); // the name it has now, before it can rename itself
        resume(task, 0);
        SyscallEvent.Builder b = builder(task, p).endNanos(end);
        if (isError && SyscallDecoders.isRestart(errno)) {
            // interrupted and to be restarted: the kernel will run it again, so it neither failed nor returned
            b.finished(false).renderedReturn("? " + SyscallDecoders.restartName(errno) + " (To be restarted)");
        } else if (isError) {
            b.returnValue(ret).errno(SyscallDecoders.errnoName((int) errno))
                    .renderedReturn(SyscallDecoders.renderError((int) errno));
        } else {
            b.returnValue(ret);
            if (listenAddress != null) {
                b.address(listenAddress);
            }
            if (p.decoded.renderedReturn != null) {
                b.renderedReturn(p.decoded.renderedReturn);
            }
        }
        store(p.slot, b.build());
    }

    private SyscallEvent.Builder builder(Task task, Pending p) {
        DecodedCall d = p.decoded;
        SyscallEvent.Builder b = SyscallEvent.builder()
                .pid(task.tgid).tid(task.tid).thread(comm(task))
                .syscall(table.name(p.nr)).number(p.nr).categories(table.categories(p.nr))
                .args(p.args).startNanos(p.start)
                .path(d.path).path2(d.path2).fdPath(d.fdPath).address(d.address).argv(d.argv)
                .openFlags(d.openFlags).cloneFlags(d.cloneFlags);
        if (d.renderedArgs != null) {
            b.renderedArgs(java.util.Arrays.asList(d.renderedArgs));
        }
        return b;
    }

    private void store(int slot, SyscallEvent event) {
        slots.set(slot, event);
        openSlots.remove(slot);
        pendingOwners.remove(slot);
        if (config.listener() != null) {
            try {
                config.listener().accept(event);
            } catch (RuntimeException e) {
                // a listener's failure must not break the trace
            }
        }
    }

    /** The task is gone (or detached) in the middle of a call: exit, exit_group, or killed. */
    private void finishUnfinished(Task task) {
        Pending p = task.pending;
        task.pending = null;
        task.awaitingExit = false;
        if (p != null && p.slot >= 0 && openSlots.containsKey(p.slot)) {
            long t = now();
            store(p.slot, builder(task, p).finished(false).endNanos(t).build());
        }
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
        for (Task task : new ArrayList<>(tasks.values())) {
            finishUnfinished(task);
        }
        for (Map.Entry<Integer, Pending> e : new HashMap<>(openSlots).entrySet()) {
            Task owner = pendingOwners.get(e.getKey());
            if (owner != null) {
                store(e.getKey(), builder(owner, e.getValue()).finished(false).endNanos(now()).build());
            }
        }
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
        List<SyscallEvent> events = completedEvents();
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
