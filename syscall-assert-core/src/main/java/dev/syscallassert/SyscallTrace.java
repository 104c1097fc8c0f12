package dev.syscallassert;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The system calls a traced process tree made, in the order they were entered. Immutable.
 * Events flagged as {@linkplain SyscallEvent#harness() harness} noise are kept in {@link #allEvents()} but left out of
 * {@link #events()}, which is what assertions look at.
 */
public final class SyscallTrace {

    private static final SyscallTrace EMPTY = new SyscallTrace(List.of(), null);

    private final List<SyscallEvent> all;
    private final List<SyscallEvent> visible;
    private final Path savedTo;

    private SyscallTrace(List<SyscallEvent> events, Path savedTo) {
        this.all = List.copyOf(events);
        this.visible = all.stream().noneMatch(SyscallEvent::harness)
                ? all
                : all.stream().filter(e -> !e.harness()).collect(Collectors.toUnmodifiableList());
        this.savedTo = savedTo;
    }

    public static SyscallTrace of(List<SyscallEvent> events) {
        return events.isEmpty() ? EMPTY : new SyscallTrace(events, null);
    }

    public static SyscallTrace empty() {
        return EMPTY;
    }

    /** The events that assertions see (harness noise left out), in entry order. */
    public List<SyscallEvent> events() {
        return visible;
    }

    /** Every recorded event, harness noise included. */
    public List<SyscallEvent> allEvents() {
        return all;
    }

    public Stream<SyscallEvent> stream() {
        return visible.stream();
    }

    public int size() {
        return visible.size();
    }

    public boolean isEmpty() {
        return visible.isEmpty();
    }

    /** A trace with the events that match. */
    public SyscallTrace filter(Predicate<SyscallEvent> predicate) {
        return new SyscallTrace(all.stream().filter(predicate).collect(Collectors.toList()), savedTo);
    }

    /** A trace that includes the harness noise in {@link #events()}. */
    public SyscallTrace withHarnessNoise() {
        return new SyscallTrace(all.stream().map(e -> e.harness() ? e.toBuilder().harness(false).build() : e)
                .collect(Collectors.toList()), savedTo);
    }

    /** Where the full trace was written, when it was; failure messages point there. */
    public Optional<Path> savedTo() {
        return Optional.ofNullable(savedTo);
    }

    /** This trace, remembering the file it was saved to. */
    public SyscallTrace savedTo(Path file) {
        return new SyscallTrace(all, file);
    }

    @Override
    public String toString() {
        return "SyscallTrace[" + visible.size() + " events" + (savedTo != null ? ", saved to " + savedTo : "") + "]";
    }
}
