package dev.syscallassert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events a {@link SyscallTrace.Mark} holds, counted by what tells one recorded event from another across readings
 * of a live trace (each reading is a new copy of each event, so identity cannot be used): {@link #after} matches a
 * later reading against them. Immutable once built; any thread.
 */
final class MarkedEvents {
    private final Map<Key, Integer> counts = new HashMap<>();
    private final int size;

    MarkedEvents(List<TraceEvent> events) {
        for (TraceEvent e : events) {
            counts.merge(new Key(e), 1, Integer::sum);
        }
        this.size = events.size();
    }

    /** How many events were marked. */
    int size() {
        return size;
    }

    /** The events of {@code events} that are not among the marked ones (each marked event matches once). */
    List<TraceEvent> after(List<TraceEvent> events) {
        if (size == 0) {
            return events;
        }
        Map<Key, Integer> left = new HashMap<>(counts);
        List<TraceEvent> after = new ArrayList<>();
        for (TraceEvent e : events) {
            Key key = new Key(e);
            Integer n = left.get(key);
            if (n == null) {
                after.add(e);
            } else if (n == 1) {
                left.remove(key);
            } else {
                left.put(key, n - 1);
            }
        }
        return after;
    }

    /**
     * What tells one recorded event from another across readings: a thread enters one call at a time, so its id and
     * the entry time tell a real call apart; the rest keeps hand-built events (often all at time 0) apart. Any other
     * event (a signal, a stop, an exit) is told apart by its kind, its thread, its time and its text.
     */
    private static final class Key {
        private final TraceEvent e;
        private final int hash;

        Key(TraceEvent e) {
            this.e = e;
            this.hash = e instanceof SyscallEvent
                    ? Objects.hash(e.pid(), e.tid(), ((SyscallEvent) e).syscall(), ((SyscallEvent) e).startNanos(),
                            ((SyscallEvent) e).endNanos(), ((SyscallEvent) e).returnValue())
                    : Objects.hash(e.getClass(), e.pid(), e.tid(), time(e), e.toString());
        }

        private static long time(TraceEvent e) {
            if (e instanceof SignalEvent) {
                return ((SignalEvent) e).timeNanos();
            }
            return e instanceof GroupStop ? ((GroupStop) e).timeNanos() : ((ProcessExit) e).timeNanos();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            TraceEvent other = ((Key) o).e;
            if (other == e) {
                return true;
            }
            if (!(e instanceof SyscallEvent) || !(other instanceof SyscallEvent)) {
                return other.getClass() == e.getClass() && other.pid() == e.pid() && other.tid() == e.tid()
                        && time(other) == time(e) && other.toString().equals(e.toString());
            }
            SyscallEvent x = (SyscallEvent) other;
            SyscallEvent c = (SyscallEvent) e;
            return x.pid() == c.pid() && x.tid() == c.tid() && x.number() == c.number()
                    && x.syscall().equals(c.syscall()) && x.startNanos() == c.startNanos()
                    && x.endNanos() == c.endNanos() && x.returnValue() == c.returnValue()
                    && x.finished() == c.finished() && x.errno().equals(c.errno())
                    && Arrays.equals(x.args(), c.args()) && x.renderedArgs().equals(c.renderedArgs());
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
