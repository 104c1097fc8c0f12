package dev.syscallassert.core.ptrace;

import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.TraceResult;
import dev.syscallassert.core.act.ActRules;
import dev.syscallassert.core.act.ActSwitch;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.seccomp.AlwaysStopped;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;

/**
 * One trace: wires its collaborators and runs them on a dedicated tracer thread, which spawns (or attaches to) the
 * tracee and runs the {@link StopLoop} until every traced task is gone. Every ptrace request and wait for this tree
 * is made from that one thread, because a tracee belongs to the thread that attached it; so every collaborator but
 * the {@link TraceHandle} is confined to it.
 *
 * <p>The collaborators follow strace's seams: {@link TraceeStarter} and {@link Attacher} (startup_child,
 * startup_attach), {@link Tasks} (the task table), {@link StopLoop} (next_event, dispatch_event), {@link ResumePolicy},
 * {@link SyscallRecorder} with {@link EventSlots} (syscall.c), {@link TaskEvents} (signals and exits, strace.c's
 * print_signalled and print_exited), {@link ExecTrampoline} and {@link MarkerDispatch} (the
 * two places the tracer changes what a tracee does), {@link Registers} and {@link TraceeMemory} (reading and writing
 * the tracee), {@link TraceOutput} (the result) and {@link TraceHandle} (the caller's side).
 */
public final class TraceSession {
    private final TraceConfig config;
    private final WallClock clock = new WallClock();
    private final Tasks tasks;
    private final TraceOutput output;
    /** The spawned shell's exec of the program; null when attached. */
    private final ExecTrampoline trampoline;
    private final SyscallRecorder recorder;
    private final StopLoop stops;
    /** The events' way to the trace's consumer; null without one. */
    private final EventPipe pipe;
    private final Thread tracer;
    private final TraceHandle handle;

    private TraceSession(TraceConfig config) {
        this.config = config;
        SyscallSelection selection = config.selection();
        // A spawned program gets a filter so that unselected syscalls never stop; an attached one is not ours to
        // change (a filter can never be removed), so it pays a stop per syscall.
        boolean filtered = config.spawns() && (!selection.isAll() || config.filterInstalledByTracee());
        boolean injectFilter = filtered && !config.filterInstalledByTracee();
        TraceeMemory memory = new TraceeMemory();
        Registers regs = new Registers();
        this.tasks = new Tasks(config.spawns(), config.maxProcesses());
        this.pipe = config.listener() == null ? null
                : new EventPipe(config.listener(), () -> tasks.killReason() != null);
        EventSlots slots = new EventSlots(config.retainEvents(), pipe, tasks::count);
        SyscallSummary.Accumulator systemTimes = config.countSystemTime()
                ? new SyscallSummary.Accumulator(SyscallSummary.Clock.SYSTEM) : null;
        this.output = new TraceOutput(tasks, slots, systemTimes);
        ActSwitch acts = config.acts();
        ActRules atStart = acts == null ? null : acts.current();
        this.trampoline = !config.spawns() ? null : new ExecTrampoline(
                injectFilter ? AlwaysStopped.forInjectedFilter(filterNumbers(selection, atStart)) : null,
                atStart == null ? new int[0] : atStart.socketDomains(), memory, regs);
        ResumePolicy resumes = new ResumePolicy(filtered, trampoline);
        MarkerDispatch markers = config.markerHandler() == null ? null
                : new MarkerDispatch(config.markerHandler(), memory, slots, regs, resumes);
        HeldTasks held = new HeldTasks(tasks, resumes);
        this.recorder = new SyscallRecorder(SyscallTable.current(), selection, filtered, memory, slots, resumes, clock,
                trampoline, markers, systemTimes, acts == null ? null : new Injector(acts, regs, resumes, held));
        this.stops = new StopLoop(tasks, recorder, new TaskEvents(slots, resumes, clock, trampoline), resumes,
                !config.spawns(), config.countSystemTime(), held);
        this.tracer = new Thread(this::runOnTracerThread, "syscall-assert-tracer");
        tracer.setDaemon(true);
        this.handle = new TraceHandle(config, tracer, tasks, output, pipe);
    }

    /** The syscalls the injected filter stops: the selected ones and those the acts must decide on. */
    private static int[] filterNumbers(SyscallSelection selection, ActRules acts) {
        if (acts == null) {
            return selection.numbers();
        }
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(selection.numbers()),
                java.util.Arrays.stream(acts.stopNumbers())).distinct().toArray();
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
        if (session.pipe != null) {
            session.pipe.start();
        }
        TracesAtShutdown.add(session.handle);
        session.tracer.start();
        session.handle.awaitStarted();
        return session.handle;
    }

    private void runOnTracerThread() {
        try {
            output.started(clock.now());
            if (config.spawns()) {
                new TraceeStarter(config, tasks, trampoline, output).start();
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
            if (pipe != null) {
                pipe.close(); // after cleanUp: the calls it finished as unfinished go out too
            }
            TracesAtShutdown.remove(handle);
        }
    }

    /**
     * Never leave anything behind: kill what is left of a spawned tree and reap every child, and record the calls
     * still in flight as unfinished. (The captured output's files are the handle's to read or delete.)
     */
    private void cleanUp() {
        if (config.spawns()) {
            tasks.killAndReap();
        }
        recorder.abandonAll(tasks.all());
        tasks.clear();
    }
}
