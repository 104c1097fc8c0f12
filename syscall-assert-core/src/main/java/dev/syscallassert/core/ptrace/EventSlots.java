package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The trace's events in entry order, the one store of the recorded calls still in flight. A recorded call gets its
 * slot at its entry stop ({@link #reserve}), so that the events are in the order the calls began, even though calls
 * on other threads may finish in between; its event fills the slot at the exit stop ({@link #complete}),
 * or as unfinished when its task is gone first. Until then the slot holds the call itself, for the calls nobody
 * finishes: {@link #inFlight()} lists them when the trace ends.
 *
 * <p>Signals and exits happen at one stop, so they are complete when they come ({@link #record}). Each call slot and
 * each of them also takes the next place in the timeline, the tracer's order of everything: slot numbers count calls
 * only (what {@link #count()} and {@link #completed(int, int)} index, as they always did), timeline places count all
 * ({@link #timelinePosition()}, {@link #timeline(int, int)}).
 *
 * <p>Confined to the tracer thread; the marker handler reads it there too. After the tracer thread has ended, the
 * thread that joined it reads the events ({@link #completed()}, {@link #timeline()}).
 */
final class EventSlots {
    /** The event of each slot; null while its call is in flight. */
    private final List<SyscallEvent> events = new ArrayList<>();
    /** The call of each slot while it is in flight; null once its event is in. */
    private final List<InFlightCall> calls = new ArrayList<>();
    /** The signals and exits, in the order they came. */
    private final List<TraceEvent> others = new ArrayList<>();
    /**
     * Each timeline place: a call's slot number (0 or more), or {@code -1 - i} for {@code others.get(i)}. Ints
     * rather than boxed entries: a place is taken at every recorded call.
     */
    private int[] places = new int[1024];
    private int placeCount;
    private final Consumer<? super TraceEvent> listener;

    /** @param listener told of each call as its slot is filled and of each signal and exit, or null */
    EventSlots(Consumer<? super TraceEvent> listener) {
        this.listener = listener;
    }

    /** Gives the call the next slot (and the next timeline place). */
    void reserve(InFlightCall call) {
        call.slot = events.size();
        events.add(null);
        calls.add(call);
        place(call.slot);
    }

    /** A signal or an exit: complete as it comes, it takes the next timeline place, and the listener is told. */
    void record(TraceEvent event) {
        others.add(event);
        place(-others.size());
        tell(event);
    }

    private void place(int entry) {
        if (placeCount == places.length) {
            places = Arrays.copyOf(places, places.length * 2);
        }
        places[placeCount++] = entry;
    }

    /** Whether the call has a slot still waiting for its event. */
    boolean isInFlight(InFlightCall call) {
        return call.slot >= 0 && calls.get(call.slot) != null;
    }

    /** Fills the call's slot with its event and tells the listener. */
    void complete(InFlightCall call, SyscallEvent event) {
        events.set(call.slot, event);
        calls.set(call.slot, null);
        tell(event);
    }

    private void tell(TraceEvent event) {
        if (listener != null) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener's failure must not break the trace
            }
        }
    }

    /** The recorded calls still in flight, in entry order. */
    List<InFlightCall> inFlight() {
        List<InFlightCall> open = new ArrayList<>();
        for (InFlightCall call : calls) {
            if (call != null) {
                open.add(call);
            }
        }
        return open;
    }

    /** How many slots there are: the index the next recorded call will get. */
    int count() {
        return events.size();
    }

    /** Every completed event so far, in entry order (calls in flight are left out). */
    List<SyscallEvent> completed() {
        return completed(0, events.size());
    }

    /** The completed events of the slots in {@code [fromIndex, toIndex)}, clamped to the slots there are. */
    List<SyscallEvent> completed(int fromIndex, int toIndex) {
        int from = Math.max(0, fromIndex);
        int to = Math.min(events.size(), toIndex);
        List<SyscallEvent> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            SyscallEvent e = events.get(i);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many timeline places there are: the place the next call, signal or exit will take. */
    int timelinePosition() {
        return placeCount;
    }

    /** Everything in the timeline so far (calls in flight are left out). */
    List<TraceEvent> timeline() {
        return timeline(0, placeCount);
    }

    /** The timeline's complete entries at the places in {@code [fromPlace, toPlace)}, clamped to the places there are. */
    List<TraceEvent> timeline(int fromPlace, int toPlace) {
        int from = Math.max(0, fromPlace);
        int to = Math.min(placeCount, toPlace);
        List<TraceEvent> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            int entry = places[i];
            TraceEvent e = entry >= 0 ? events.get(entry) : others.get(-1 - entry);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
