package dev.syscallassert.core.format;

import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.decode.ReturnValues;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Traces as JSON Lines: one object per event, in entry order, harness events included (flagged). This is the format
 * the tracer hands traces over in (the traced child JVM reads its own trace back), so {@link #parse} restores every
 * field of {@link SyscallEvent} exactly.
 *
 * <p>Keys: {@code pid, tid, thread, syscall, nr, categories} (enum names), {@code args} (the six registers as signed
 * 64-bit integers), {@code rendered_args, path, path2, fd_path, address, argv, ret, errno} ("ENOENT" or null),
 * {@code rendered_ret} (strace's return text when it is not just the number: "0x7f..." or "-1 ENOENT (No such
 * file or directory)"; null otherwise), {@code finished, start_ns, end_ns, harness}, and on a call the tracer acted on
 * {@code injected} ({@link InjectionJson}). Absent values are
 * {@code null}. Output is ASCII; non-ASCII characters are escaped. Readers ignore unknown keys so that newer files
 * stay readable.
 */
public final class JsonLinesFormat {

    private JsonLinesFormat() {
    }

    /** One call, signal, group-stop or exit as a single line of JSON (no line terminator). */
    public static String format(TraceEvent e) {
        if (e instanceof SyscallEvent) {
            return format((SyscallEvent) e);
        }
        if (e instanceof GroupStop) {
            return TimelineJson.format((GroupStop) e);
        }
        return e instanceof SignalEvent ? TimelineJson.format((SignalEvent) e) : TimelineJson.format((ProcessExit) e);
    }

    /** One event as a single line of JSON (no line terminator). */
    public static String format(SyscallEvent e) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"pid\":").append(e.pid());
        sb.append(",\"tid\":").append(e.tid());
        sb.append(",\"thread\":");
        Json.string(sb, e.thread());
        sb.append(",\"syscall\":");
        Json.string(sb, e.syscall());
        sb.append(",\"nr\":").append(e.number());
        sb.append(",\"categories\":[");
        boolean first = true;
        for (SyscallCategory c : e.categories()) {
            if (!first) {
                sb.append(',');
            }
            Json.string(sb, c.name());
            first = false;
        }
        sb.append("],\"args\":[");
        long[] args = e.args();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(args[i]);
        }
        sb.append("],\"rendered_args\":");
        stringArray(sb, e.renderedArgs());
        sb.append(",\"path\":");
        Json.string(sb, e.path().orElse(null));
        sb.append(",\"path2\":");
        Json.string(sb, e.path2().orElse(null));
        sb.append(",\"fd_path\":");
        Json.string(sb, e.fdPath().orElse(null));
        sb.append(",\"address\":");
        Json.string(sb, e.address().orElse(null));
        sb.append(",\"argv\":");
        stringArray(sb, e.argv().orElse(null));
        // Only on the calls they apply to (opens, clones): most events have neither.
        e.openFlags().ifPresent(f -> sb.append(",\"open_flags\":").append(f));
        e.cloneFlags().ifPresent(f -> sb.append(",\"clone_flags\":").append(f));
        e.socketError().ifPresent(v -> sb.append(",\"so_error\":").append(v));
        sb.append(",\"ret\":").append(e.returnValue());
        sb.append(",\"errno\":");
        Json.string(sb, e.errno().orElse(null));
        sb.append(",\"rendered_ret\":");
        Json.string(sb, explicitRenderedReturn(e));
        sb.append(",\"finished\":").append(e.finished());
        sb.append(",\"start_ns\":").append(e.startNanos());
        sb.append(",\"end_ns\":").append(e.endNanos());
        sb.append(",\"harness\":").append(e.harness());
        e.injection().ifPresent(i -> InjectionJson.append(sb, i)); // only on a call the tracer acted on
        return sb.append('}').toString();
    }

    /**
     * The event only exposes the effective return text; storing it when it differs from what the event would derive
     * anyway keeps the files small and makes the round trip exact.
     */
    private static String explicitRenderedReturn(SyscallEvent e) {
        String actual = e.renderedReturn();
        return actual.equals(ReturnValues.derived(e.finished(), e.returnValue(), e.errno().orElse(null))) ? null : actual;
    }

    private static void stringArray(StringBuilder sb, List<String> values) {
        if (values == null) {
            sb.append("null");
            return;
        }
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.string(sb, values.get(i));
        }
        sb.append(']');
    }

    /**
     * Reads one line written by {@link #format(SyscallEvent)}.
     *
     * @throws IllegalArgumentException naming the problem (bad JSON, a missing or mistyped key) and where it is; a
     *                                  signal or exit line is not a call either (read those with {@link #parseEvent})
     */
    public static SyscallEvent parse(String line) {
        TraceEvent e = parseEvent(line);
        if (!(e instanceof SyscallEvent)) {
            throw new IllegalArgumentException("Not a syscall but a " + (e instanceof SignalEvent ? "signal"
                    : e instanceof GroupStop ? "group-stop" : "exit")
                    + " line: " + abbreviate(line));
        }
        return (SyscallEvent) e;
    }

    /**
     * Reads one line written by {@link #format(TraceEvent)}: a call (it has a {@code syscall} key), a signal
     * ({@code signal}, no {@code syscall}), a group-stop ({@code stopped}) or an exit ({@code exit}).
     *
     * @throws IllegalArgumentException naming the problem (bad JSON, a missing or mistyped key) and where it is
     */
    public static TraceEvent parseEvent(String line) {
        Object parsed = Json.parse(line);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("A trace line must be a JSON object, got: " + abbreviate(line));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) parsed;
        if (m.get("syscall") == null && m.get("signal") != null) {
            return TimelineJson.parseSignal(new JsonFields(m, "signal"));
        }
        if (m.get("syscall") == null && m.get("stopped") != null) {
            return TimelineJson.parseGroupStop(new JsonFields(m, "stopped"));
        }
        if (m.get("syscall") == null && m.get("exit") != null) {
            return TimelineJson.parseExit(new JsonFields(m, "exit"));
        }
        JsonFields f = new JsonFields(m, "syscall");
        SyscallEvent.Builder b = SyscallEvent.builder()
                .pid(f.toInt("pid"))
                .tid(f.toInt("tid"))
                .thread(f.optionalString("thread"))
                .syscall(f.requiredString("syscall"))
                .number(f.toInt("nr"));
        EnumSet<SyscallCategory> categories = EnumSet.noneOf(SyscallCategory.class);
        List<String> names = f.stringList("categories");
        if (names != null) {
            for (String name : names) {
                try {
                    categories.add(SyscallCategory.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown category \"" + name + "\" in trace line: "
                            + abbreviate(line), e);
                }
            }
        }
        b.categories(categories);
        Object rawArgs = f.raw("args");
        if (rawArgs != null) {
            if (!(rawArgs instanceof List)) {
                throw f.typeError("args", "an array of integers");
            }
            List<?> list = (List<?>) rawArgs;
            if (list.size() > 6) {
                throw f.typeError("args", "at most six integers");
            }
            long[] args = new long[6];
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Long)) {
                    throw f.typeError("args", "an array of integers");
                }
                args[i] = (Long) list.get(i);
            }
            b.args(args);
        }
        List<String> rendered = f.stringList("rendered_args");
        b.renderedArgs(rendered == null ? List.of() : rendered);
        b.path(f.optionalString("path"))
                .path2(f.optionalString("path2"))
                .fdPath(f.optionalString("fd_path"))
                .address(f.optionalString("address"))
                .argv(f.stringList("argv"))
                .openFlags(f.optionalLong("open_flags"))
                .cloneFlags(f.optionalLong("clone_flags"))
                .socketError(f.optionalInt("so_error"))
                .returnValue(f.toLong("ret"))
                .errno(f.optionalString("errno"))
                .renderedReturn(f.optionalString("rendered_ret"))
                .finished(f.toBoolean("finished", true))
                .startNanos(f.toLong("start_ns"))
                .endNanos(f.toLong("end_ns"))
                .harness(f.toBoolean("harness", false))
                .injection(InjectionJson.parse(f));
        return b.build();
    }

    /**
     * Writes the trace's whole timeline (harness events included), one line each: its calls in entry order, with its
     * signals and exits where they happened.
     */
    public static void write(SyscallTrace trace, Writer out) {
        writeTimeline(trace.allTimeline(), out);
    }

    public static void write(List<SyscallEvent> events, Writer out) {
        writeTimeline(events, out);
    }

    /** Writes calls, signals and exits, one line each, in the order given. */
    public static void writeTimeline(List<? extends TraceEvent> events, Writer out) {
        try {
            for (TraceEvent e : events) {
                out.write(format(e));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the trace", e);
        }
    }

    /**
     * Reads a whole file written by {@link #write}, signals and exits included (into the trace's timeline); blank
     * lines are skipped.
     *
     * @throws IllegalArgumentException naming the line number of the first bad line
     */
    public static SyscallTrace read(Reader in) {
        BufferedReader reader = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        List<TraceEvent> events = new ArrayList<>();
        int lineNumber = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(parseEvent(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Trace line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trace (after line " + lineNumber + ")", e);
        }
        return SyscallTrace.ofTimeline(events);
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
