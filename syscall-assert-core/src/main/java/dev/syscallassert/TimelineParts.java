package dev.syscallassert;

import dev.syscallassert.core.store.CompactTimeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A timeline split into what {@link SyscallTrace} serves: the calls, the signals, the exits, and whether any of it is
 * harness noise. A {@link CompactTimeline} (a finished trace's, stored compactly) is taken as it is, with its own
 * views, so that a trace of a million calls is never copied into lists of objects; any other list is copied once.
 * Any thread; immutable.
 */
final class TimelineParts {
    final List<TraceEvent> timeline;
    final List<SyscallEvent> calls;
    final List<SignalEvent> signals;
    final List<ProcessExit> exits;
    final boolean noise;

    private TimelineParts(List<TraceEvent> timeline, List<SyscallEvent> calls, List<SignalEvent> signals,
                          List<ProcessExit> exits, boolean noise) {
        this.timeline = timeline;
        this.calls = calls;
        this.signals = signals;
        this.exits = exits;
        this.noise = noise;
    }

    static TimelineParts of(List<? extends TraceEvent> events) {
        if (events instanceof CompactTimeline) {
            CompactTimeline c = (CompactTimeline) events;
            return new TimelineParts(c, c.calls(), c.signals(), c.exits(), c.hasNoise());
        }
        List<TraceEvent> timeline = List.copyOf(events);
        List<SyscallEvent> calls = new ArrayList<>(timeline.size());
        List<SignalEvent> delivered = new ArrayList<>();
        List<ProcessExit> ended = new ArrayList<>();
        boolean noise = false;
        // One pass, no streams: a traced test builds one of these per snapshot.
        for (TraceEvent e : timeline) {
            noise |= e.harness();
            if (e instanceof SyscallEvent) {
                calls.add((SyscallEvent) e);
            } else if (e instanceof SignalEvent) {
                delivered.add((SignalEvent) e);
            } else {
                ended.add((ProcessExit) e);
            }
        }
        return new TimelineParts(timeline,
                calls.size() == timeline.size() ? castCalls(timeline) : Collections.unmodifiableList(calls),
                Collections.unmodifiableList(delivered), Collections.unmodifiableList(ended), noise);
    }

    /** A timeline of calls only is a list of calls: no copy. */
    @SuppressWarnings("unchecked")
    private static List<SyscallEvent> castCalls(List<TraceEvent> onlyCalls) {
        return (List<SyscallEvent>) (List<?>) onlyCalls;
    }
}
