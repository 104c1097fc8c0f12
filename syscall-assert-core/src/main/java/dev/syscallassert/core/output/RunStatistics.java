package dev.syscallassert.core.output;

import dev.syscallassert.SyscallSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -c --runs=N}: strace -c's counts over several runs of one command. Per syscall, the calls and errors of
 * each run (0 for a run without it) as min, median and max, the median time per run (the runs' own summaries:
 * system time, or wall-clock with -w), and in how many runs it appeared; then the syscalls that appeared in only
 * some runs. Stateless; any thread.
 */
public final class RunStatistics {

    private RunStatistics() {
    }

    /** The table of these runs' summaries, one per run, in run order. */
    public static String format(List<SyscallSummary> runs) {
        int n = runs.size();
        Map<String, long[][]> rows = new TreeMap<>(); // syscall -> {calls[], errors[], nanos[]}
        for (int r = 0; r < n; r++) {
            for (SyscallSummary.Entry e : runs.get(r).entries()) {
                long[][] row = rows.computeIfAbsent(e.syscall(), k -> new long[3][n]);
                row[0][r] = e.calls();
                row[1][r] = e.errors();
                row[2][r] = e.totalNanos();
            }
        }
        List<Map.Entry<String, long[][]>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, long[][]> e) -> -median2(e.getValue()[0]))
                .thenComparing(Map.Entry::getKey));
        String clock = runs.isEmpty() || runs.get(0).clock() == SyscallSummary.Clock.SYSTEM ? "system" : "wall";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-20s %23s %23s %14s %6s%n", "", "calls per run", "errors per run",
                clock + " s/run", "runs"));
        sb.append(String.format("%-20s %7s %7s %7s %7s %7s %7s %14s %6s%n", "syscall", "min", "median", "max", "min",
                "median", "max", "median", "seen"));
        List<String> some = new ArrayList<>();
        for (Map.Entry<String, long[][]> e : sorted) {
            long[][] v = e.getValue();
            long seen = Arrays.stream(v[0]).filter(c -> c > 0).count();
            sb.append(String.format("%-20s %7d %7s %7d %7d %7s %7d %14s %6s%n", e.getKey(), min(v[0]),
                    median(v[0]), max(v[0]), min(v[1]), median(v[1]), max(v[1]), seconds(median2(v[2]) / 2),
                    seen + "/" + n));
            if (seen < n) {
                some.add(e.getKey() + " (" + seen + " of " + n + ")");
            }
        }
        sb.append(some.isEmpty() ? "every syscall appeared in every run\n"
                : "in only some runs: " + String.join(", ", some) + "\n");
        return sb.toString();
    }

    private static long min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    /** Twice the median (so that an even count's median, a half, stays an integer). */
    private static long median2(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length == 0 ? 0 : s.length % 2 == 1 ? 2 * s[m] : s[m - 1] + s[m];
    }

    private static String median(long[] v) {
        long twice = median2(v);
        return twice % 2 == 0 ? String.valueOf(twice / 2) : (twice / 2) + ".5";
    }

    private static String seconds(long nanos) {
        return String.format("%d.%06d", nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1000);
    }
}
