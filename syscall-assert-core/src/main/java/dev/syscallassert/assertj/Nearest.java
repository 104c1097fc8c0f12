package dev.syscallassert.assertj;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Orders candidates by how close they are to what a check expected, so the likely typo comes first. */
final class Nearest {
    private Nearest() {
    }

    /** Paths with the expected file name first, then by edit distance, then in trace order. */
    static <T> List<T> pathsClosestFirst(String expected, List<T> items, Function<T, String> path) {
        String expectedName = fileName(expected);
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.<T>comparingInt(t -> Objects.equals(fileName(path.apply(t)), expectedName) ? 0 : 1)
                .thenComparingInt(t -> editDistance(expected, path.apply(t))));
        return sorted;
    }

    /** Strings by edit distance, then by the length of the shared prefix (longer first). */
    static List<String> closest(String expected, List<String> candidates, int max) {
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.<String>comparingInt(c -> editDistance(expected, c))
                .thenComparing(c -> -sharedPrefix(expected, c)));
        return sorted.subList(0, Math.min(max, sorted.size()));
    }

    /**
     * Paths ordered for a pattern that none matched: the longest shared start with the pattern's literal part (up to
     * its first wildcard) first, so that {@code glob:/etc/hosts.d/**} shows /etc/hosts before /usr/lib/...; ties keep
     * trace order.
     */
    static <T> List<T> pathsClosestToPattern(String pattern, List<T> items, Function<T, String> path) {
        String p = pattern.startsWith("glob:") ? pattern.substring(5)
                : pattern.startsWith("regex:") ? pattern.substring(6) : pattern;
        int end = 0;
        while (end < p.length() && "*?[{\\.(|^$+".indexOf(p.charAt(end)) < 0) {
            end++;
        }
        String literal = p.substring(0, end);
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.<T>comparingInt(t -> -sharedPrefix(literal, path.apply(t))));
        return sorted;
    }

    static String fileName(String path) {
        if (path == null) {
            return null;
        }
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static int sharedPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
