package dev.syscallassert.core.format;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.SyscallSummary.Entry;
import dev.syscallassert.SyscallTrace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A table like {@code strace -c} (its count.c: columns, widths, sorting, totals), of a {@link SyscallSummary}: per
 * syscall the share of time, seconds, microseconds per call, calls and errors by default, sorted by time, with a
 * total line. Which times it shows is the summary's: system time (strace -c) or wall-clock time (strace -c -w).
 * {@link SortBy} and {@link Column} are strace's -S and -U. Stateless: any thread.
 */
public final class SummaryFormat {

    /** One line of the default table; {@link #rows} gives them. */
    public record Row(String syscall, int number, long nanos, long calls, long errors) {
        /** strace's usecs/call: the mean rounded to the nanosecond, in whole microseconds rounded down. */
        public long usecsPerCall() {
            return calls == 0 ? 0 : micros((nanos + calls / 2) / calls);
        }
    }

    /** strace's -S: what the rows are sorted by (largest first, names alphabetically, nothing by syscall number). */
    public enum SortBy {
        TIME, MIN_TIME, MAX_TIME, AVG_TIME, CALLS, ERRORS, NAME, NOTHING;

        /**
         * strace's names: time (time-percent, time-total, total-time), min-time (shortest, time-min), max-time
         * (longest, time-max), avg-time (time-avg), calls (count), errors (error), name (syscall, syscall-name),
         * nothing (none); '_' for '-' too.
         *
         * @throws IllegalArgumentException strace's "invalid sortby: 'x'"
         */
        public static SortBy parse(String name) {
            Column c = Column.alias(name);
            if (c != null) {
                return c.sortBy;
            }
            if (name.equals("none") || name.equals("nothing")) {
                return NOTHING;
            }
            throw new IllegalArgumentException("invalid sortby: '" + name + "'");
        }
    }

    /** strace's -U columns, in the order given. */
    public enum Column {
        TIME_PERCENT("% time", 6, SortBy.TIME, "time", "time-percent"),
        TOTAL_TIME("seconds", 11, SortBy.TIME, "time-total", "total-time"),
        MIN_TIME("shortest", 8, SortBy.MIN_TIME, "min-time", "shortest", "time-min"),
        MAX_TIME("longest", 7, SortBy.MAX_TIME, "longest", "max-time", "time-max"),
        AVG_TIME("usecs/call", 11, SortBy.AVG_TIME, "avg-time", "time-avg"),
        CALLS("calls", 9, SortBy.CALLS, "calls", "count"),
        ERRORS("errors", 9, SortBy.ERRORS, "error", "errors"),
        NAME("syscall", 16, SortBy.NAME, "name", "syscall", "syscall-name");

        final String header;
        /** The narrowest it is (strace's historical widths); wider when a value needs it. */
        final int minWidth;
        final SortBy sortBy;
        private final List<String> aliases;

        Column(String header, int minWidth, SortBy sortBy, String... aliases) {
            this.header = header;
            this.minWidth = minWidth;
            this.sortBy = sortBy;
            List<String> all = new ArrayList<>();
            for (String a : aliases) {
                all.add(a);
                all.add(a.replace('-', '_'));
            }
            this.aliases = List.copyOf(all);
        }

        static Column alias(String name) {
            for (Column c : values()) {
                if (c.aliases.contains(name)) {
                    return c;
                }
            }
            return null;
        }

        /**
         * strace's -U list: comma-separated names (see {@link SortBy#parse} for the aliases); the syscall name is
         * added as the last column when it is not listed.
         *
         * @throws IllegalArgumentException strace's message for an unknown or repeated column
         */
        public static List<Column> parse(String list) {
            List<Column> columns = new ArrayList<>();
            Set<Column> seen = EnumSet.noneOf(Column.class);
            String rest = list;
            while (true) {
                int comma = rest.indexOf(',');
                String name = comma < 0 ? rest : rest.substring(0, comma);
                Column c = alias(name);
                if (c == null) {
                    throw new IllegalArgumentException("unknown column name: '" + name + "'");
                }
                if (!seen.add(c)) {
                    throw new IllegalArgumentException("call summary column has been provided more than once: '"
                            + name + "' (-U option residual: '" + rest + "')");
                }
                columns.add(c);
                if (comma < 0) {
                    break;
                }
                rest = rest.substring(comma + 1);
            }
            if (!seen.contains(NAME)) {
                columns.add(NAME);
            }
            return List.copyOf(columns);
        }
    }

