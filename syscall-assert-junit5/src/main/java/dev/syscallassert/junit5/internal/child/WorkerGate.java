package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;
import dev.syscallassert.junit5.internal.wire.ThreadStarts;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which test a worker JVM runs now, while its launcher runs a whole class ({@link ChildRequest#unit()}): before each
 * test (each invocation of a template) JUnit asks the extension's condition, and only the test the test JVM asked for
 * runs; the others are skipped here (the test JVM runs them, or another worker). Once the asked-for test has run, the
 * next test's condition first says "next" to the tracer and waits for the test JVM's next request, so the class's
 * {@code @BeforeAll} runs once for all of its tests that come in order. A request for a test the class has passed, or
 * of another class, is run by the next launcher request ({@link WorkerLoop}); never by a wrong one.
 *
 * <p>It also writes each test's outcome when the launcher says it finished ({@link #listener()}). Child JVM only,
 * on the worker's main thread (the launcher runs one test at a time there).
 */
final class WorkerGate {

    private static final int PID = (int) ProcessHandle.current().pid();

    private static volatile WorkerGate current;

    private final WorkDirectory work;
    private final OutcomeWriter outcome;
    private final SnapshotReader snapshots;
    private final WorkerState state;
    private ChildRequest pending;
    private OutcomeListener pendingOutcome;
    private boolean pendingRan;
    private boolean outcomeWritten;
    /** The worker says no more: the tracer answered "retire", or a test left what cannot be put back. */
    private boolean retiring;
    /** The worker's threads when this launcher request began, then the ones its class's set-up added. */
    private Map<Integer, Long> threadsBefore = Map.of();
    private Map<Integer, Long> classThreads;
    /**
     * The class (or {@code @Nested} class) of the last test run, and the state as its set-up left it: put back after
     * each of its tests, so that a test's changes do not reach the next while its {@code @BeforeAll}'s stay.
     */
    private String container;
    private WorkerState containerState;

    WorkerGate(WorkDirectory work, OutcomeWriter outcome, SnapshotReader snapshots, WorkerState state,
               ChildRequest first) {
        this.work = work;
        this.outcome = outcome;
        this.snapshots = snapshots;
        this.state = state;
        pending(first);
    }

    /** The gate of the launcher request running now, if it runs a whole class. */
    static Optional<WorkerGate> current() {
        return Optional.ofNullable(current);
    }

    ChildRequest pending() {
        return pending;
    }

    boolean pendingRan() {
        return pendingRan;
    }

    boolean retiring() {
        return retiring;
    }

    private void pending(ChildRequest request) {
        pending = request;
        pendingRan = false;
        pendingOutcome = new OutcomeListener(request.uniqueId());
        outcomeWritten = false;
    }

    /** A launcher request begins; {@code wholeClass}: it runs a class, and this gate decides which of its tests run. */
    void requestBegins(boolean wholeClass) {
        current = wholeClass ? this : null;
        container = null;
        containerState = null;
        threadsBefore = wholeClass ? ThreadStarts.of(PID) : Map.of();
        classThreads = null;
    }

    void requestEnded() {
        current = null;
    }

    /**
     * The condition of one node of the class: containers run; a test runs when it is the one asked for. After the
     * asked-for test has run, the next test asks the test JVM for its next request first.
     */
    ConditionEvaluationResult decide(String uniqueId) {
        String type = lastSegmentType(uniqueId);
        if (type.equals("test-factory")) { // never traced, so never asked for: its dynamic tests run in the test JVM
            return ConditionEvaluationResult.disabled("not asked for in this worker JVM");
        }
        if (!type.equals("method") && !type.equals("test-template-invocation")) {
            return ConditionEvaluationResult.enabled(""); // a container: its tests decide
        }
        if (classThreads == null) { // the class's set-up is done: what it started is the class's, not a test's
            classThreads = new HashMap<>(ThreadStarts.of(PID));
            classThreads.keySet().removeAll(threadsBefore.keySet());
        }
        if (!retiring && pendingRan) {
            askForNext(WorkerLoop.cannotGoOn(state, snapshots, false));
        }
        if (!retiring && uniqueId.equals(pending.uniqueId())) {
            String of = containerOf(uniqueId);
            if (!of.equals(container)) {
                container = of;
                containerState = WorkerState.taken();
            }
            runs(pending);
            return ConditionEvaluationResult.enabled("");
        }
        return ConditionEvaluationResult.disabled("not asked for in this worker JVM");
    }

    /**
     * The test asked for runs now: its session, its outcome when it ends. Before the first test's filter, the
     * marker would not reach the tracer: the first request is the test JVM's "current" from the start.
     */
    void runs(ChildRequest request) {
        request.announceKind();
        outcome.expectAnother();
        ChildSession.startInWorker(request.uniqueId(), request.syscallNumbers(), snapshots, request.reportFile(),
                request.includeJvmNoise());
        pendingRan = true;
    }

    /**
     * Says "next" (the asked-for test has ended and its outcome is written) and reads the next request; false when
     * the tracer retired the worker (or it cannot go on: {@code cannotGoOn}).
     */
    boolean askForNext(Optional<String> cannotGoOn) {
        System.out.flush();
        System.err.flush();
        ChildSession.installFilter(pending.syscallNumbers()); // a test that never began has not
        String argument = cannotGoOn.map(r -> MarkerCommand.RETIRE_BECAUSE + r)
                .orElseGet(() -> classThreads == null || current != this ? ""
                        : MarkerCommand.KEEP + ThreadStarts.encode(classThreads));
        if (MarkerCommand.NEXT.send(argument) != MarkerCommand.NEXT_TEST || cannotGoOn.isPresent()) {
            retiring = true;
            return false;
        }
        try {
            pending(ChildRequest.readFrom(work));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /**
     * The launcher request for the test asked for has ended: when the test itself never finished, its outcome says
     * why (not found, its class's set-up failed).
     */
    void outcomeUnlessWritten() throws IOException {
        if (!outcomeWritten) {
            outcome.write(pendingOutcome.outcome());
            outcomeWritten = true;
        }
    }

    /** What the launcher reports, for the outcome of the test asked for. */
    TestExecutionListener listener() {
        return new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                pendingOutcome.executionSkipped(id, reason);
                written(id);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                pendingOutcome.executionFinished(id, result);
                written(id);
            }

            private void written(TestIdentifier id) {
                if (pendingRan && id.getUniqueId().equals(pending.uniqueId())) {
                    try {
                        outcome.write(pendingOutcome.outcome());
                        outcomeWritten = true;
                        if (containerState != null) {
                            containerState.restore(); // what cannot be put back is checked before the next
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    /** The unique id of the class or {@code @Nested} class a test belongs to. */
    private static String containerOf(String uniqueId) {
        UniqueId id = UniqueId.parse(uniqueId);
        List<UniqueId.Segment> segments = id.getSegments();
        int last = segments.size() - 1;
        while (last > 0 && !segments.get(last).getType().endsWith("class")) {
            last--;
        }
        UniqueId container = UniqueId.root(segments.get(0).getType(), segments.get(0).getValue());
        for (int i = 1; i <= last; i++) {
            container = container.append(segments.get(i));
        }
        return container.toString();
    }

    /** "method" for a test, "test-template-invocation" for an invocation of a template, or a container's type. */
    private static String lastSegmentType(String uniqueId) {
        List<UniqueId.Segment> segments = UniqueId.parse(uniqueId).getSegments();
        return segments.get(segments.size() - 1).getType();
    }
}
