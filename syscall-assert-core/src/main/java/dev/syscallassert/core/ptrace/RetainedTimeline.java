package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.store.CallStore;
import dev.syscallassert.core.store.CompactTimeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events a trace keeps for its result and its snapshots: each recorded call in its slot (its entry order), each
 * signal and exit as it came, and the timeline's places in between. Only {@link EventSlots} writes it, on the tracer
 * thread; the marker handler reads it there too, and the thread that joined the tracer thread reads it afterwards.
 */
final class RetainedTimeline {
    /** The event of each slot, stored compactly; empty while its call is in flight. */
    private final CallStore events = new CallStore();
    /** The signals and exits, in the order they came. */
    private final List<TraceEvent> others = new ArrayList<>();
    /**
     * Each timeline place: a call's slot number (0 or more), or {@code -1 - i} for {@code others.get(i)}. Ints
     * rather than boxed entries: a place is taken at every recorded call.
     */
    private int[] places = new int[1024];
    private int placeCount;
    /** The places below this were forgotten ({@link #forgetBefore}). */
    private int forgottenPlaces;

    /** A new slot, empty until {@link #fill}, at the next timeline place; returns its number. */
    int reserve() {
        int slot = events.reserve();
        place(slot);
        return slot;
    }

    void fill(int slot, SyscallEvent event) {
        events.fill(slot, event);
    }

    /** A signal or exit at the next timeline place. */
    void record(TraceEvent event) {
        others.add(event);
        place(-others.size());
    }

    private void place(int entry) {
        if (placeCount == places.length) {
            places = Arrays.copyOf(places, places.length * 2);
        }
        places[placeCount++] = entry;
    }

    /**
     * Forgets what is at the places below {@code place}: from now on the timeline holds nothing there, and
     * {@link #all()} leaves them out. Slots are taken in place order, so those places' calls are the slots below the
     * first one at or after {@code place}.
     */
    void forgetBefore(int place) {
        int to = Math.min(place, placeCount);
        int slotLimit = 0;
        for (int i = forgottenPlaces; i < to; i++) {
            int entry = places[i];
            if (entry >= 0) {
                slotLimit = Math.max(slotLimit, entry + 1);
            } else {
                others.set(-1 - entry, null);
            }
        }
        forgottenPlaces = Math.max(forgottenPlaces, to);
        events.forgetBefore(slotLimit);
    }

    /** The whole timeline so far as one compact immutable list (what a finished trace's result holds). */
    CompactTimeline all() {
        return new CompactTimeline(events, places, placeCount, others);
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

    /** The timeline's complete entries at the places in {@code [fromPlace, toPlace)}, clamped to the places there are. */
    List<TraceEvent> timeline(int fromPlace, int toPlace) {
        int from = Math.max(0, fromPlace);
        int to = Math.min(placeCount, toPlace);
        List<TraceEvent> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            int entry = places[i];
            TraceEvent e = entry >= 0 ? events.get(entry) : others.get(-1 - entry);
            if (e != null) { // a call in flight, or a forgotten place
                out.add(e);
            }
        }
        return out;
    }
}
