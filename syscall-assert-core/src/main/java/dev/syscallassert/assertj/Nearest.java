package dev.syscallassert.assertj;

import dev.syscallassert.core.syscalls.SyscallNames;

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
                .thenComparingInt(t -> SyscallNames.editDistance(expected, path.apply(t))));
        return sorted;
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
        sorted.sort(Comparator.<T>comparingInt(t -> -SyscallNames.commonPrefix(literal, path.apply(t))));
        return sorted;
    }

    static String fileName(String path) {
        if (path == null) {
            return null;
        }
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }
}
