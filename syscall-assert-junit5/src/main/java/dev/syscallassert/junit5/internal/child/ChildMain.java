package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.SpareOutput;
import dev.syscallassert.junit5.internal.wire.TempDirectories;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of a traced child JVM: runs exactly one test (one invocation) through the JUnit launcher, and
 * leaves its outcome in the work directory for the test JVM. The seccomp filter that makes the recorded syscalls stop
 * is installed just before the test method ({@link ChildSession#begin()}). Not for direct use; the test JVM starts it
 * by name ({@link ChildCommandLine#CHILD_MAIN}).
 */
public final class ChildMain {

    /** JUnit's TempDir.DEFAULT_FACTORY_PROPERTY_NAME, by value: TempDir's constants exist from JUnit 5.10 on. */
    private static final String TEMP_DIR_FACTORY = "junit.jupiter.tempdir.factory.default";
    /** By name, so that loading this class never needs TempDirFactory. */
    private static final String RECORDING_FACTORY = "dev.syscallassert.junit5.internal.child.RecordingTempDirFactory";

    /** The exit status when the child finds itself untraced; the outcome file says why. */
    static final int NOT_TRACED = 3;

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildCommandLine.ProgramArguments arguments = ChildCommandLine.parse(args);
        WorkDirectory work = arguments.workDirectory();
        if (arguments.rehearsal()) {
            WarmUp.rehearseForArchive(work);
            System.exit(0);
        }
        if (arguments.worker()) {
            WorkerLoop.run(work);
            System.exit(0);
        }
        // the engine's native library (unpacked once per user, then a few ms to load) is needed only when the test
        // method begins: let it overlap with discovery
        Thread library = new Thread(ChildMain::loadEngineLibrary, "syscall-assert-native");
        library.setDaemon(true);
        library.start();
        OutcomeWriter outcome = new OutcomeWriter(work);
        // A child started without its request is a spare, started ahead of the test it will run (SpareChildren).
        boolean spare = !ChildRequest.isIn(work);
        if (!Marker.traced()) {
            outcome.write(TestOutcome.of(TestOutcome.Status.NOT_TRACED, "The child JVM is not traced (TracerPid 0 in "
                    + "/proc/self/status): it was not started by syscall-assert's tracer"));
            System.exit(NOT_TRACED);
        }
        Launcher launcher = newLauncher();
        if (spare) {
            if (!ChildRequest.isIn(work)) { // a test already waiting wants its answer, not a warm JVM
                WarmUp.run(launcher);
            }
            awaitAssignment(work);
            SpareOutput.announceTestBegins();
        }
        ChildRequest request = ChildRequest.readFrom(work);
        String uniqueId = request.uniqueId();
        request.announceKind();
        ChildSession.start(uniqueId, request.syscallNumbers(), work.snapshotFile(), request.reportFile(),
                request.includeJvmNoise());
        outcome.writeAtShutdownUnlessWritten();

        OutcomeListener listener = new OutcomeListener(uniqueId);
        launcher.execute(listingTempDirectories(discoveryOf(request), work), listener);
        outcome.write(listener.outcome());
        System.exit(0);
    }

    /**
     * The request, with JUnit's own {@code @TempDir} factory replaced by one that also lists what it makes
     * ({@link RecordingTempDirFactory}), so that the test JVM can delete those directories when this JVM is killed
     * before JUnit's cleanup. Not when the project names a factory of its own (in any of JUnit's configuration
     * sources, which the built request has merged), and not with a JUnit older than 5.10, which has no factories.
     */
    static LauncherDiscoveryRequest listingTempDirectories(LauncherDiscoveryRequestBuilder discovery,
                                                                    WorkDirectory work) {
        LauncherDiscoveryRequest plain = discovery.build();
        if (plain.getConfigurationParameters().get(TEMP_DIR_FACTORY).isPresent() || !hasTempDirFactories()) {
            return plain;
        }
        return discovery.configurationParameter(TEMP_DIR_FACTORY, RECORDING_FACTORY)
                .configurationParameter(TempDirectories.RECORD_PARAMETER, work.tempDirectoryRecord().toString())
                .build();
    }

    /** The launcher request that selects exactly the test {@code request} names. */
    static LauncherDiscoveryRequestBuilder discoveryOf(ChildRequest request) {
        String uniqueId = request.uniqueId();
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(uniqueId))
                .filters(EngineFilter.includeEngines(UniqueId.parse(uniqueId).getEngineId().orElse("junit-jupiter")))
                .configurationParameters(request.configuration())
                // One test runs here; a concurrent executor would only add threads to the trace.
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
    }

    private static boolean hasTempDirFactories() {
        try {
            Class.forName("org.junit.jupiter.api.io.TempDirFactory", false, ChildMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static Launcher newLauncher() {
        return LauncherFactory.create(LauncherConfig.builder()
                // listeners found on the class path (coverage, reporting) already run in the test JVM
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build());
    }

    /**
     * Waits for the test JVM to move the request into the work directory. Polling a file every few milliseconds
     * costs nothing measurable, keeps the tracer out of it (no filter is installed yet, so nothing stops) and needs
     * no channel that could outlive the test JVM.
     */
    private static void awaitAssignment(WorkDirectory work) throws InterruptedException {
        while (!ChildRequest.isIn(work)) {
            Thread.sleep(2);
        }
    }

    static void loadEngineLibrary() {
        try {
            Class.forName("dev.syscallassert.core.linux.LibC", true, ChildMain.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // reported where it matters, when the filter is installed
        }
    }
}
