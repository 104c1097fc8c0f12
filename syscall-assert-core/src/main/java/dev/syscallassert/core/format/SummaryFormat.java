package dev.syscallassert.core.format;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table like {@code strace -c}: per syscall the share of time, seconds, microseconds per call, calls and errors,
 * sorted by time, with a total line. A call's time is its wall-clock time between the entry and the exit stop (what
 * strace -c -w measures; plain strace -c reports system time, which a ptrace tracer cannot see per call). Calls that
 * never returned count with zero time.
 */
public final class SummaryFormat {

    /** One line of the table. */
    public record Row(String syscall, int number, long nanos, long calls, long errors) {
        /** strace's usecs/call: whole microseconds, rounded down. */
        public long usecsPerCall() {
            return calls == 0 ? 0 : nanos / 1000 / calls;
        }
    }

    private static final String HEADER = "% time     seconds  usecs/call     calls    errors syscall";
    private static final String RULE = "------ ----------- ----------- --------- --------- ";

    private SummaryFormat() {
    }

    /** The rows for the trace's visible events, sorted as printed (time descending, then syscall number). */
    public static List<Row> rows(List<SyscallEvent> events) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (SyscallEvent e : events) {
            long[] acc = byName.computeIfAbsent(e.syscall(), k -> new long[3]);
            acc[0] += Math.max(0, e.endNanos() - e.startNanos());
            acc[1]++;
            if (e.failed()) {
                acc[2]++;
            }
            numbers.putIfAbsent(e.syscall(), e.number());
        }
        List<Row> rows = new ArrayList<>();
        byName.forEach((name, acc) -> rows.add(new Row(name, numbers.get(name), acc[0], acc[1], acc[2])));
        rows.sort(Comparator.comparingLong(Row::nanos).reversed()
                .thenComparingInt(Row::number).thenComparing(Row::syscall));
        return rows;
    }

    public static String format(SyscallTrace trace) {
        return format(trace.events());
    }

    public static String format(List<SyscallEvent> events) {
        List<Row> rows = rows(events);
        long totalNanos = 0;
        long totalCalls = 0;
        long totalErrors = 0;
        int nameWidth = 16;
        for (Row r : rows) {
            totalNanos += r.nanos();
            totalCalls += r.calls();
            totalErrors += r.errors();
            nameWidth = Math.max(nameWidth, r.syscall().length());
        }
        String rule = RULE + "-".repeat(nameWidth) + "\n";
        StringBuilder sb = new StringBuilder(HEADER).append('\n').append(rule);
        for (Row r : rows) {
            double percent = totalNanos == 0 ? 0 : 100.0 * r.nanos() / totalNanos;
            line(sb, String.format(Locale.ROOT, "%6.2f", percent), r.nanos(), r.usecsPerCall(), r.calls(), r.errors(),
                    r.syscall());
        }
        sb.append(rule);
        line(sb, "100.00", totalNanos, totalCalls == 0 ? 0 : totalNanos / 1000 / totalCalls, totalCalls, totalErrors,
                "total");
        return sb.toString();
    }

    /** strace's "%6.2f %11.6f %11lu %9u %9.u %s": the errors column is blank rather than 0. */
    private static void line(StringBuilder sb, String percent, long nanos, long usecsPerCall, long calls, long errors,
                             String name) {
        // Whole microseconds in integers: %11.6f of a double would be the same text, but only while it stays exact.
        long micros = (nanos + 500) / 1000;
        String seconds = (micros / 1_000_000L) + "." + String.format(Locale.ROOT, "%06d", micros % 1_000_000L);
        sb.append(percent).append(' ').append(String.format(Locale.ROOT, "%11s", seconds))
                .append(' ').append(String.format(Locale.ROOT, "%11d %9d ", usecsPerCall, calls))
                .append(errors == 0 ? " ".repeat(9) : String.format(Locale.ROOT, "%9d", errors))
                .append(' ').append(name).append('\n');
    }
}
