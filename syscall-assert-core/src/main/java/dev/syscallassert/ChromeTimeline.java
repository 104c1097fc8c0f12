package dev.syscallassert;

import dev.syscallassert.core.output.ChromeTraceFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A trace as a timeline to look at: the Chrome trace-event JSON that Perfetto (ui.perfetto.dev) and
 * {@code chrome://tracing} open, one track per thread grouped per process, each call a slice with its decoded
 * arguments and return value, process and thread starts, execs, signals and ends as instants, and marks of your own
 * (a test's begin and end). The whole recording is shown, harness calls included and flagged
 * ({@code args.harness}). Immutable; any thread.
 */
public final class ChromeTimeline {

    private final List<? extends TraceEvent> events;
    private final List<ChromeTraceFormat.Mark> marks;
    private final Function<SyscallEvent, Optional<String>> faults;

    private ChromeTimeline(List<? extends TraceEvent> events, List<ChromeTraceFormat.Mark> marks,
                           Function<SyscallEvent, Optional<String>> faults) {
        this.events = events;
        this.marks = marks;
        this.faults = faults;
    }

    /** The timeline of the trace's whole recording ({@link SyscallTrace#allTimeline()}). */
    public static ChromeTimeline of(SyscallTrace trace) {
        return new ChromeTimeline(trace.allTimeline(), List.of(), e -> Optional.empty());
    }

    /** This timeline with an instant named {@code name} on thread {@code tid} of process {@code pid}. */
    public ChromeTimeline mark(String name, long timeNanos, int pid, int tid) {
        List<ChromeTraceFormat.Mark> more = new ArrayList<>(marks);
        more.add(new ChromeTraceFormat.Mark(Objects.requireNonNull(name, "name"), timeNanos, pid, tid));
        return new ChromeTimeline(events, List.copyOf(more), faults);
    }

    /**
     * This timeline with the calls into which a fault was injected marked: {@code faults} says what was injected
     * into a call (empty for the calls the kernel answered itself).
     */
    public ChromeTimeline injectedFaults(Function<SyscallEvent, Optional<String>> faults) {
        return new ChromeTimeline(events, marks, Objects.requireNonNull(faults, "faults"));
    }

    /** Writes the JSON to {@code out}, one event per line. */
    public void writeTo(Writer out) throws IOException {
        ChromeTraceFormat.write(events, marks, faults::apply, out);
    }

    /** Writes the JSON to {@code file} (UTF-8), creating its directory. */
    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeTo(w);
        }
    }

    public String toJson() {
        StringWriter w = new StringWriter();
        try {
            writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }
}