    /** strace's default columns: time-percent, total-time, avg-time, calls, errors, name. */
    public static final List<Column> DEFAULT_COLUMNS = List.of(Column.TIME_PERCENT, Column.TOTAL_TIME, Column.AVG_TIME,
            Column.CALLS, Column.ERRORS, Column.NAME);

    private SummaryFormat() {
    }

    /** The rows for the events' wall-clock times, sorted as printed (time descending, then syscall number). */
    public static List<Row> rows(List<SyscallEvent> events) {
        List<Row> rows = new ArrayList<>();
        for (Entry e : sorted(SyscallSummary.wallClock(events), SortBy.TIME)) {
            rows.add(new Row(e.syscall(), e.number(), e.totalNanos(), e.calls(), e.errors()));
        }
        return rows;
    }

    /** The default table of the trace's visible calls, wall-clock times. */
    public static String format(SyscallTrace trace) {
        return format(trace.events());
    }

    /** The default table of these calls, wall-clock times. */
    public static String format(List<SyscallEvent> events) {
        return format(SyscallSummary.wallClock(events), SortBy.TIME, DEFAULT_COLUMNS);
    }

    /** The table of a summary, its rows sorted by {@code sort}, with these columns in this order. */
    public static String format(SyscallSummary summary, SortBy sort, List<Column> columns) {
        List<Entry> rows = sorted(summary, sort);
        Totals t = new Totals(summary.entries());
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(columns.get(i).minWidth, t.width(columns.get(i)));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            Column c = columns.get(i);
            cell(sb, i, c == Column.NAME ? left(c.header, widths[i], i == widths.length - 1) : right(c.header, widths[i]));
        }
        rule(sb.append('\n'), widths);
        for (Entry e : rows) {
            double percent = 100.0 * seconds(e.totalNanos());
            if (percent != 0.0) {
                percent /= seconds(t.totalNanos);
            }
            for (int i = 0; i < widths.length; i++) {
                cell(sb, i, value(columns.get(i), e, percent, widths[i], i == widths.length - 1));
            }
            sb.append('\n');
        }
        rule(sb, widths);
        for (int i = 0; i < widths.length; i++) {
            cell(sb, i, t.value(columns.get(i), widths[i], i == widths.length - 1));
        }
        return sb.append('\n').toString();
    }

    private static List<Entry> sorted(SyscallSummary summary, SortBy sort) {
        List<Entry> rows = new ArrayList<>(summary.entries()); // in syscall number order; the sorts are stable
        Comparator<Entry> order;
        switch (sort) {
            case TIME: order = Comparator.comparingLong(Entry::totalNanos).reversed(); break;
            case MIN_TIME: order = Comparator.comparingLong(Entry::minNanos).reversed(); break;
            case MAX_TIME: order = Comparator.comparingLong(Entry::maxNanos).reversed(); break;
            case AVG_TIME: order = Comparator.comparingLong(Entry::averageNanos).reversed(); break;
            case CALLS: order = Comparator.comparingLong(Entry::calls).reversed(); break;
            case ERRORS: order = Comparator.comparingLong(Entry::errors).reversed(); break;
            case NAME: order = Comparator.comparing(Entry::syscall); break;
            default: return rows;
        }
        rows.sort(order);
        return rows;
    }

    private static String value(Column c, Entry e, double percent, int width, boolean last) {
        switch (c) {
            case TIME_PERCENT: return right(fixed(percent, 2), width);
            case TOTAL_TIME: return right(fixed(seconds(e.totalNanos()), 6), width);
            case MIN_TIME: return right(fixed(seconds(e.minNanos()), 6), width);
            case MAX_TIME: return right(fixed(seconds(e.maxNanos()), 6), width);
            case AVG_TIME: return right(Long.toString(micros(e.averageNanos())), width);
            case CALLS: return right(Long.toString(e.calls()), width);
            case ERRORS: return right(e.errors() == 0 ? "" : Long.toString(e.errors()), width);
            default: return left(e.syscall(), width, last);
        }
    }

    /** The sums, extremes and widths over every syscall, as count.c's call_summary_pers computes them. */
    private static final class Totals {
        long totalNanos;
        long calls;
        long errors;
        long minNanos = Long.MAX_VALUE;
        long maxMinNanos;
        long maxNanos;
        long maxAverageNanos;
        int longestName;

        Totals(List<Entry> entries) {
            for (Entry e : entries) {
                totalNanos += e.totalNanos();
                calls += e.calls();
                errors += e.errors();
                minNanos = Math.min(minNanos, e.minNanos());
                maxMinNanos = Math.max(maxMinNanos, e.minNanos());
                maxNanos = Math.max(maxNanos, e.maxNanos());
                maxAverageNanos = Math.max(maxAverageNanos, e.averageNanos());
                longestName = Math.max(longestName, e.syscall().length());
            }
        }

        int width(Column c) {
            switch (c) {
                case TIME_PERCENT: return "100.00".length();
                case TOTAL_TIME: return fixed(seconds(totalNanos), 6).length();
                case MIN_TIME: return (maxMinNanos / 1_000_000_000L + ".000000").length();
                case MAX_TIME: return (maxNanos / 1_000_000_000L + ".000000").length();
                case AVG_TIME: return Long.toString(micros(maxAverageNanos)).length();
                case CALLS: return Long.toString(calls).length();
                case ERRORS: return Long.toString(errors).length();
                default: return longestName + 1;
            }
        }

        String value(Column c, int width, boolean last) {
            switch (c) {
                case TIME_PERCENT: return right(fixed(100.0, 2), width);
                case TOTAL_TIME: return right(fixed(seconds(totalNanos), 6), width);
                // no call at all: strace's shortest starts at its largest time (max_ts), and the total shows it
                case MIN_TIME: return right(fixed(calls == 0 ? Long.MAX_VALUE + 999_999_999 / 1e9
                        : seconds(minNanos), 6), width);
                case MAX_TIME: return right(fixed(seconds(maxNanos), 6), width);
                case AVG_TIME: return right(Long.toString(calls == 0 ? 0
                        : (long) (seconds(totalNanos) / calls * 1e6)), width);
                case CALLS: return right(Long.toString(calls), width);
                case ERRORS: return right(errors == 0 ? "" : Long.toString(errors), width);
                default: return left("total", width, last);
            }
        }
    }

    /** strace's ts_float: seconds as a double, from whole seconds and nanoseconds. */
    private static double seconds(long nanos) {
        return nanos / 1_000_000_000L + (nanos % 1_000_000_000L) / 1e9;
    }

    /** strace's usecs: (uint64_t) (ts_float(t) * 1e6), in the same double arithmetic. */
    private static long micros(long nanos) {
        return (long) (seconds(nanos) * 1e6);
    }

    /** printf's %.Nf: the double's exact binary value rounded half-even, as glibc does. */
    private static String fixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String right(String text, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", text);
    }

    /** The name column is left-aligned; as the last column it is not padded. */
    private static String left(String text, int width, boolean last) {
        return last ? text : String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    private static void cell(StringBuilder sb, int index, String text) {
        if (index > 0) {
            sb.append(' ');
        }
        sb.append(text);
    }

    private static void rule(StringBuilder sb, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            cell(sb, i, "-".repeat(widths[i]));
        }
        sb.append('\n');
    }
}
