package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.platform.launcher.Launcher;

import java.io.IOException;
import java.util.Optional;

/**
 * A worker JVM's life: one traced test after another, each its own launcher request, session, window and outcome.
 * Between tests it waits in the marker "next", which the tracer answers only when the test JVM has put the next
 * request in the work directory (or retires it): no polling, and no channel besides the marker and the work
 * directory. Until the first test's filter is installed nothing stops; from then on the filter stays, and every test
 * of a worker records the same syscalls. Child JVM only, on its main thread.
 */
final class WorkerLoop {

    private WorkerLoop() {
    }

    static void run(WorkDirectory work) throws IOException {
        // JNA's start-up (about 100 ms) is needed only when the first test method begins
        Thread jna = new Thread(ChildMain::loadJna, "syscall-assert-jna");
        jna.setDaemon(true);
        jna.start();
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
        WorkerState state = null;
        // the first request is there before the worker starts, as for a child of its own; each later one comes
        // with the answer to "next"
        ChildRequest request = ChildRequest.readFrom(work);
        while (true) {
            request.announceKind();
            if (state == null) {
                state = WorkerState.taken();
            }
            outcome.expectAnother();
            ChildSession.startInWorker(request.uniqueId(), request.syscallNumbers(), snapshots, request.reportFile(),
                    request.includeJvmNoise());
            OutcomeListener listener = new OutcomeListener(request.uniqueId());
            launcher.execute(ChildMain.listingTempDirectories(ChildMain.discoveryOf(request), work), listener);
            outcome.write(listener.outcome());
            Optional<String> cannotGoOn = state.restore();
            if (cannotGoOn.isEmpty() && !snapshots.intact()) {
                cannotGoOn = Optional.of("the test deleted or replaced the worker's snapshot file");
            }
            // the test JVM reads this test's output when it is told the test has ended
            System.out.flush();
            System.err.flush();
            ChildSession.installFilter(request.syscallNumbers()); // a test that never began has not
            if (MarkerCommand.NEXT.send(cannotGoOn.orElse("")) != MarkerCommand.NEXT_TEST || cannotGoOn.isPresent()) {
                return;
            }
            request = ChildRequest.readFrom(work);
        }
    }
}
