package dev.syscallassert.core.ptrace;

import dev.syscallassert.RunningTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.HashSet;
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
                new TraceeStarter(config, tasks, execTrampoline, output).start();
            } else {
                new Attacher(tasks).attach(config.attachPid());
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
