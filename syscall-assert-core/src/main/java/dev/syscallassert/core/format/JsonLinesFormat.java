package dev.syscallassert.core.format;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
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
 * file or directory)"; null otherwise), {@code finished, start_ns, end_ns, harness}. Absent values are
 * {@code null}. Output is ASCII; non-ASCII characters are escaped. Readers ignore unknown keys so that newer files
 * stay readable.
 */
public final class JsonLinesFormat {

    private JsonLinesFormat() {
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
     * Reads one line written by {@link #format}.
     *
     * @throws IllegalArgumentException naming the problem (bad JSON, a missing or mistyped key) and where it is
     */
    public static SyscallEvent parse(String line) {
        Object parsed = Json.parse(line);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("A trace line must be a JSON object, got: " + abbreviate(line));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) parsed;
        SyscallEvent.Builder b = SyscallEvent.builder()
                .pid(toInt(m, "pid"))
                .tid(toInt(m, "tid"))
                .thread(optionalString(m, "thread"))
                .syscall(requiredString(m, "syscall"))
                .number(toInt(m, "nr"));
        EnumSet<SyscallCategory> categories = EnumSet.noneOf(SyscallCategory.class);
        List<String> names = stringList(m, "categories");
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
        Object rawArgs = m.get("args");
        if (rawArgs != null) {
            if (!(rawArgs instanceof List)) {
                throw typeError(m, "args", "an array of integers");
            }
            List<?> list = (List<?>) rawArgs;
            if (list.size() > 6) {
                throw typeError(m, "args", "at most six integers");
            }
            long[] args = new long[6];
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Long)) {
                    throw typeError(m, "args", "an array of integers");
                }
                args[i] = (Long) list.get(i);
            }
            b.args(args);
        }
        List<String> rendered = stringList(m, "rendered_args");
        b.renderedArgs(rendered == null ? List.of() : rendered);
        b.path(optionalString(m, "path"))
                .path2(optionalString(m, "path2"))
                .fdPath(optionalString(m, "fd_path"))
                .address(optionalString(m, "address"))
                .argv(stringList(m, "argv"))
                .openFlags(optionalLong(m, "open_flags"))
                .cloneFlags(optionalLong(m, "clone_flags"))
                .socketError(optionalInt(m, "so_error"))
                .returnValue(toLong(m, "ret"))
                .errno(optionalString(m, "errno"))
                .renderedReturn(optionalString(m, "rendered_ret"))
                .finished(toBoolean(m, "finished", true))
                .startNanos(toLong(m, "start_ns"))
                .endNanos(toLong(m, "end_ns"))
                .harness(toBoolean(m, "harness", false));
        return b.build();
    }

    /** Writes every event of the trace (harness events included), one line each. */
    public static void write(SyscallTrace trace, Writer out) {
        write(trace.allEvents(), out);
    }

    public static void write(List<SyscallEvent> events, Writer out) {
        try {
            for (SyscallEvent e : events) {
                out.write(format(e));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the trace", e);
        }
    }

    /**
     * Reads a whole file written by {@link #write}; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line number of the first bad line
     */
    public static SyscallTrace read(Reader in) {
        BufferedReader reader = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        List<SyscallEvent> events = new ArrayList<>();
        int lineNumber = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Trace line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trace (after line " + lineNumber + ")", e);
        }
        return SyscallTrace.of(events);
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    private static IllegalArgumentException typeError(Map<String, Object> m, String key, String expected) {
        return new IllegalArgumentException("Key \"" + key + "\" must be " + expected + ", got "
                + m.get(key) + " (syscall " + m.get("syscall") + ")");
    }

    private static String requiredString(Map<String, Object> m, String key) {
        String s = optionalString(m, key);
        if (s == null) {
            throw new IllegalArgumentException("Missing key \"" + key + "\" in trace line");
        }
        return s;
    }

    private static String optionalString(Map<String, Object> m, String key) {
        return optional(m, key, String.class, "a string or null");
    }

    private static List<String> stringList(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List)) {
            throw typeError(m, key, "an array of strings or null");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw typeError(m, key, "an array of strings or null");
            }
            out.add((String) o);
        }
        return out;
    }

    private static Long optionalLong(Map<String, Object> m, String key) {
        return optional(m, key, Long.class, "an integer or null");
    }

    private static Integer optionalInt(Map<String, Object> m, String key) {
        Long v = optionalLong(m, key);
        if (v != null && v != v.intValue()) {
            throw typeError(m, key, "a 32-bit integer or null");
        }
        return v == null ? null : v.intValue();
    }

    private static <T> T optional(Map<String, Object> m, String key, Class<T> type, String expected) {
        Object v = m.get(key);
        if (v != null && !type.isInstance(v)) {
            throw typeError(m, key, expected);
        }
        return type.cast(v);
    }

    private static long toLong(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Long)) {
            throw typeError(m, key, "an integer");
        }
        return (Long) v;
    }

    private static int toInt(Map<String, Object> m, String key) {
        long v = toLong(m, key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw typeError(m, key, "a 32-bit integer");
        }
        return (int) v;
    }

    private static boolean toBoolean(Map<String, Object> m, String key, boolean absent) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean)) {
            throw typeError(m, key, "true or false");
        }
        return (Boolean) v;
    }
}
