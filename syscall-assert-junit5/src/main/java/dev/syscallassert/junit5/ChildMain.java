package dev.syscallassert.junit5;

import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of a traced child JVM: runs exactly one test (one invocation) through the JUnit launcher, and
 * leaves its result in the work directory for the test JVM. The seccomp filter that makes the recorded syscalls stop
 * is installed just before the test method ({@link ChildSession#begin()}). Not for direct use.
 */
final class ChildMain {

    /** Written to stdout and stderr by a spare child when it gets its test. */
    static final String TEST_BEGINS = "\u0001syscall-assert: the spare child JVM begins its test\u0001\n";

    /** The exit status when the child finds itself untraced; the result file says why. */
    static final int NOT_TRACED = 3;

    private static final AtomicBoolean RESULT_WRITTEN = new AtomicBoolean();

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildCommandLine.ProgramArguments arguments = ChildCommandLine.parse(args);
        WorkDirectory work = arguments.workDirectory();
        if (arguments.rehearsal()) {
            rehearse(work);
            System.exit(0);
        }
        // JNA's start-up (about 100 ms) is needed only when the test method begins: let it overlap with discovery
        Thread jna = new Thread(ChildMain::loadJna, "syscall-assert-jna");
        jna.setDaemon(true);
        jna.start();
        // A child started without its request is a spare, started ahead of the test it will run (SpareChildren).
        boolean spare = !ChildRequest.isIn(work);
        if (!Marker.traced()) {
            finish(work, ChildResult.of(ChildResult.Status.NOT_TRACED, "The child JVM is not traced (TracerPid 0 in "
                    + "/proc/self/status): it was not started by syscall-assert's tracer"));
            System.exit(NOT_TRACED);
        }
        Launcher launcher = newLauncher();
        if (spare) {
            if (!ChildRequest.isIn(work)) { // a test already waiting wants its answer, not a warm JVM
                warmUp(launcher);
            }
            awaitAssignment(work);
            announceTestBegins();
        }
        ChildRequest request = ChildRequest.readFrom(work);
        String uniqueId = request.uniqueId();
        request.announceKind();
        ChildSession.start(uniqueId, request.syscallNumbers(), work.snapshotFile(), request.reportFile(),
                request.includeJvmNoise());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> reportExit(work), "syscall-assert exit"));

        ResultListener listener = new ResultListener(uniqueId);
        LauncherDiscoveryRequestBuilder discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(uniqueId))
                .filters(EngineFilter.includeEngines(UniqueId.parse(uniqueId).getEngineId().orElse("junit-jupiter")))
                .configurationParameters(request.configuration());
        // One test runs here; a concurrent executor would only add threads to the trace.
        discovery.configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
        LauncherDiscoveryRequest discoveryRequest = discovery.build();
        launcher.execute(discoveryRequest, listener);
        finish(work, listener.result());
        System.exit(0);
    }

    private static Launcher newLauncher() {
        return LauncherFactory.create(LauncherConfig.builder()
                // listeners found on the class path (coverage, reporting) already run in the test JVM
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build());
    }

    /**
     * Runs {@link SpareWarmUp} the way a real test runs, so that what a cold JVM spends most of a traced test on
     * (loading and compiling the launcher, the Jupiter engine, this extension, AssertJ) is done before the test
     * comes. Its outcome does not matter: whatever happens, the real test runs next.
     */
    private static void warmUp(Launcher launcher) {
        ChildSession.startWarmUp(Path.of(System.getProperty("java.io.tmpdir"), "syscall-assert-warm-up.txt"));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(SpareWarmUp.class))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    // a project's own global extensions may do real work (start a server...): not for a rehearsal
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build());
        } catch (RuntimeException | LinkageError e) {
            // the real test reports whatever is really wrong
        } finally {
            ChildSession.endWarmUp();
        }
    }

    /**
     * What a traced child does, as far as it can be done untraced: the classes loaded here are the ones the class data
     * archive holds. The filter and the markers need a tracer, so their classes are only loaded.
     */
    private static void rehearse(WorkDirectory work) throws Exception {
        loadJna();
        Marker.traced();
        warmUp(newLauncher());
        new ChildRequest(ChildRequest.ChildKind.FRESH, "[engine:junit-jupiter]", new int[0],
                work.path().resolve("report.txt"), false, Map.of()).writeInto(work);
        ChildRequest.readFrom(work);
        ChildSession.start("", new int[0], work.snapshotFile(), work.path().resolve("report.txt"), false);
        Class.forName("dev.syscallassert.core.seccomp.SeccompInstaller", false, ChildMain.class.getClassLoader());
        Class.forName(SystemExitCalled.class.getName(), false, ChildMain.class.getClassLoader());
        new ResultListener("[engine:junit-jupiter]").result();
        finish(work, ChildResult.of(ChildResult.Status.SUCCESSFUL, ""));
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

    /** Everything the spare printed before is the warm-up's; the test JVM relays only what follows this line. */
    private static void announceTestBegins() {
        System.out.flush();
        System.err.flush();
        System.out.print(TEST_BEGINS);
        System.out.flush();
        System.err.print(TEST_BEGINS);
        System.err.flush();
    }

    private static void loadJna() {
        try {
            Class.forName("dev.syscallassert.core.linux.LibC", true, ChildMain.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // reported where it matters, when the filter is installed
        }
    }

    private static void finish(WorkDirectory work, ChildResult result) throws IOException {
        result.writeAtomically(work.resultFile());
        RESULT_WRITTEN.set(true);
    }

    /**
     * Runs when the JVM shuts down: if no result was written, something called System.exit (or a signal asked the
     * JVM to stop). The thread blocked in Runtime.exit shows who.
     */
    private static void reportExit(WorkDirectory work) {
        if (RESULT_WRITTEN.get()) {
            return;
        }
        StackTraceElement[] caller = null;
        String thread = null;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = e.getValue();
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    int from = i + 1;
                    if (from < stack.length && stack[from].getClassName().equals("java.lang.System")) {
                        from++;
                    }
                    caller = Arrays.copyOfRange(stack, from, stack.length);
                    thread = e.getKey().getName();
                    break;
                }
            }
        }
        ChildResult result;
        if (caller != null) {
            SystemExitCalled exit = new SystemExitCalled("The test called System.exit in thread \"" + thread
                    + "\"; the traced child JVM ended before the test finished");
            exit.setStackTrace(caller);
            result = ChildResult.of(ChildResult.Status.EXITED, exit);
        } else {
            result = ChildResult.of(ChildResult.Status.EXITED, "The traced child JVM was asked to shut down (a signal "
                    + "or a shutdown from native code) before the test finished");
        }
        try {
            finish(work, result);
        } catch (IOException e) {
            // the test JVM reports a missing result with the exit status, which is the next best thing
        }
    }

    /** Only for its stack trace: where System.exit was called. */
    static final class SystemExitCalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SystemExitCalled(String message) {
            super(message);
        }
    }

    /** Keeps the outcome of the one test, or of the container that kept it from running. */
    private static final class ResultListener implements TestExecutionListener {
        private final String target;
        private ChildResult result;
        private ChildResult containerFailure;
        private String skippedAncestor;

        ResultListener(String target) {
            this.target = target;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.getUniqueId().equals(target)) {
                result = ChildResult.of(ChildResult.Status.SKIPPED, reason);
            } else if (target.startsWith(id.getUniqueId())) {
                skippedAncestor = id.getDisplayName() + ": " + reason;
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult r) {
            if (id.getUniqueId().equals(target)) {
                switch (r.getStatus()) {
                    case SUCCESSFUL:
                        result = ChildResult.of(ChildResult.Status.SUCCESSFUL, "");
                        break;
                    case ABORTED:
                        result = ChildResult.of(ChildResult.Status.ABORTED, r.getThrowable().orElse(null));
                        break;
                    default:
                        result = ChildResult.of(ChildResult.Status.FAILED, r.getThrowable().orElse(null));
                }
            } else if (r.getStatus() == TestExecutionResult.Status.FAILED && containerFailure == null
                    && target.startsWith(id.getUniqueId())) {
                // @BeforeAll, a constructor or a class-level extension failed: the test never ran
                containerFailure = ChildResult.of(ChildResult.Status.FAILED, r.getThrowable().orElse(null));
            }
        }

        ChildResult result() {
            if (result != null) {
                return result;
            }
            if (containerFailure != null) {
                return containerFailure;
            }
            if (skippedAncestor != null) {
                return ChildResult.of(ChildResult.Status.SKIPPED, skippedAncestor);
            }
            return ChildResult.of(ChildResult.Status.NOT_FOUND, "The JUnit launcher in the traced child JVM found no "
                    + "test with unique id " + target + ". Argument sources of parameterized tests must give the "
                    + "same arguments in every JVM, and the class must be on the test JVM's class path.");
        }
    }
}
