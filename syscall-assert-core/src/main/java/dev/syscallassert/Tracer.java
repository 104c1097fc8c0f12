package dev.syscallassert;

import dev.syscallassert.core.act.ActRules;
import dev.syscallassert.core.act.ActSwitch;
import dev.syscallassert.core.act.FaultChecks;
import dev.syscallassert.core.act.NetworkDeny;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.core.ptrace.TraceConfig;
import dev.syscallassert.core.ptrace.TraceSession;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * Traces a command (or a running process) with ptrace and records its system calls.
 *
 * <pre>{@code
 * TraceResult result = Tracer.command("ls", "-l", "/etc")
 *         .trace(SyscallCategory.FILE, SyscallCategory.NETWORK)
 *         .timeout(Duration.ofSeconds(30))
 *         .run();
 * }</pre>
 *
 * A builder: each setter returns this; {@link #run()} blocks until the whole traced process tree has ended,
 * {@link #start()} returns a {@link RunningTrace} to wait for or kill later.
 */
public final class Tracer {

    private final List<String> command;
    private final int attachPid;
    private SyscallSelection selection;
    private Path workingDirectory;
    private Map<String, String> environment;
    private Duration timeout = Duration.ofMinutes(10);
    private boolean inheritIO;
    private int maxProcesses = 4096;
    private boolean sameCpu;
    private Consumer<SyscallEvent> listener;
    private Consumer<? super TraceEvent> timelineListener;
    private ObjIntConsumer<? super TraceEvent> countedListener;
    private boolean countSystemTime;
    private boolean filterInstalledByTracee;
    private MarkerHandler markerHandler;
    private boolean retainEvents = true;
    private final List<Fault> faults = new ArrayList<>();
    private NetworkDeny deny;
    private ActSwitch actSwitch;

    private Tracer(List<String> command, int attachPid) {
        this.command = command;
        this.attachPid = attachPid;
    }

    /** Traces this command; the first element is the program, looked up on the PATH when it has no slash. */
    public static Tracer command(String... command) {
        return command(Arrays.asList(command));
    }

    /** Traces this command; the first element is the program, looked up on the PATH when it has no slash. */
    public static Tracer command(List<String> command) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("The command to trace is empty: give at least the program to run");
        }
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i) == null) {
                throw new IllegalArgumentException("Command element " + i + " is null in " + command);
            }
        }
        if (command.get(0).isEmpty()) {
            throw new IllegalArgumentException("The program to trace is an empty string");
        }
        return new Tracer(List.copyOf(command), 0);
    }

    /**
     * Traces a running process (all its threads) until it exits or the timeout passes, then detaches; the process is
     * never killed by the tracer.
     */
    public static Tracer attach(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("Not a process id: " + pid);
        }
        return new Tracer(null, pid);
    }

    /** Records only the syscalls of these categories (default: every syscall). */
    public Tracer trace(SyscallCategory... categories) {
        if (categories.length == 0) {
            throw new IllegalArgumentException("trace() needs at least one category");
        }
        EnumSet<SyscallCategory> set = EnumSet.noneOf(SyscallCategory.class);
        set.addAll(Arrays.asList(categories));
        this.selection = SyscallSelection.of(SyscallTable.current(), set);
        return this;
    }

    /**
     * Records the syscalls selected by strace's {@code -e trace=} syntax: {@code "openat,connect"},
     * {@code "%file,%network"}, {@code "!futex"}.
     *
     * @throws UnknownSyscallException for a name that is not a syscall or class, suggesting the nearest ones
     */
    public Tracer trace(String expression) {
        this.selection = SyscallSelection.parse(SyscallTable.current(), expression);
        return this;
    }

    /** Runs the command in this directory (default: this JVM's working directory). */
    public Tracer workingDirectory(Path directory) {
        this.workingDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Runs the command with exactly this environment (default: this JVM's environment). */
    public Tracer environment(Map<String, String> environment) {
        this.environment = new LinkedHashMap<>(environment);
        return this;
    }

    /** Kills the whole tree (or, when attached, detaches) after this long; {@link #run()} then throws. Default 10 min. */
    public Tracer timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** Lets the command use this JVM's stdin, stdout and stderr instead of capturing its output. */
    public Tracer inheritIO() {
        this.inheritIO = true;
        return this;
    }

    /**
     * Runs the traced program, and the tracer thread, on one CPU (the one the tracer thread is on when it starts).
     * Every ptrace stop then becomes a local context switch instead of a wake-up of another CPU: on the 2-core VMs we
     * measured, tracing every syscall of a single-threaded program got 6-10 times faster. The price: the program sees
     * a single CPU (a JVM sizes its thread pools and picks its GC accordingly), and its threads share that CPU. Only
     * for spawned commands; off by default.
     */
    public Tracer sameCpu() {
        this.sameCpu = true;
        return this;
    }

    /** The most processes and threads the traced tree may have at once before it is killed (default 4096). */
    public Tracer maxProcesses(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxProcesses must be at least 1, was " + max);
        }
        this.maxProcesses = max;
        return this;
    }

    /**
     * Called with each call as it completes, on the trace's own events thread ({@code syscall-assert-events}), in the
     * order the calls completed: see {@link #onTraceEvent} for how the events get there, and
     * {@link #retainEvents(boolean)} to stream a trace of any length in constant memory.
     */
    public Tracer onEvent(Consumer<SyscallEvent> listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Called with every call as it completes and every signal and exit as it happens (strace's live output). Calls
     * come in the order they completed, which is not always the order they began: the trace's
     * {@link SyscallTrace#timeline()} has that one.
     *
     * <p>The listener runs on a thread of the trace's own ({@code syscall-assert-events}), never on the tracer
     * thread, one event at a time, in that order. The tracer thread hands the events over through a queue of a few
     * thousand events and goes on tracing; events reach the listener within a few milliseconds. A listener slower
     * than the traced program makes the queue fill up, and then the tracer waits for room: the traced program is held
     * at its next stop meanwhile (back-pressure, the way a slow terminal holds strace), so the listener sees every
     * event and memory stays bounded. The trace's timeout still ends a trace held that way: the tree is killed (or,
     * attached, detached) and the listener still gets the events queued up to then. {@link RunningTrace#await()}
     * returns after the listener has had the last event; a listener still busy 10 seconds after the trace's end (or
     * timeout) is interrupted and gets no more. An exception thrown by the listener is ignored.
     */
    public Tracer onTraceEvent(Consumer<? super TraceEvent> listener) {
        this.timelineListener = listener;
        return this;
    }

    /**
     * As {@link #onTraceEvent}, on the same thread and in the same order (after that listener, when both are set),
     * with each event the number of traced tasks (threads, of every traced process) that were alive when its line
     * begins in strace's output: at a call's entry, at a signal's delivery or a stop, and at an end with the ending
     * task still counted (strace's {@code nprocs} at its {@code printleader}). strace's stderr form puts {@code [pid N]}
     * in front of a line exactly when that number is more than one.
     */
    public Tracer onTraceEventWithLiveTasks(ObjIntConsumer<? super TraceEvent> listener) {
        this.countedListener = listener;
        return this;
    }

    /**
     * Whether the result keeps the events (default {@code true}). With {@code false}, each event exists only until
     * the listeners ({@link #onEvent}, {@link #onTraceEvent}) have had it, the result's {@link TraceResult#trace()}
     * is empty, and a trace of any length runs in constant memory (its exit status, system times and output are
     * still there).
     */
    public Tracer retainEvents(boolean retain) {
        this.retainEvents = retain;
        return this;
    }

    /**
     * Also measures each recorded call's system time as strace -c does: the tracer then waits with wait4 and reads
     * the kernel's rusage of the stopped process at every stop, and the result's {@link TraceResult#systemTimes()}
     * has the table. Off by default: the rusage costs the kernel a little at every stop.
     */
    public Tracer countSystemTime() {
        this.countSystemTime = true;
        return this;
    }

    /**
     * For a program that installs its own seccomp trace filter (a traced child JVM does, through
     * {@link dev.syscallassert.core.seccomp.SeccompInstaller}): nothing stops until it has, so start-up runs at
     * native speed; from then on, only what its filter selects stops.
     */
    public Tracer seccompFilterInstalledByTracee() {
        this.filterInstalledByTracee = true;
        return this;
    }

    /** Answers the tracee's {@link dev.syscallassert.core.marker.Marker} calls; without a handler they fail (ENOSYS). */
    public Tracer onMarker(MarkerHandler handler) {
        this.markerHandler = handler;
        return this;
    }

    /**
     * Injects these faults into the traced tree's calls (added to any given before). Each acted-on call is in the
     * trace, marked ({@link SyscallEvent#injection()}), even when the selection leaves its syscall out.
     *
     * @throws IllegalArgumentException for a fault without an effect, or one that both cancels and shortens a call
     */
    public Tracer inject(Fault... faults) {
        for (Fault f : faults) {
            FaultChecks.complete(Objects.requireNonNull(f, "fault"));
            this.faults.add(f);
        }
        return this;
    }

    /**
     * Cuts the traced tree off the network: without arguments no internet socket can be made (socket() of AF_INET,
     * AF_INET6 or AF_PACKET fails with EAFNOSUPPORT); with address patterns ({@code "127.0.0.1:*"}, {@code "[::1]:*"},
     * {@code "127.0.0.1:5432"}) a connect, send or bind to any other internet address fails as on a machine with no
     * route ({@code ENETUNREACH}; port 53 {@code ECONNREFUSED} unless a pattern names it). Each denied call is in the
     * trace, marked ({@link SyscallTrace#deniedCalls()}). The README's "Acting on calls" has every rule.
     *
     * @throws IllegalArgumentException for a malformed pattern
     */
    public Tracer denyNetwork(String... allow) {
        this.deny = NetworkDeny.allowing(Arrays.asList(allow));
        return this;
    }

    /**
     * For a tracee whose rules are known only once it runs (a traced child JVM started before its test is chosen):
     * the trace acts by whatever {@code acts} holds at each stop, instead of by {@link #inject} and
     * {@link #denyNetwork}. The filter the tracer injects is built from what it holds at the start.
     */
    public Tracer actOn(ActSwitch acts) {
        this.actSwitch = Objects.requireNonNull(acts, "acts");
        return this;
    }

    /**
     * Spawns (or attaches), traces and waits until every traced process has ended: {@code start().await()}.
     *
     * @throws ExecutableNotFoundException      the program does not exist or is not executable
     * @throws TracingNotPermittedException     the kernel refused ptrace (the message says why)
     * @throws TraceTimeoutException            the timeout passed; the tree was killed
     * @throws ProcessLimitExceededException    the tree forked without end; it was killed
     */
    public TraceResult run() {
        return start().await();
    }

    /**
     * Spawns (or attaches) and starts tracing on the tracer's own thread; returns once the program runs traced, so
     * the caller can do other things meanwhile, then {@link RunningTrace#await() await} or
     * {@link RunningTrace#kill() kill} it. The {@link #timeout(Duration) timeout} counts from here.
     *
     * @throws ExecutableNotFoundException      the program does not exist or is not executable
     * @throws TracingNotPermittedException     the kernel refused ptrace (the message says why)
     */
    public RunningTrace start() {
        TraceConfig config = new TraceConfig(
                command == null ? null : new ArrayList<>(command),
                attachPid,
                selection == null ? SyscallSelection.all(SyscallTable.current()) : selection,
                workingDirectory,
                environment,
                timeout,
                inheritIO,
                maxProcesses,
                listeners(),
                countSystemTime,
                filterInstalledByTracee,
                markerHandler,
                sameCpu,
                retainEvents,
                actSwitch != null ? actSwitch
                        : faults.isEmpty() && deny == null ? null : new ActSwitch(new ActRules(faults, deny)));
        return TraceSession.start(config);
    }

    /**
     * The one listener the tracer calls: the calls to {@link #onEvent}'s, everything to {@link #onTraceEvent}'s and
     * {@link #onTraceEventWithLiveTasks}'s.
     */
    private ObjIntConsumer<TraceEvent> listeners() {
        Consumer<SyscallEvent> calls = listener;
        Consumer<? super TraceEvent> all = timelineListener;
        ObjIntConsumer<? super TraceEvent> counted = countedListener;
        if (calls == null && all == null && counted == null) {
            return null;
        }
        return (e, liveTasks) -> {
            if (calls != null && e instanceof SyscallEvent) {
                calls.accept((SyscallEvent) e);
            }
            if (all != null) {
                all.accept(e);
            }
            if (counted != null) {
                counted.accept(e, liveTasks);
            }
        };
    }
}
