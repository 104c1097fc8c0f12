package dev.syscallassert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * The system calls a traced process tree made, in the order they were entered, and what happened to it between them:
 * the signals delivered to its threads and the ends of its threads and processes. Immutable.
 * Events flagged as {@linkplain SyscallEvent#harness() harness} noise are kept in {@link #allEvents()} but left out of
 * {@link #events()}, which is what assertions look at.
 *
 * <p>{@link #events()} holds system calls only, so every syscall check sees exactly the calls. The
 * {@linkplain #timeline() timeline} has everything in the order the tracer saw it, as strace prints it: each call
 * where it was entered, each {@link SignalEvent} and {@link ProcessExit} where it happened; {@link #signals()} and
 * {@link #exits()} list those two kinds alone. Harness noise is left out of each of them the same way.
 *
 * <p>A {@linkplain #live(Supplier) live} trace is the one exception to immutability: it holds no events itself and
 * asks its source on every read, so a test that reads it twice sees what happened in between.
 *
 * <p>{@link #mark()} and {@link #since(Mark)} leave out what came before a point, such as a test's arrange phase:
 * {@code Mark mark = trace.mark(); ...act...; assertThat(trace.since(mark)).wroteFile(out)}.
 */
public final class SyscallTrace {

    private static final SyscallTrace EMPTY = new SyscallTrace(List.of(), null, true);

    /** Everything, harness noise included, in the tracer's order. */
    private final List<TraceEvent> timeline;
    private final List<TraceEvent> visibleTimeline;
    private final List<SyscallEvent> all;
    private final List<SyscallEvent> visible;
    private final List<SignalEvent> allSignals;
    private final List<SignalEvent> signals;
    private final List<ProcessExit> allExits;
    private final List<ProcessExit> exits;
    private final Path savedTo;
    /** Whether the first event is the recording's first (see {@link #startsAtRecordingStart()}). */
    private final boolean fromStart;
    /** Non-null for a live trace: every read delegates to the trace it supplies at that moment. */
    private final Supplier<SyscallTrace> source;

    private SyscallTrace(List<? extends TraceEvent> events, Path savedTo, boolean fromStart) {
        TimelineParts parts = TimelineParts.of(events);
        this.timeline = parts.timeline;
        this.all = parts.calls;
        this.allSignals = parts.signals;
        this.allExits = parts.exits;
        boolean noise = parts.noise;
        this.visibleTimeline = noise ? withoutNoise(timeline) : timeline;
        this.visible = noise ? withoutNoise(all) : all;
        this.signals = noise ? withoutNoise(allSignals) : allSignals;
        this.exits = noise ? withoutNoise(allExits) : allExits;
        this.savedTo = savedTo;
        this.fromStart = fromStart;
        this.source = null;
    }

    private SyscallTrace(Supplier<SyscallTrace> source) {
        this.timeline = List.of();
        this.visibleTimeline = List.of();
        this.all = List.of();
        this.visible = List.of();
        this.allSignals = List.of();
        this.signals = List.of();
        this.allExits = List.of();
        this.exits = List.of();
        this.savedTo = null;
        this.fromStart = true;
        this.source = source;
    }

    /**
     * A part of this (not live) trace's timeline, in its order: it starts where this one does only when it holds the
     * same first call (or no call at all).
     */
    private SyscallTrace part(List<? extends TraceEvent> events) {
        SyscallEvent first = null;
        for (TraceEvent e : events) {
            if (e instanceof SyscallEvent) {
                first = (SyscallEvent) e;
                break;
            }
        }
        boolean sameStart = first == null || (!all.isEmpty() && first == all.get(0));
        return new SyscallTrace(events, savedTo, fromStart && sameStart);
    }

    private static <E extends TraceEvent> List<E> withoutNoise(List<E> events) {
        return events.stream().filter(e -> !e.harness()).collect(Collectors.toUnmodifiableList());
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

    /** A trace of these calls, in this order (entry order), with no signals or exits. */
    public static SyscallTrace of(List<SyscallEvent> events) {
        return events.isEmpty() ? EMPTY : new SyscallTrace(events, null, true);
    }

    /**
     * A trace of this timeline: calls, signals and exits in the order given (the tracer's: each call where it was
     * entered, each signal and exit where it happened), harness noise included as flagged.
     */
    public static SyscallTrace ofTimeline(List<? extends TraceEvent> timeline) {
        return timeline.isEmpty() ? EMPTY : new SyscallTrace(timeline, null, true);
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

    /**
     * Calls, signals and exits in the tracer's order, as strace prints them (harness noise left out): a call where
     * it was entered (so a call that other threads' calls overtook comes before them), a signal where it was
     * delivered, an exit where the tracer learnt of it.
     */
    public List<TraceEvent> timeline() {
        return source != null ? current().timeline() : visibleTimeline;
    }

    /** {@link #timeline()} with the harness noise. */
    public List<TraceEvent> allTimeline() {
        return source != null ? current().allTimeline() : timeline;
    }

    /** The signals delivered to the traced threads, in delivery order (harness noise left out). */
    public List<SignalEvent> signals() {
        return source != null ? current().signals() : signals;
    }

    /** {@link #signals()} with the harness noise. */
    public List<SignalEvent> allSignals() {
        return source != null ? current().allSignals() : allSignals;
    }

    /** The ends of the traced threads and processes, in the order the tracer learnt of them (noise left out). */
    public List<ProcessExit> exits() {
        return source != null ? current().exits() : exits;
    }

    /** {@link #exits()} with the harness noise. */
    public List<ProcessExit> allExits() {
        return source != null ? current().allExits() : allExits;
    }

    /**
     * A seccomp profile that allows what this trace's whole recording did ({@link #allEvents()}, harness calls
     * included) and nothing else; see {@link SeccompProfile}. Meaningful for a trace of every syscall only.
     */
    public SeccompProfile seccompProfile() {
        return SeccompProfile.of(current());
    }

    /** The processes and threads of this trace's whole recording, as a tree ({@link ProcessTree}). */
    public ProcessTree processTree() {
        return ProcessTree.of(current());
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

    /**
     * A trace with the calls that match, and every signal and exit: a predicate on calls says nothing about them
     * (narrow them with {@link #filterTimeline}).
     */
    public SyscallTrace filter(Predicate<SyscallEvent> predicate) {
        if (source != null) {
            return live(() -> current().filter(predicate));
        }
        return part(timeline.stream().filter(e -> !(e instanceof SyscallEvent) || predicate.test((SyscallEvent) e))
                .collect(Collectors.toList()));
    }

    /** A trace with the calls, signals and exits that match, in the same order. */
    public SyscallTrace filterTimeline(Predicate<? super TraceEvent> predicate) {
        if (source != null) {
            return live(() -> current().filterTimeline(predicate));
        }
        return part(timeline.stream().filter(predicate).collect(Collectors.toList()));
    }

    /** A trace that includes the harness noise in {@link #events()}, {@link #signals()}, {@link #timeline()}... */
    public SyscallTrace withHarnessNoise() {
        if (source != null) {
            return live(() -> current().withHarnessNoise());
        }
        return new SyscallTrace(timeline.stream().map(SyscallTrace::unmarked).collect(Collectors.toList()), savedTo,
                fromStart);
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
        return new Mark(current().timeline);
    }

    /**
     * The calls after {@code mark} (and the signals and exits after it, likewise): those this trace holds that the
     * marked trace did not hold when the mark was taken, in this trace's order. That is every call that began after the mark, and also every call in flight at
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
        return part(mark.after(timeline));
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
        return ((ProcessExit) e).harness(false);
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
        return new SyscallTrace(timeline, file, fromStart);
    }

    @Override
    public String toString() {
        if (source != null) {
            SyscallTrace now = current();
            return "SyscallTrace[live, " + now.visible.size() + " events so far" + now.others()
                    + (now.savedTo != null ? ", saved to " + now.savedTo : "") + "]";
        }
        return "SyscallTrace[" + visible.size() + " events" + others()
                + (savedTo != null ? ", saved to " + savedTo : "") + "]";
    }

    /** The signals and exits, counted only when there are any (so a trace of calls reads as it always did). */
    private String others() {
        return (signals.isEmpty() ? "" : ", " + signals.size() + " signals")
                + (exits.isEmpty() ? "" : ", " + exits.size() + " exits");
    }

    /**
     * A point in a trace, taken by {@link SyscallTrace#mark()}: the calls the trace held then, known by who made them,
     * when (the tracer's clock), with what and how they ended, so that a later reading of a live trace (a new copy of
     * each event) is matched against them. Immutable; any thread.
     */
    public static final class Mark {
        private final Map<Key, Integer> counts = new HashMap<>();
        private final int size;

        private Mark(List<TraceEvent> events) {
            for (TraceEvent e : events) {
                counts.merge(new Key(e), 1, Integer::sum);
            }
            this.size = events.size();
        }

        /** The events of {@code events} that are not among the marked ones (each marked event matches once). */
        private List<TraceEvent> after(List<TraceEvent> events) {
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

        /** How many events (calls, signals, exits; harness noise included) the trace held at the mark. */
        public int size() {
            return size;
        }

        @Override
        public String toString() {
            return "SyscallTrace.Mark[" + size + " events before it]";
        }
    }

    /**
     * What tells one recorded event from another across readings: a thread enters one call at a time, so its id and
     * the entry time tell a real call apart; the rest keeps hand-built events (often all at time 0) apart. A signal or
     * an exit is told apart by its thread, its time and its text.
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
            return e instanceof SignalEvent ? ((SignalEvent) e).timeNanos() : ((ProcessExit) e).timeNanos();
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
