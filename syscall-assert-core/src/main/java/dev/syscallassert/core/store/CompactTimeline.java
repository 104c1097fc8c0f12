package dev.syscallassert.core.store;

import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * A finished trace's timeline as an immutable list over a {@link CallStore}: the calls decoded as they are read, the
 * signals and exits (few) kept as objects. {@link dev.syscallassert.SyscallTrace} takes it as it is, with its
 * {@link #calls()}, {@link #signals()} and {@link #exits()} views, instead of copying every event into lists of its
 * own. Any thread.
 */
public final class CompactTimeline extends AbstractList<TraceEvent> implements RandomAccess {
    private final CallStore store;
    /** Each place: a call's slot (0 or more), or {@code -1 - i} for {@code others.get(i)}. */
    private final int[] places;
    /** The slots of the calls in the timeline, in slot (entry) order. */
    private final int[] callSlots;
    private final List<TraceEvent> others;
    private final List<SignalEvent> signals;
    private final List<ProcessExit> exits;
    private final List<GroupStop> groupStops;
    private final boolean noise;

    /**
     * The places {@code [0, placeCount)} of a timeline; a call still in flight (an empty slot) is left out, as the
     * lists of a live trace leave it out, and so is a forgotten place (its slot empty, its entry of {@code others}
     * null).
     */
    public CompactTimeline(CallStore store, int[] places, int placeCount, List<TraceEvent> others) {
        this.store = store;
        int[] kept = new int[placeCount];
        int n = 0;
        int calls = 0;
        for (int i = 0; i < placeCount; i++) {
            int p = places[i];
            // a call in flight (an empty slot) or a forgotten place (CallStore#forgetBefore) is left out
            if (p < 0 ? others.get(-1 - p) != null : store.isFilled(p)) {
                kept[n++] = p;
                calls += p >= 0 ? 1 : 0;
            }
        }
        this.places = n == placeCount ? kept : java.util.Arrays.copyOf(kept, n);
        this.callSlots = new int[calls];
        int c = 0;
        for (int p : this.places) {
            if (p >= 0) {
                callSlots[c++] = p;
            }
        }
        java.util.Arrays.sort(callSlots);
        this.others = Collections.unmodifiableList(new ArrayList<>(others)); // forgotten ones are null
        List<SignalEvent> s = new ArrayList<>();
        List<ProcessExit> x = new ArrayList<>();
        List<GroupStop> g = new ArrayList<>();
        boolean harness = store.anyHarness();
        for (TraceEvent e : this.others) {
            if (e == null) {
                continue;
            }
            harness |= e.harness();
            if (e instanceof SignalEvent) {
                s.add((SignalEvent) e);
            } else if (e instanceof ProcessExit) {
                x.add((ProcessExit) e);
            } else if (e instanceof GroupStop) {
                g.add((GroupStop) e);
            }
        }
        this.signals = Collections.unmodifiableList(s);
        this.exits = Collections.unmodifiableList(x);
        this.groupStops = Collections.unmodifiableList(g);
        this.noise = harness;
    }

    @Override
    public TraceEvent get(int index) {
        int p = places[index];
        return p >= 0 ? store.get(p) : others.get(-1 - p);
    }

    @Override
    public int size() {
        return places.length;
    }

    /** The calls alone, in entry order. */
    public List<SyscallEvent> calls() {
        return new Calls();
    }

    public List<SignalEvent> signals() {
        return signals;
    }

    public List<ProcessExit> exits() {
        return exits;
    }

    public List<GroupStop> groupStops() {
        return groupStops;
    }

    /** Whether any event is harness noise. */
    public boolean hasNoise() {
        return noise;
    }

    private final class Calls extends AbstractList<SyscallEvent> implements RandomAccess {
        @Override
        public SyscallEvent get(int index) {
            return store.get(callSlots[index]);
        }

        @Override
        public int size() {
            return callSlots.length;
        }
    }
}
