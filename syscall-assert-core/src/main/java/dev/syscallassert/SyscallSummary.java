package dev.syscallassert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per syscall: how often it was called, how often it failed, and the time its calls took (total, shortest, longest),
 * what {@code strace -c} tabulates. The time is either the system CPU time the kernel charged the calling process
 * during each call ({@link Clock#SYSTEM}, strace -c's, from the rusage at the call's entry and exit stops; see
 * {@link Tracer#countSystemTime()}) or the wall-clock time between those stops ({@link Clock#WALL}, strace -c -w's,
 * which includes the time the tracer took to handle them). Only calls that returned count, as in strace: an
 * exit_group, or a call whose thread was killed, has no duration. Immutable.
 */
public final class SyscallSummary {

    /** What a call's time measures. */
    public enum Clock {
        /** System CPU time of the calling process during the call (strace -c). */
        SYSTEM,
        /** Wall-clock time between the call's entry and exit stops (strace -c -w). */
        WALL
    }

    /** One syscall's figures; times in nanoseconds. */
    public record Entry(String syscall, int number, long calls, long errors, long totalNanos, long minNanos,
                        long maxNanos) {
        public Entry {
            Objects.requireNonNull(syscall, "syscall");
        }

        /** The mean time per call, rounded to the nearest nanosecond (strace's ts_div). */
        public long averageNanos() {
            return calls == 0 ? 0 : (totalNanos + calls / 2) / calls;
        }

        /** This entry with one more call of {@code nanos} (negative counts as 0, as strace clamps it). */
        Entry plus(long nanos, boolean failed) {
            long t = Math.max(0, nanos);
            return new Entry(syscall, number, calls + 1, errors + (failed ? 1 : 0), totalNanos + t,
                    calls == 0 ? t : Math.min(minNanos, t), Math.max(maxNanos, t));
        }
    }

    private final Clock clock;
    private final List<Entry> entries;

    private SyscallSummary(Clock clock, List<Entry> entries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::number).thenComparing(Entry::syscall));
        this.entries = List.copyOf(sorted);
    }

    /** A summary of these entries (kept in syscall number order). */
    public static SyscallSummary of(Clock clock, List<Entry> entries) {
        return new SyscallSummary(clock, entries);
    }

    /** The wall-clock summary of recorded calls: each call that returned, timed from its entry to its exit stop. */
    public static SyscallSummary wallClock(List<SyscallEvent> events) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (SyscallEvent e : events) {
            if (!e.finished()) {
                continue;
            }
            Entry entry = byName.computeIfAbsent(e.syscall(), k -> new Entry(k, e.number(), 0, 0, 0, 0, 0));
            byName.put(e.syscall(), entry.plus(e.endNanos() - e.startNanos(), e.failed()));
        }
        return new SyscallSummary(Clock.WALL, new ArrayList<>(byName.values()));
    }

    /** Accumulates a summary call by call: the tracer's, on its thread, for {@link Clock#SYSTEM} times. */
    public static final class Accumulator {
        private final Clock clock;
        private final Map<Integer, Entry> byNumber = new LinkedHashMap<>();

        public Accumulator(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** One call of {@code syscall} (number {@code number}) that returned after {@code nanos}. */
        public void add(String syscall, int number, long nanos, boolean failed) {
            Entry entry = byNumber.get(number);
            if (entry == null) {
                entry = new Entry(syscall, number, 0, 0, 0, 0, 0);
            }
            byNumber.put(number, entry.plus(nanos, failed));
        }

        public SyscallSummary summary() {
            return new SyscallSummary(clock, new ArrayList<>(byNumber.values()));
        }
    }

    public Clock clock() {
        return clock;
    }

    /** One entry per syscall called, in syscall number order. */
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        long calls = entries.stream().mapToLong(Entry::calls).sum();
        return "SyscallSummary[" + clock + ", " + entries.size() + " syscalls, " + calls + " calls]";
    }
}
