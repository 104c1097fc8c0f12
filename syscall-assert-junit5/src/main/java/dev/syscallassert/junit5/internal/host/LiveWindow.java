package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One test window's events as its snapshots have taken them from the tracer, and what the child holds of them, so
 * that each snapshot sends only what changed ({@link SnapshotDelta}). Test JVM, tracer thread only (the window's
 * marker handler): made at the test's begin marker, so a worker's next test starts from nothing.
 *
 * <p>Exact by construction, for what the tracer's order and the noise rules do after an event was sent:
 * <ul>
 *   <li>A call is in the timeline once it completed, at the place it took when it entered: a call in flight at one
 *       snapshot (a blocking accept, a clone that waits for its vfork child) leaves a gap that is looked at again at
 *       every snapshot, and when it has completed it is sent with its place, so the child puts it where a whole cut
 *       has it, before the events of other threads that completed first.</li>
 *   <li>The events are marked over the whole window at every snapshot that brought a new event (one that brought
 *       none cannot change a mark: the rules decide from the window's events alone), with the same
 *       {@link NoiseFilter} call as the test's end, and each mark is compared with the one the child holds: a rule that decides from later events
 *       (a realpath walk that completes, or grows past an entry's walk; a clone that completes after its child's
 *       execve of the JDK's helper) re-marks an event already sent, and only such an event travels again.</li>
 * </ul>
 * What a snapshot costs is then its new events (fetched, encoded, written, decoded) plus, when there are any, one pass
 * of the noise rules over the window (the rules decide from the whole window; making them resumable state machines
 * would remove that pass too). The window's events are kept here as objects from the first snapshot to the test's
 * end, as the child keeps them.
 */
final class LiveWindow {

    /** Holder states in {@link #held}: not sent, sent shown, sent hidden. */
    private static final byte NOT_SENT = 0;
    private static final byte SHOWN = 1;
    private static final byte HIDDEN = 2;

    private final Predicate<TraceEvent> keeps;
    /** The window's complete events in timeline order, each with its place and what the child holds of it. */
    private final List<TraceEvent> events = new ArrayList<>();
    private int[] places = new int[256];
    private byte[] held = new byte[256];
    /** Places below this have been looked at; those whose call was in flight then are in {@link #inFlight}. */
    private int lookedAt;
    private final TreeSet<Integer> inFlight = new TreeSet<>();
    /** The snapshots the child has applied (the last delta's sequence). */
    private int sequence;
    /** The marks of the delta written and not yet {@linkplain #sent() known sent}. */
    private byte[] marking;
    /** Whether an event came since the last delta the child has: else the marks cannot have changed either. */
    private boolean changed;

    /**
     * @param begin the window's first timeline place (the begin marker's)
     * @param keeps the window's events among those of its places (the test's syscalls, when the tracer records more)
     */
    LiveWindow(int begin, Predicate<TraceEvent> keeps) {
        this.lookedAt = begin;
        this.keeps = keeps;
    }

    /**
     * Takes from the tracer what completed at the places in {@code [begin, to)} since the last snapshot: the new
     * places, and those whose call was in flight then.
     */
    void catchUp(MarkerCall call, int to) {
        for (Iterator<Integer> it = inFlight.headSet(to).iterator(); it.hasNext(); ) {
            int place = it.next();
            List<TraceEvent> completed = call.timeline(place, place + 1).allTimeline();
            if (!completed.isEmpty()) {
                it.remove();
                add(place, completed.get(0));
            }
        }
        if (lookedAt < to) {
            take(call, lookedAt, to);
            lookedAt = to;
        }
    }

    /**
     * The complete events at {@code [from, to)}, each with its place: a range with a call in flight is halved until
     * each gap is known (a few calls at a time are in flight, one per thread at most, so this stays close to one
     * read of the range).
     */
    private void take(MarkerCall call, int from, int to) {
        List<TraceEvent> completed = call.timeline(from, to).allTimeline();
        if (completed.size() == to - from) {
            for (int i = 0; i < completed.size(); i++) {
                add(from + i, completed.get(i));
            }
        } else if (completed.isEmpty()) {
            for (int place = from; place < to; place++) {
                inFlight.add(place);
            }
        } else {
            int middle = (from + to) >>> 1;
            take(call, from, middle);
            take(call, middle, to);
        }
    }

    private void add(int place, TraceEvent e) {
        if (!keeps.test(e)) {
            return;
        }
        int n = events.size();
        if (n == places.length) {
            places = Arrays.copyOf(places, n * 2);
            held = Arrays.copyOf(held, n * 2);
        }
        int at = n == 0 || places[n - 1] < place ? n : insertionPoint(place);
        System.arraycopy(places, at, places, at + 1, n - at);
        System.arraycopy(held, at, held, at + 1, n - at);
        places[at] = place;
        held[at] = NOT_SENT;
        events.add(at, e);
        changed = true;
    }

    private int insertionPoint(int place) {
        int i = Arrays.binarySearch(places, 0, events.size(), place);
        if (i >= 0) {
            throw new IllegalStateException("timeline place " + place + " taken twice");
        }
        return -i - 1;
    }

    /**
     * Whether the events are those the child holds: then so are their marks (the noise rules decide from the window's
     * events alone), and {@link #unchanged()} is the delta, without marking the window again.
     */
    boolean sameAsSent() {
        return !changed;
    }

    /** The delta that changes nothing, when the window is {@link #sameAsSent()}. */
    SnapshotDelta unchanged() {
        marking = null;
        return new SnapshotDelta(sequence + 1, events.size(), events.size(), List.of());
    }

    /** The window's complete events so far, in timeline order, unmarked: what {@link NoiseFilter#mark} takes. */
    List<TraceEvent> events() {
        return events;
    }

    /**
     * What the child lacks of {@code marked} (the noise filter's marking of {@link #events()}): the events it does not
     * hold, and those it holds marked otherwise. Call {@link #sent()} once the delta is written.
     */
    SnapshotDelta delta(NoiseFilter.Marked marked) {
        List<TraceEvent> timeline = marked.timeline();
        List<SnapshotDelta.Change> changes = new ArrayList<>();
        byte[] next = new byte[timeline.size()];
        int heldBefore = 0;
        for (int i = 0; i < next.length; i++) {
            TraceEvent e = timeline.get(i);
            next[i] = e.harness() ? HIDDEN : SHOWN;
            if (held[i] == NOT_SENT) {
                changes.add(new SnapshotDelta.Change(true, places[i], e));
            } else {
                heldBefore++;
                if (held[i] != next[i]) {
                    changes.add(new SnapshotDelta.Change(false, places[i], e));
                }
            }
        }
        marking = next;
        return new SnapshotDelta(sequence + 1, heldBefore, next.length, changes);
    }

    /** The last {@link #delta} is in the snapshot file, for the child to apply: it holds what that delta makes. */
    void sent() {
        if (marking != null) {
            System.arraycopy(marking, 0, held, 0, marking.length);
            marking = null;
        }
        changed = false;
        sequence++;
    }
}
