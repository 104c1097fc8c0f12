package dev.syscallassert;

import dev.syscallassert.core.store.CompactTimeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A timeline split into what {@link SyscallTrace} serves: the calls, the signals, the exits, the group-stops, each whole (harness noise
 * included) and as assertions see it (noise left out). A {@link CompactTimeline} (a finished trace's, stored
 * compactly) is taken as it is, with its own views, so that a trace of a million calls is never copied into lists of
 * objects; any other list is copied once. Any thread; immutable.
 */
final class TimelineParts {
    static final TimelineParts EMPTY = of(List.of());

    /** Everything, harness noise included, in the tracer's order. */
    final List<TraceEvent> timeline;
    final List<SyscallEvent> calls;
    final List<SignalEvent> signals;
    final List<ProcessExit> exits;
    final List<GroupStop> stops;
    /** The same without the harness noise (the same lists when there is none). */
    final List<TraceEvent> visibleTimeline;
    final List<SyscallEvent> visibleCalls;
    final List<SignalEvent> visibleSignals;
    final List<ProcessExit> visibleExits;
    final List<GroupStop> visibleStops;

    private TimelineParts(List<TraceEvent> timeline, List<SyscallEvent> calls, List<SignalEvent> signals,
                          List<ProcessExit> exits, List<GroupStop> stops, boolean noise) {
        this.timeline = timeline;
        this.calls = calls;
        this.signals = signals;
        this.exits = exits;
        this.stops = stops;
        this.visibleTimeline = noise ? withoutNoise(timeline) : timeline;
        this.visibleCalls = noise ? withoutNoise(calls) : calls;
        this.visibleSignals = noise ? withoutNoise(signals) : signals;
        this.visibleExits = noise ? withoutNoise(exits) : exits;
        this.visibleStops = noise ? withoutNoise(stops) : stops;
    }

    static TimelineParts of(List<? extends TraceEvent> events) {
        if (events instanceof CompactTimeline) {
            CompactTimeline c = (CompactTimeline) events;
            return new TimelineParts(c, c.calls(), c.signals(), c.exits(), c.groupStops(), c.hasNoise());
        }
        List<TraceEvent> timeline = List.copyOf(events);
        List<SyscallEvent> calls = new ArrayList<>(timeline.size());
        List<SignalEvent> delivered = new ArrayList<>();
        List<ProcessExit> ended = new ArrayList<>();
        List<GroupStop> stopped = new ArrayList<>();
        boolean noise = false;
        // One pass, no streams: a traced test builds one of these per snapshot.
        for (TraceEvent e : timeline) {
            noise |= e.harness();
            if (e instanceof SyscallEvent) {
                calls.add((SyscallEvent) e);
            } else if (e instanceof SignalEvent) {
                delivered.add((SignalEvent) e);
            } else if (e instanceof GroupStop) {
                stopped.add((GroupStop) e);
            } else {
                ended.add((ProcessExit) e);
            }
        }
        return new TimelineParts(timeline,
                calls.size() == timeline.size() ? castCalls(timeline) : Collections.unmodifiableList(calls),
                Collections.unmodifiableList(delivered), Collections.unmodifiableList(ended),
                Collections.unmodifiableList(stopped), noise);
    }

    /** The whole timeline with no event flagged as harness noise (what {@link SyscallTrace#withHarnessNoise} shows). */
    List<TraceEvent> unmarked() {
        return timeline.stream().map(TimelineParts::unmarked).collect(Collectors.toList());
    }

    private static TraceEvent unmarked(TraceEvent e) {
        if (!e.harness()) {
            return e;
        }
        if (e instanceof SyscallEvent) {
            return ((SyscallEvent) e).toBuilder().harness(false).build();
        }
        if (e instanceof SignalEvent) {
            return ((SignalEvent) e).toBuilder().harness(false).build();
        }
        if (e instanceof GroupStop) {
            return ((GroupStop) e).harness(false);
        }
        return ((ProcessExit) e).harness(false);
    }

    private static <E extends TraceEvent> List<E> withoutNoise(List<E> events) {
        return events.stream().filter(e -> !e.harness()).collect(Collectors.toUnmodifiableList());
    }

    /** A timeline of calls only is a list of calls: no copy. */
    @SuppressWarnings("unchecked")
    private static List<SyscallEvent> castCalls(List<TraceEvent> onlyCalls) {
        return (List<SyscallEvent>) (List<?>) onlyCalls;
    }
}
