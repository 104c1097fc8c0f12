package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events of one test's window that the child holds, in timeline order, each with its place in the tracer's
 * timeline: every snapshot's {@link SnapshotDelta} is applied to them, and the live trace is read from them. Child
 * JVM, on the thread that reads the trace (its session synchronizes); one per test, so a worker's next test starts
 * from nothing.
 */
final class HeldWindow {

    private final List<TraceEvent> events = new ArrayList<>();
    private int[] places = new int[256];
    /** The sequence of the last delta applied. */
    private int sequence;
    /** The reading the last delta gave: a delta that changes nothing gives it again, without copying the window. */
    private SyscallTrace last;
    /** Why a snapshot could not be applied, if one could not. */
    private RuntimeException lost;
    /** Where the report will be, for the readings to say; null for none. */
    private final Path reportFile;

    HeldWindow(Path reportFile) {
        this.reportFile = reportFile;
    }

    /**
     * Applies the tracer's next delta and returns the window as it now is (saved to the report file).
     *
     * @throws IllegalStateException when the delta does not follow what this holds (a snapshot lost or read twice):
     *                               the trace it would give could be wrong
     */
    SyscallTrace apply(SnapshotDelta delta) {
        if (lost != null) {
            throw new IllegalStateException("An earlier snapshot of this test's trace could not be read ("
                    + lost.getMessage() + "), so this JVM no longer knows the window's events", lost);
        }
        try {
            return applyTo(delta);
        } catch (RuntimeException e) {
            lost(e);
            throw e;
        }
    }

    /**
     * A snapshot the tracer wrote could not be read or applied: the tracer takes it for held, so every later delta
     * would build on what this JVM lacks. The readings after it fail, saying why.
     */
    void lost(RuntimeException why) {
        if (lost == null) {
            lost = why;
        }
    }

    private SyscallTrace applyTo(SnapshotDelta delta) {
        if (delta.heldBefore() == SnapshotDelta.WHOLE) {
            events.clear();
        } else if (delta.sequence() != sequence + 1 || delta.heldBefore() != events.size()) {
            throw new IllegalStateException("The trace snapshot the tracer wrote (number " + delta.sequence()
                    + ", for " + delta.heldBefore() + " events held) does not follow the one this JVM holds (number "
                    + sequence + ", " + events.size() + " events)");
        }
        if (delta.changes().isEmpty() && last != null && delta.heldBefore() != SnapshotDelta.WHOLE
                && delta.heldAfter() == events.size()) {
            sequence = delta.sequence();
            return last;
        }
        for (SnapshotDelta.Change change : delta.changes()) {
            int at = Arrays.binarySearch(places, 0, events.size(), change.place());
            if (change.insert() == at >= 0) {
                throw new IllegalStateException("The trace snapshot number " + delta.sequence() + " "
                        + (change.insert() ? "adds an event at timeline place " + change.place() + " again"
                        : "re-marks an event at timeline place " + change.place() + " that this JVM does not hold"));
            }
            if (change.insert()) {
                insert(-at - 1, change.place(), change.event());
            } else {
                events.set(at, change.event());
            }
        }
        if (events.size() != delta.heldAfter()) {
            throw new IllegalStateException("The trace snapshot number " + delta.sequence() + " leaves "
                    + events.size() + " events, not " + delta.heldAfter());
        }
        sequence = delta.sequence();
        SyscallTrace reading = SyscallTrace.ofTimeline(events); // copies: later deltas do not change this reading
        last = reportFile == null ? reading : reading.savedTo(reportFile);
        return last;
    }

    private void insert(int at, int place, TraceEvent e) {
        int n = events.size();
        if (n == places.length) {
            places = Arrays.copyOf(places, n * 2);
        }
        System.arraycopy(places, at, places, at + 1, n - at);
        places[at] = place;
        events.add(at, e);
    }
}
