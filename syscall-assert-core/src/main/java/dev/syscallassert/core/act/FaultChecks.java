package dev.syscallassert.core.act;

import dev.syscallassert.Fault;
import dev.syscallassert.SyscallCategory;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.syscalls.SyscallNames;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks a {@link Fault} makes on each input as it is given, so that a mistake is an exception naming it before
 * anything runs. Each throws {@link IllegalArgumentException} (or {@link dev.syscallassert.UnknownSyscallException}).
 * Stateless; any thread.
 */
public final class FaultChecks {
    /**
     * The syscalls a real short transfer can be made of, with the index of their count argument: the call then runs
     * with a smaller count (a vector call's count is of iovecs, not bytes, so those are not here).
     */
    static final Map<String, Integer> COUNT_ARGUMENT = Map.of("read", 2, "write", 2, "pread64", 2, "pwrite64", 2,
            "recvfrom", 2, "sendto", 2);

    private FaultChecks() {
    }

    /** The numbers of a syscall expression in strace's syntax; unknown names throw with suggestions. */
    public static int[] syscalls(String expression) {
        if (expression.isBlank()) {
            throw new IllegalArgumentException("A fault needs the syscalls it acts on, e.g. \"write\" or \"%file\"");
        }
        if (expression.trim().startsWith("!")) {
            throw new IllegalArgumentException("A fault acts on the syscalls it names; \"" + expression
                    + "\": negation is not supported here");
        }
        SyscallSelection s = SyscallSelection.parse(SyscallTable.current(), expression);
        if (s.isAll()) {
            throw new IllegalArgumentException("A fault on \"all\" syscalls would fail the program's every call; "
                    + "name the syscalls or classes it acts on");
        }
        return s.numbers();
    }

    public static void path(String syscalls, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("The path pattern is empty; give a PathMatcher pattern such as "
                    + "\"glob:**/journal.log\"");
        }
        try {
            FileSystems.getDefault().getPathMatcher(withSyntax(pattern));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a path pattern: \"" + pattern + "\": " + e.getMessage(), e);
        }
        List<String> without = without(syscalls, Set.of(SyscallCategory.FILE, SyscallCategory.DESC));
        if (!without.isEmpty()) {
            throw new IllegalArgumentException("path=\"" + pattern + "\" on " + String.join(", ", without)
                    + ": that syscall takes neither a path nor a file descriptor, so no call of it has a path");
        }
    }

    /** A pattern as PathMatcher takes it: "glob:" or "regex:" as given, else a glob. */
    static String withSyntax(String pattern) {
        return pattern.startsWith("glob:") || pattern.startsWith("regex:") ? pattern : "glob:" + pattern;
    }

    public static void address(String syscalls, String pattern) {
        AddressPattern.parse(pattern);
        List<String> without = without(syscalls, Set.of(SyscallCategory.NETWORK));
        if (!without.isEmpty()) {
            throw new IllegalArgumentException("address=\"" + pattern + "\" on " + String.join(", ", without)
                    + ": that is no network call, so no call of it has a socket address");
        }
    }

    public static void positive(String what, long n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " counts matching calls from 1; was " + n);
        }
    }

    public static void when(long first, long last, long step) {
        positive("The first call", first);
        positive("The step", step);
        if (last < first) {
            throw new IllegalArgumentException("The last call (" + last + ") is before the first (" + first + ")");
        }
    }

    public static void probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("A probability is between 0 and 1; was " + p);
        }
    }

    /** The errno's number, or an exception suggesting the nearest names. */
    public static int errno(String name) {
        if (name == null || !Constants.errnoNames().contains(name)) {
            // the ranking compares lower-case names
            List<String> lower = Constants.errnoNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted()
                    .collect(Collectors.toList());
            List<String> nearest = SyscallNames.nearest(lower, String.valueOf(name), 3).stream()
                    .map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.toList());
            throw new IllegalArgumentException("Unknown errno \"" + name + "\""
                    + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?"));
        }
        return Constants.errno(name);
    }

    /** The signal's number, or an exception. */
    public static int signal(String name) {
        if (name != null) {
            for (var e : Constants.group("signal").entries()) {
                if (e.name().equals(name)) {
                    return Signals.number(name);
                }
            }
        }
        throw new IllegalArgumentException("Unknown signal \"" + name + "\"; give its name, e.g. \"SIGUSR1\"");
    }

    public static void shortBy(String syscalls, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("shortBy is the fraction of the count to cut, between 0 and 1 "
                    + "(exclusive); was " + fraction);
        }
        SyscallTable table = SyscallTable.current();
        List<String> without = new ArrayList<>();
        for (int nr : syscalls(syscalls)) {
            if (!COUNT_ARGUMENT.containsKey(table.name(nr))) {
                without.add(table.name(nr));
            }
        }
        if (!without.isEmpty()) {
            throw new IllegalArgumentException("A short transfer on " + String.join(", ", without) + ": only "
                    + String.join(", ", new java.util.TreeSet<>(COUNT_ARGUMENT.keySet()))
                    + " have a byte count to shorten");
        }
    }

    public static void delay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("A delay is a duration of zero or more; was " + delay);
        }
    }

    /** The checks only a whole fault can make, when it is handed to the tracer. */
    public static void complete(Fault f) {
        if (!f.hasEffect()) {
            throw new IllegalArgumentException("The fault " + f + " has no effect: give an error, a return value, "
                    + "a short transfer, a delay or a signal");
        }
        if (f.shortBy() > 0 && (f.errno().isPresent() || f.injectedReturnValue().isPresent())) {
            throw new IllegalArgumentException("The fault " + f + " both cancels the call (error or return value) "
                    + "and shortens it; a short transfer runs the call: choose one");
        }
    }

    /** The syscalls of the expression in none of these classes. */
    private static List<String> without(String syscalls, Set<SyscallCategory> classes) {
        SyscallTable table = SyscallTable.current();
        List<String> out = new ArrayList<>();
        for (int nr : syscalls(syscalls)) {
            if (table.categories(nr).stream().noneMatch(classes::contains)) {
                out.add(table.name(nr));
            }
        }
        return out;
    }
}
