package dev.syscallassert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The system calls a traced process tree made, in the order they were entered. Immutable.
 * Events flagged as {@linkplain SyscallEvent#harness() harness} noise are kept in {@link #allEvents()} but left out of
 * {@link #events()}, which is what assertions look at.
 *
 * <p>A {@linkplain #live(Supplier) live} trace is the one exception to immutability: it holds no events itself and
 * asks its source on every read, so a test that reads it twice sees what happened in between.
 *
 * <p>{@link #mark()} and {@link #since(Mark)} leave out what came before a point, such as a test's arrange phase:
 * {@code Mark mark = trace.mark(); ...act...; assertThat(trace.since(mark)).wroteFile(out)}.
 */
public final class SyscallTrace {

    private static final SyscallTrace EMPTY = new SyscallTrace(List.of(), null, true);

    private final List<SyscallEvent> all;
    private final List<SyscallEvent> visible;
    private final Path savedTo;
    /** Whether the first event is the recording's first (see {@link #startsAtRecordingStart()}). */
    private final boolean fromStart;
    /** Non-null for a live trace: every read delegates to the trace it supplies at that moment. */
    private final Supplier<SyscallTrace> source;

    private SyscallTrace(List<SyscallEvent> events, Path savedTo, boolean fromStart) {
        this.all = List.copyOf(events);
        this.visible = all.stream().noneMatch(SyscallEvent::harness)
                ? all
                : all.stream().filter(e -> !e.harness()).collect(Collectors.toUnmodifiableList());
        this.savedTo = savedTo;
        this.fromStart = fromStart;
        this.source = null;
    }

    private SyscallTrace(Supplier<SyscallTrace> source) {
        this.all = List.of();
        this.visible = List.of();
        this.savedTo = null;
        this.fromStart = true;
        this.source = source;
    }

    /** A part of this (not live) trace, in its order: it starts where this one does only with the same first event. */
    private SyscallTrace part(List<SyscallEvent> events) {
        boolean sameStart = events.isEmpty() || (!all.isEmpty() && events.get(0) == all.get(0));
        return new SyscallTrace(events, savedTo, fromStart && sameStart);
    }

    /**
     * A trace that is still being recorded: each read ({@link #events()}, {@link #size()}, ...) takes a fresh trace
     * from {@code source}. Traces derived from it ({@link #filter}, {@link #withHarnessNoise()}) are live too.
     */
    public static SyscallTrace live(Supplier<SyscallTrace> source) {
        Objects.requireNonNull(source, "source");
        return new SyscallTrace(source);
    }

    /** Whether this trace is {@linkplain #live(Supplier) live}. */
    public boolean isLive() {
        return source != null;
    }

    /**
     * This trace as it is now, as an immutable trace: itself when it is not live, else one reading of its source. Read
     * a live trace through this once when several reads must agree (and to save the round trips): the assertions
     * take one such snapshot per check.
     */
    public SyscallTrace current() {
        if (source == null) {
            return this;
        }
        SyscallTrace now = Objects.requireNonNull(source.get(), "the live trace's source supplied null");
        return now.current();
    }

    public static SyscallTrace of(List<SyscallEvent> events) {
        return events.isEmpty() ? EMPTY : new SyscallTrace(events, null, true);
    }

    public static SyscallTrace empty() {
        return EMPTY;
    }

    /** The events that assertions see (harness noise left out), in entry order. */
    public List<SyscallEvent> events() {
        return source != null ? current().events() : visible;
    }

    /** Every recorded event, harness noise included. */
    public List<SyscallEvent> allEvents() {
        return source != null ? current().allEvents() : all;
    }

    public Stream<SyscallEvent> stream() {
        return events().stream();
    }

    public int size() {
        return events().size();
    }

    public boolean isEmpty() {
        return events().isEmpty();
    }

    /** A trace with the events that match. */
    public SyscallTrace filter(Predicate<SyscallEvent> predicate) {
        if (source != null) {
            return live(() -> current().filter(predicate));
        }
        return part(all.stream().filter(predicate).collect(Collectors.toList()));
    }

    /** A trace that includes the harness noise in {@link #events()}. */
    public SyscallTrace withHarnessNoise() {
        if (source != null) {
            return live(() -> current().withHarnessNoise());
        }
        return new SyscallTrace(all.stream().map(e -> e.harness() ? e.toBuilder().harness(false).build() : e)
                .collect(Collectors.toList()), savedTo, fromStart);
    }

    /**
     * Whether this trace's first event is the recording's first: true for a trace of a whole recording, false for one
     * {@linkplain #since since a mark} or {@linkplain #filter filtered} that no longer holds that first event. The
     * process checks take a successful execve for the traced command's own launch, not a spawn, only when it is the
     * first event of a trace that starts at the recording's start. A live trace answers for its current reading.
     */
    public boolean startsAtRecordingStart() {
        return source != null ? current().startsAtRecordingStart() : fromStart;
    }

    /**
     * A mark at this moment of the trace, for {@link #since(Mark)}: the calls the trace holds now. A live trace is
     * read once for it.
     */
    public Mark mark() {
        return new Mark(current().all);
    }

    /**
     * The calls after {@code mark}: those this trace holds that the marked trace did not hold when the mark was
     * taken, in this trace's order. That is every call that began after the mark, and also every call in flight at
     * the mark (entered before it, returned after it): a trace holds a call only once it has returned, and which
     * calls were in flight at a given moment is not recorded, so they count as after. A call that had returned
     * before the mark is never after it.
     *
     * <p>For a live trace this is live: each reading is the source's reading less the marked calls. For any other
     * trace it is a slice. Take the mark on the trace you slice (or on one holding all its calls, such as the
     * unfiltered trace it was derived from): a call the marked trace did not show, say because a filter left it out,
     * is not known to be before the mark. Harness noise is marked too: {@link #withHarnessNoise()} on the slice shows
     * only the noise after the mark.
     */
    public SyscallTrace since(Mark mark) {
        Objects.requireNonNull(mark, "mark");
        if (source != null) {
            return live(() -> current().since(mark));
        }
        return part(mark.after(all));
    }

    /**
     * The file that has (or will have) the full trace; failure messages point there. For a trace a test wrote out,
     * where it was written; for a traced test's live trace, where the report will be written if the test fails.
     */
    public Optional<Path> savedTo() {
        if (source != null) {
            return current().savedTo();
        }
        return Optional.ofNullable(savedTo);
    }

    /** This trace, remembering the file it was saved to. */
    public SyscallTrace savedTo(Path file) {
        if (source != null) {
            return live(() -> current().savedTo(file));
        }
        return new SyscallTrace(all, file, fromStart);
    }

    @Override
    public String toString() {
        if (source != null) {
            SyscallTrace now = current();
            return "SyscallTrace[live, " + now.visible.size() + " events so far"
                    + (now.savedTo != null ? ", saved to " + now.savedTo : "") + "]";
        }
        return "SyscallTrace[" + visible.size() + " events" + (savedTo != null ? ", saved to " + savedTo : "") + "]";
    }

    /**
     * A point in a trace, taken by {@link SyscallTrace#mark()}: the calls the trace held then, known by who made them,
     * when (the tracer's clock), with what and how they ended, so that a later reading of a live trace (a new copy of
     * each event) is matched against them. Immutable; any thread.
     */
    public static final class Mark {
        private final Map<Key, Integer> counts = new HashMap<>();
        private final int size;

        private Mark(List<SyscallEvent> events) {
            for (SyscallEvent e : events) {
                counts.merge(new Key(e), 1, Integer::sum);
            }
            this.size = events.size();
        }

        /** The events of {@code events} that are not among the marked ones (each marked call matches once). */
        private List<SyscallEvent> after(List<SyscallEvent> events) {
            if (size == 0) {
                return events;
            }
            Map<Key, Integer> left = new HashMap<>(counts);
            List<SyscallEvent> after = new ArrayList<>();
            for (SyscallEvent e : events) {
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

        /** How many calls (harness noise included) the trace held at the mark. */
        public int size() {
            return size;
        }

        @Override
        public String toString() {
            return "SyscallTrace.Mark[" + size + " calls before it]";
        }
    }

    /**
     * What tells one recorded call from another across readings: a thread enters one call at a time, so its id and
     * the entry time tell a real call apart; the rest keeps hand-built events (often all at time 0) apart.
     */
    private static final class Key {
        private final SyscallEvent e;
        private final int hash;

        Key(SyscallEvent e) {
            this.e = e;
            this.hash = Objects.hash(e.pid(), e.tid(), e.syscall(), e.startNanos(), e.endNanos(), e.returnValue());
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            SyscallEvent x = ((Key) o).e;
            return x == e || (x.pid() == e.pid() && x.tid() == e.tid() && x.number() == e.number()
                    && x.syscall().equals(e.syscall()) && x.startNanos() == e.startNanos()
                    && x.endNanos() == e.endNanos() && x.returnValue() == e.returnValue()
                    && x.finished() == e.finished() && x.errno().equals(e.errno())
                    && Arrays.equals(x.args(), e.args()) && x.renderedArgs().equals(e.renderedArgs()));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
