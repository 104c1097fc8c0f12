package dev.syscallassert.core.ptrace;

import com.sun.jna.Memory;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.spawn.SpawnedTrampoline;
import dev.syscallassert.core.spawn.Spawner;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace: the dedicated tracer thread that spawns (or attaches to) the tracee and runs the ptrace wait loop until
 * every traced task is gone. Every ptrace request and wait for this tree is made from that one thread, because a
 * tracee belongs to the thread that attached it.
 */
public final class TraceSession {

    private static final SyscallTable TABLE = SyscallTable.current();
    private static final int NR_EXECVE = TABLE.requireNumber("execve");
    private static final int NR_PRCTL = TABLE.requireNumber("prctl");
    private static final int NR_SCHED_SETAFFINITY = TABLE.requireNumber("sched_setaffinity");

    private final TraceConfig config;
    private final SyscallTable table = TABLE;
    private final SyscallSelection selection;
    private final TraceeMemory memory = new TraceeMemory();
    private final Registers regs = new Registers();
    private final WallClock clock = new WallClock();
    private final EventSlots slots;
    private final ResumePolicy resumes;
    private final SyscallRecorder recorder;

    private final Tasks tasks;
    private final StopLoop stops;

    private final boolean useSeccomp;
    private final boolean injectFilter;
    /** The spawned shell's exec of the program; null when attached. */
    private final ExecTrampoline execTrampoline;
    private final TraceOutput output;
    private final Thread tracer;
    private final TraceHandle handle;

    private TraceSession(TraceConfig config) {
        this.config = config;
        this.selection = config.selection();
        this.tasks = new Tasks(config.command() != null, config.maxTasks());
        // A spawned program gets a filter so that unselected syscalls never stop; an attached one is not ours to
        // change (a filter can never be removed), so it pays a stop per syscall.
        this.useSeccomp = config.command() != null && (!selection.isAll() || config.filterInstalledByTracee());
        this.injectFilter = useSeccomp && !config.filterInstalledByTracee();
        this.execTrampoline = config.command() == null ? null : new ExecTrampoline(
                config.environment() != null ? config.environment() : System.getenv(),
                injectFilter ? filterNumbers() : null, memory, regs);
        this.slots = new EventSlots(config.listener());
        this.output = new TraceOutput(tasks, slots);
        this.resumes = new ResumePolicy(useSeccomp, execTrampoline);
        MarkerDispatch markers = config.markerHandler() == null ? null
                : new MarkerDispatch(config.markerHandler(), memory, slots, regs, resumes);
        this.recorder = new SyscallRecorder(table, selection, useSeccomp, memory, slots, resumes, clock,
                execTrampoline, markers);
        this.stops = new StopLoop(tasks, recorder, resumes, memory, config.command() == null);
        this.tracer = new Thread(this::runOnTracerThread, "syscall-assert-tracer");
        tracer.setDaemon(true);
        this.handle = new TraceHandle(config, tracer, tasks, output);
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

    private void runOnTracerThread() {
        try {
            output.started(clock.now());
            if (config.command() != null) {
                if (config.sameCpu()) {
                    pinThisThreadToItsCpu(); // before the spawn: the program inherits the mask
                }
                spawnAndSeize();
            } else {
                attach();
            }
            handle.startDone();
            stops.run();
        } catch (Throwable t) {
            handle.failed(t);
        } finally {
            handle.startDone();
            output.ended(clock.now());
            cleanUp();
        }
    }

    // ---------------------------------------------------------------------------------------------------- start-up

    private void spawnAndSeize() {
        int scratch = execTrampoline.buildFilter();
        Path cwd = config.workingDirectory() != null ? config.workingDirectory().toAbsolutePath()
                : Path.of("").toAbsolutePath();
        Map<String, String> env = config.environment() != null ? config.environment() : System.getenv();
        SpawnedTrampoline trampoline = Spawner.spawn(config.command(), cwd, env, config.inheritIO(), scratch);
        output.capturedBy(trampoline);
        tasks.spawnedShell(trampoline.pid());
        int mainPid = trampoline.pid();
        int options = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE | Ptrace.O_TRACEFORK
                | Ptrace.O_TRACEVFORK | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;
        if (LibC.ptrace(Ptrace.PTRACE_SEIZE, mainPid, 0, options) != 0) {
            int errno = LibC.errno();
            LibC.kill(mainPid, Signals.SIGKILL);
            reapQuietly(mainPid);
            throw Platform.refused(errno, mainPid, "seize the program it started");
        }
        tasks.shellSeized();
        execTrampoline.seized(trampoline);
        tasks.register(mainPid, mainPid);
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

    private static void reapQuietly(int pid) {
        Waits.waitpid(pid, new Memory(8), WaitStatus.__WALL);
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
        int mainPid = config.attachPid();
        tasks.attaching(mainPid);
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
                for (Task t : tasks.all()) {
                    LibC.ptrace(Ptrace.PTRACE_DETACH, t.tid, 0, 0);
                }
                throw Platform.refused(errno, tid, "attach to pid " + mainPid);
            }
            tasks.register(tid, mainPid);
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

    // ------------------------------------------------------------------------------------------------ the end

    /** Never leave anything behind: kill what is left, reap every child, delete temp files on failure. */
    private void cleanUp() {
        if (config.command() != null) {
            tasks.killAndReap();
        }
        recorder.abandonAll(tasks.all());
        tasks.clear();
    }
}
