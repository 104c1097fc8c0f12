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
 * The system calls a traced process tree made, in the order they were entered. Immutable.
 * Events flagged as {@linkplain SyscallEvent#harness() harness} noise are kept in {@link #allEvents()} but left out of
 * {@link #events()}, which is what assertions look at.
 *
 * <p>A {@linkplain #live(Supplier) live} trace is the one exception to immutability: it holds no events itself and
 * asks its source on every read, so a test that reads it twice sees what happened in between.
 */
public final class SyscallTrace {

    private static final SyscallTrace EMPTY = new SyscallTrace(List.of(), null);

    private final List<SyscallEvent> all;
    private final List<SyscallEvent> visible;
    private final Path savedTo;
    /** Non-null for a live trace: every read delegates to the trace it supplies at that moment. */
    private final Supplier<SyscallTrace> source;

    private SyscallTrace(List<SyscallEvent> events, Path savedTo) {
        this.all = List.copyOf(events);
        this.visible = all.stream().noneMatch(SyscallEvent::harness)
                ? all
                : all.stream().filter(e -> !e.harness()).collect(Collectors.toUnmodifiableList());
        this.savedTo = savedTo;
        this.source = null;
    }

    private SyscallTrace(Supplier<SyscallTrace> source) {
        this.all = List.of();
        this.visible = List.of();
        this.savedTo = null;
        this.source = source;
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
        return events.isEmpty() ? EMPTY : new SyscallTrace(events, null);
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
        return new SyscallTrace(all.stream().filter(predicate).collect(Collectors.toList()), savedTo);
    }

    /** A trace that includes the harness noise in {@link #events()}. */
    public SyscallTrace withHarnessNoise() {
        if (source != null) {
            return live(() -> current().withHarnessNoise());
        }
        return new SyscallTrace(all.stream().map(e -> e.harness() ? e.toBuilder().harness(false).build() : e)
                .collect(Collectors.toList()), savedTo);
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
        return new SyscallTrace(all, file);
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
}
