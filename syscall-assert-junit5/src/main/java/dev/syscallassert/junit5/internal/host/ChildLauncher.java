package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.RunningTrace;
import dev.syscallassert.Tracer;
import dev.syscallassert.core.act.ActSwitch;
import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.junit5.internal.cds.ClassDataArchive;
import dev.syscallassert.junit5.internal.config.ActSettings;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts traced child JVMs, in the test JVM: the one place where a child's command line becomes a running trace, for
 * a child started for its test and for a spare started ahead alike. Puts the class data archive on the command line
 * when there is one ({@link ClassDataArchive}); the child installs its own seccomp filter, and the tracer answers its
 * markers through the child's {@link TestWindow}. The tracer acts on the test's calls ({@link ActSwitch}) until the
 * "end" marker, never on the harness's work directory. Called on the test's thread; the trace gets a thread of its own.
 */
final class ChildLauncher {

    private final Optional<ClassDataArchive> archive;

    ChildLauncher(Optional<ClassDataArchive> archive) {
        this.archive = archive;
    }

    /**
     * The command line a child is started with: {@code commandLine} with the class data archive, when there is one
     * (its class path reordered, the library's classes from a copy in a jar).
     */
    ChildCommandLine launched(ChildCommandLine commandLine) {
        return archive.map(a -> a.withArchive(commandLine)).orElse(commandLine);
    }

    /**
     * The marker handler of a child started with {@code launched} in {@code work}: its noise filter knows the class
     * path that child's class loader reads, in that command line's spelling and order.
     */
    static TestWindow windowFor(WorkDirectory work, ChildCommandLine launched) {
        return new TestWindow(work.snapshotFile(), noiseFor(work, launched));
    }

    /** The noise filter of a child started with {@code launched} in {@code work} (a worker's, for all its tests). */
    static NoiseFilter noiseFor(WorkDirectory work, ChildCommandLine launched) {
        return new NoiseFilter(System.getProperty("java.home"), launched.classLoaderEntries(), work.path());
    }

    /**
     * A child for a test whose request is in {@code work} already, started with {@code launched} (from
     * {@link #launched}); the tracer records the test's syscalls only.
     */
    RunningTrace startForTest(ChildCommandLine launched, WorkDirectory work, TestWindow window,
                              int[] syscallNumbers, Duration timeout, ActSettings acts) throws IOException {
        // Tracer takes strace's syntax only: the numbers go to names here and back to numbers in the tracer.
        ActSwitch act = new ActSwitch(acts.rules(), work.path().toString());
        return start(launched.forTest(work), work, withActs(window, act), Optional.of(names(syscallNumbers)), timeout,
                act);
    }

    /**
     * A child for a test of a plan that makes a seccomp profile ({@link PlanProfile}): every syscall from its first
     * instruction stops and is recorded (its own filter still goes in, and changes nothing then), so that the
     * profile has the JVM's start-up and the class initialisation done before the test method too.
     */
    RunningTrace startRecordingEverything(ChildCommandLine launched, WorkDirectory work, TestWindow window,
                                          Duration timeout, ActSettings acts) throws IOException {
        ActSwitch act = new ActSwitch(acts.rules(), work.path().toString());
        // not start(): its tracer records only what the child's own filter stops, from when the child installs it
        return Tracer.command(launched.forTest(work).command(work)).actOn(act).onMarker(withActs(window, act))
                .timeout(timeout).start();
    }

    /**
     * A spare child, started before anybody knows its test and so the syscalls to record: the tracer records all
     * that stop, which are only the test's once the child's own filter is in, and its window keeps only those.
     */
    LaunchedChild startSpare(ChildCommandLine commandLine, Duration lifetime) throws IOException {
        WorkDirectory work = WorkDirectory.createTemporary();
        try {
            ChildCommandLine launched = launched(commandLine);
            TestWindow window = windowFor(work, launched);
            ActSwitch acts = new ActSwitch(null, work.path().toString()); // set when its test is known
            return new LaunchedChild(work, window, start(launched.forTest(work), work, withActs(window, acts),
                    Optional.empty(), lifetime, acts), acts);
        } catch (IOException | RuntimeException e) {
            work.delete();
            throw e;
        }
    }

    /**
     * A worker JVM that runs one test after another in {@code work}, started with {@code launched} (from
     * {@link #launched}); the tracer records the syscalls all its tests record, and {@code markers} answers it. A test
     * with faults or a deny rule never runs in a worker (HostSide): its tracer acts on nothing.
     */
    RunningTrace startWorker(ChildCommandLine launched, WorkDirectory work, MarkerHandler markers,
                             int[] syscallNumbers, Duration lifetime) throws IOException {
        return start(launched.forWorker(work), work, markers, Optional.of(names(syscallNumbers)), lifetime,
                new ActSwitch(null, work.path().toString()));
    }

    private static String names(int[] syscallNumbers) {
        SyscallTable table = SyscallTable.current();
        return Arrays.stream(syscallNumbers).mapToObj(table::name).collect(Collectors.joining(","));
    }

    /**
     * The test window's marker handler, with the fault switch in front: the test's InjectedFaults pause and resume
     * the faults, and its end marker turns them off (what follows is the harness's: its result file).
     */
    private static MarkerHandler withActs(TestWindow window, ActSwitch acts) {
        return call -> {
            if (call.command() == Marker.FAULTS_OFF || call.command() == Marker.FAULTS_ON) {
                acts.pauseFaults(call.command() == Marker.FAULTS_OFF);
                return 0;
            }
            if (MarkerCommand.of(call.command()).orElse(null) == MarkerCommand.END) {
                acts.off();
            }
            return window.handle(call);
        };
    }

    /** @param acts what the tracer does to the test's calls (faults, deny mode), set later for a spare */
    private static RunningTrace start(ChildCommandLine program, WorkDirectory work, MarkerHandler markers,
                                      Optional<String> syscalls, Duration timeout, ActSwitch acts)
            throws IOException {
        Tracer tracer = Tracer.command(program.command(work));
        syscalls.ifPresent(tracer::trace);
        tracer.actOn(acts);
        return tracer.seccompFilterInstalledByTracee()
                .onMarker(markers)
                .timeout(timeout)
                .start();
    }

    /**
     * A spare child JVM started and traced: its work directory, its marker handler, its trace and the rules its tracer
     * is to act by once its test is known.
     */
    record LaunchedChild(WorkDirectory work, TestWindow window, RunningTrace trace, ActSwitch acts) {
        /** Kills it if it still runs, waits until it is reaped, removes its files. */
        void discard() {
            trace.close();
            window.close();
            work.delete();
        }
    }
}
