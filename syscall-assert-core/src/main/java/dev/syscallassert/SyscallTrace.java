package dev.syscallassert;

import java.nio.file.Path;
import java.util.List;
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
 * where it was entered, each {@link SignalEvent}, {@link GroupStop} and {@link ProcessExit} where it happened;
 * {@link #signals()}, {@link #groupStops()} and {@link #exits()} list those kinds alone. Harness noise is left out of each of them the same way.
 *
 * <p>A {@linkplain #live(Supplier) live} trace is the one exception to immutability: it holds no events itself and
 * asks its source on every read, so a test that reads it twice sees what happened in between.
 *
 * <p>{@link #mark()} and {@link #since(Mark)} leave out what came before a point, such as a test's arrange phase:
 * {@code Mark mark = trace.mark(); ...act...; assertThat(trace.since(mark)).wroteFile(out)}.
 */
public final class SyscallTrace {

    private static final SyscallTrace EMPTY = new SyscallTrace(List.of(), null, true);

    /** The events, whole and as assertions see them; {@link TimelineParts#EMPTY} for a live trace. */
    private final TimelineParts parts;
    private final Path savedTo;
    /** Whether the first event is the recording's first (see {@link #startsAtRecordingStart()}). */
    private final boolean fromStart;
    /** Non-null for a live trace: every read delegates to the trace it supplies at that moment. */
    private final Supplier<SyscallTrace> source;

    private SyscallTrace(List<? extends TraceEvent> events, Path savedTo, boolean fromStart) {
        this.parts = TimelineParts.of(events);
        this.savedTo = savedTo;
        this.fromStart = fromStart;
        this.source = null;
    }

    private SyscallTrace(Supplier<SyscallTrace> source) {
        this.parts = TimelineParts.EMPTY;
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
        boolean sameStart = first == null || (!parts.calls.isEmpty() && first == parts.calls.get(0));
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
        return source != null ? current().events() : parts.visibleCalls;
    }

    /** Every recorded event, harness noise included. */
    public List<SyscallEvent> allEvents() {
        return source != null ? current().allEvents() : parts.calls;
    }

    /**
     * Calls, signals and exits in the tracer's order, as strace prints them (harness noise left out): a call where
     * it was entered (so a call that other threads' calls overtook comes before them), a signal where it was
     * delivered, an exit where the tracer learnt of it.
     */
    public List<TraceEvent> timeline() {
        return source != null ? current().timeline() : parts.visibleTimeline;
    }

    /** {@link #timeline()} with the harness noise. */
    public List<TraceEvent> allTimeline() {
        return source != null ? current().allTimeline() : parts.timeline;
    }

    /** The signals delivered to the traced threads, in delivery order (harness noise left out). */
    public List<SignalEvent> signals() {
        return source != null ? current().signals() : parts.visibleSignals;
    }

    /** {@link #signals()} with the harness noise. */
    public List<SignalEvent> allSignals() {
        return source != null ? current().allSignals() : parts.signals;
    }

    /** The ends of the traced threads and processes, in the order the tracer learnt of them (noise left out). */
    public List<ProcessExit> exits() {
        return source != null ? current().exits() : parts.visibleExits;
    }

    /** {@link #exits()} with the harness noise. */
    public List<ProcessExit> allExits() {
        return source != null ? current().allExits() : parts.exits;
    }

    /** The traced threads' entries into group-stop ({@code --- stopped by SIGSTOP ---}), in order (noise left out). */
    public List<GroupStop> groupStops() {
        return source != null ? current().groupStops() : parts.visibleStops;
    }

    /** {@link #groupStops()} with the harness noise. */
    public List<GroupStop> allGroupStops() {
        return source != null ? current().allGroupStops() : parts.stops;
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
        return part(parts.timeline.stream().filter(e -> !(e instanceof SyscallEvent) || predicate.test((SyscallEvent) e))
                .collect(Collectors.toList()));
    }

    /** A trace with the calls, signals and exits that match, in the same order. */
    public SyscallTrace filterTimeline(Predicate<? super TraceEvent> predicate) {
        if (source != null) {
            return live(() -> current().filterTimeline(predicate));
        }
        return part(parts.timeline.stream().filter(predicate).collect(Collectors.toList()));
    }

    /** A trace that includes the harness noise in {@link #events()}, {@link #signals()}, {@link #timeline()}... */
    public SyscallTrace withHarnessNoise() {
        if (source != null) {
            return live(() -> current().withHarnessNoise());
        }
        return new SyscallTrace(parts.unmarked(), savedTo, fromStart);
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
        return new Mark(current().parts.timeline);
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
        return part(mark.marked.after(parts.timeline));
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
        return new SyscallTrace(parts.timeline, file, fromStart);
    }

    @Override
    public String toString() {
        if (source != null) {
            SyscallTrace now = current();
            return "SyscallTrace[live, " + now.parts.visibleCalls.size() + " events so far" + now.others()
                    + (now.savedTo != null ? ", saved to " + now.savedTo : "") + "]";
        }
        return "SyscallTrace[" + parts.visibleCalls.size() + " events" + others()
                + (savedTo != null ? ", saved to " + savedTo : "") + "]";
    }

    /** The signals, stops and exits, counted only when there are any (so a trace of calls reads as it always did). */
    private String others() {
        return (parts.visibleSignals.isEmpty() ? "" : ", " + parts.visibleSignals.size() + " signals")
                + (parts.visibleStops.isEmpty() ? "" : ", " + parts.visibleStops.size() + " group-stops")
                + (parts.visibleExits.isEmpty() ? "" : ", " + parts.visibleExits.size() + " exits");
    }

    /**
     * A point in a trace, taken by {@link SyscallTrace#mark()}: the calls the trace held then, known by who made them,
     * when (the tracer's clock), with what and how they ended, so that a later reading of a live trace (a new copy of
     * each event) is matched against them. Immutable; any thread.
     */
    public static final class Mark {
        private final MarkedEvents marked;

        private Mark(List<TraceEvent> events) {
            this.marked = new MarkedEvents(events);
        }

        /** How many events (calls, signals, exits; harness noise included) the trace held at the mark. */
        public int size() {
            return marked.size();
        }

        @Override
        public String toString() {
            return "SyscallTrace.Mark[" + marked.size() + " events before it]";
        }
    }
}
