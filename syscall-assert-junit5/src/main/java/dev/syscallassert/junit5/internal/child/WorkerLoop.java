package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.io.IOException;
import java.util.Optional;

/**
 * A worker JVM's life: one traced test after another, each its own session, window and outcome, as the test JVM asks
 * for them. A request that names its class ({@link ChildRequest#unit()}) is run by a launcher request for the whole
 * class, whose {@link WorkerGate} runs only the tests asked for, in the order they come, so that the class's set-up
 * runs once for them; a request whose test the class has passed starts the next launcher request, for its class
 * again, and one whose class never reached it runs alone, by its unique id (as a request without a class always
 * does). Between tests the worker waits in the marker "next", which the tracer answers only when the test JVM has put
 * the next request in the work directory (or retires it): no polling, and no channel besides the marker and the work
 * directory. The first request is there before the worker starts, as for a child of its own. Until the first test's
 * filter is installed nothing stops; from then on the filter stays, and every test of a worker records the same
 * syscalls. Child JVM only, on its main thread.
 */
final class WorkerLoop {

    private WorkerLoop() {
    }

    static void run(WorkDirectory work) throws IOException {
        // the engine's native library is needed only when the first test method begins
        Thread library = new Thread(ChildMain::loadEngineLibrary, "syscall-assert-native");
        library.setDaemon(true);
        library.start();
        OutcomeWriter outcome = new OutcomeWriter(work);
        if (!Marker.traced()) {
            outcome.write(TestOutcome.of(TestOutcome.Status.NOT_TRACED, "The worker JVM is not traced (TracerPid 0 "
                    + "in /proc/self/status): it was not started by syscall-assert's tracer"));
            System.exit(ChildMain.NOT_TRACED);
        }
        Launcher launcher = ChildMain.newLauncher();
        // opened before any filter is in: no test's window, nor the next test's start, pays for its open
        SnapshotReader snapshots = new SnapshotReader(work.snapshotFile());
        outcome.writeAtShutdownUnlessWritten();
        ChildRequest first = ChildRequest.readFrom(work);
        first.announceKind(); // before the state is taken: it stays for every test
        WorkerState state = WorkerState.taken();
        WorkerGate gate = new WorkerGate(work, outcome, snapshots, state, first);
        // from now on this JVM has a session, so the extension takes its child side before the first test is reached
        ChildSession.startInWorker(first.uniqueId(), first.syscallNumbers(), snapshots, first.reportFile(),
                first.includeJvmNoise());
        boolean alone = false;
        while (true) {
            ChildRequest request = gate.pending();
            boolean wholeClass = request.unit().isPresent() && !alone;
            LauncherDiscoveryRequestBuilder discovery = ChildMain.discoveryOf(request);
            if (wholeClass) {
                discovery.selectors(DiscoverySelectors.selectUniqueId(request.unit().get()));
            } else {
                gate.runs(request);
            }
            gate.requestBegins(wholeClass);
            try {
                launcher.execute(ChildMain.listingTempDirectories(discovery, work), gate.listener());
            } finally {
                gate.requestEnded();
            }
            if (gate.retiring()) {
                return;
            }
            if (!gate.pendingRan()) {
                // Its class did not come to it: the request this launcher request was made for was never reached
                // (an argument source that differs...), so it runs by its id; or it came during the class, which
                // had passed it (another order), so its class runs again.
                alone = gate.pending() == request;
                continue;
            }
            gate.outcomeUnlessWritten(); // not found, or its class's set-up failed: the outcome says so
            alone = false;
            if (!gate.askForNext(cannotGoOn(state, snapshots, true))) {
                return;
            }
        }
    }

    /**
     * Why the worker cannot run another test, if it cannot; with {@code restore}, between launcher requests, the state
     * a test can change is put back first ({@link WorkerState}). Within a class it is not: its {@code @BeforeAll}
     * may have set what its tests rely on.
     */
    static Optional<String> cannotGoOn(WorkerState state, SnapshotReader snapshots, boolean restore) {
        Optional<String> reason = restore ? state.restore() : state.unrestorable();
        if (reason.isEmpty() && !snapshots.intact()) {
            reason = Optional.of("the test deleted or replaced the worker's snapshot file");
        }
        return reason;
    }
}
