package dev.syscallassert.core.syscalls;

import dev.syscallassert.UnknownSyscallException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Syscall names as people type them: the one "unknown syscall" error, with the nearest valid names, for every place
 * that takes a name from a user (the tracer's selection, {@code @TraceSyscalls}, the CLI, the assertion DSL), and the
 * one edit distance behind those suggestions.
 */
public final class SyscallNames {

    /** Prefixes people copy from kernel sources or headers; suggestions look past them. */
    private static final String[] SOURCE_PREFIXES = {"__nr_", "sys_", "__x64_sys_"};

    /** How many names an unknown-syscall error suggests at most. */
    private static final int SUGGESTIONS = 3;

    private SyscallNames() {
    }

    /** The number of a syscall name, or an {@link UnknownSyscallException} suggesting the nearest names. */
    public static int requireNumber(SyscallTable table, String name) {
        if (name != null) {
            var number = table.number(name);
            if (number.isPresent()) {
                return number.getAsInt();
            }
        }
        throw unknown(table, name);
    }

    /** {@code name} itself when it is a syscall of {@code table}'s architecture, else the same error. */
    public static String require(SyscallTable table, String name) {
        requireNumber(table, name);
        return name;
    }

    /** {@code Unknown syscall "opne" on x86_64; did you mean open, openat?} (no suggestion when none is close). */
    public static UnknownSyscallException unknown(SyscallTable table, String name) {
        List<String> nearest = table.nearestNames(name, SUGGESTIONS);
        return new UnknownSyscallException("Unknown syscall \"" + name + "\" on " + table.architecture()
                + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?"), name, nearest);
    }

    /**
     * Up to {@code max} of {@code names} nearest to {@code name}, nearest first: by edit distance (after lower-casing
     * and looking past a kernel-source prefix such as {@code sys_}), then the longer shared start, then the shorter
     * name. Names too far to be a typo are left out, so a made-up name gets no suggestion at all.
     */
    public static List<String> nearest(List<String> names, String name, int max) {
        if (max <= 0 || name == null || name.isBlank()) {
            return List.of();
        }
        String wanted = stripSourcePrefix(name.trim().toLowerCase(Locale.ROOT));
        int limit = wanted.length() <= 3 ? 1 : wanted.length() <= 6 ? 2 : 3;
        List<Candidate> close = new ArrayList<>();
        for (String candidate : names) {
            int distance = editDistance(wanted, candidate);
            // A mistyped start of a longer name ("opne" for openat) is as close as its typo, whatever follows;
            // below four letters almost every name would start that close.
            boolean closeStart = wanted.length() >= 4 && candidate.length() > wanted.length()
                    && editDistance(wanted, candidate.substring(0, wanted.length())) <= 1;
            if (distance <= limit || closeStart) {
                close.add(new Candidate(candidate, distance, commonPrefix(wanted, candidate)));
            }
        }
        close.sort(Comparator.comparingInt(Candidate::distance)
                .thenComparing(Comparator.comparingInt(Candidate::prefix).reversed())
                .thenComparingInt(c -> c.name.length())
                .thenComparing(Candidate::name));
        return close.stream().limit(max).map(Candidate::name).toList();
    }

    private record Candidate(String name, int distance, int prefix) {
    }

    private static String stripSourcePrefix(String name) {
        for (String prefix : SOURCE_PREFIXES) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    /**
     * Edit distance where swapping two neighbours counts once (Damerau-Levenshtein, optimal string alignment), the
     * commonest typo ("opne"). The DSL ranks paths and addresses in failure messages by it too.
     */
    public static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }

    /** How many leading characters {@code a} and {@code b} share. */
    public static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
