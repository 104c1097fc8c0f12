package dev.syscallassert.core.output;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a seccomp profile is made from: the facts the traces showed, nothing concluded yet. Immutable; any thread.
 *
 * <ul>
 *   <li>every syscall name called, whatever it returned (a call that failed must fail the same way under the
 *       profile, so the kernel must see it again, not the filter);</li>
 *   <li>for the syscalls whose first argument narrows what a program may do ({@link #NARROWED_BY_ARG0}:
 *       {@code socket}'s address family, {@code personality}'s persona), every value of its low 32 bits (both are
 *       C {@code int}s: the kernel reads only those bits, the upper half of the register is whatever it was);</li>
 *   <li>whether every {@code clone} and {@code clone3} was known to ask for no new namespace (their flags as the
 *       tracer read them; an unreadable {@code clone_args} counts as unknown, so it is never narrowed).</li>
 * </ul>
 */
public final class ProfileObservations {

    /** The syscalls whose arg0 values are kept, and the constant group that names those values. */
    static final Map<String, String> NARROWED_BY_ARG0 = Map.of("socket", "address_family", "personality", "");

    public static final ProfileObservations NONE = new ProfileObservations(new TreeSet<>(), new TreeMap<>(), true, 0);

    private static final long LOW_32 = 0xffff_ffffL;

    private final SortedSet<String> names;
    private final Map<String, SortedSet<Long>> arg0Values;
    private final boolean clonesWithoutNamespaces;
    private final int runs;

    private ProfileObservations(SortedSet<String> names, Map<String, SortedSet<Long>> arg0Values,
                                boolean clonesWithoutNamespaces, int runs) {
        this.names = Collections.unmodifiableSortedSet(names);
        this.arg0Values = Collections.unmodifiableMap(arg0Values);
        this.clonesWithoutNamespaces = clonesWithoutNamespaces;
        this.runs = runs;
    }

    /** The observations of one run. */
    public static ProfileObservations of(List<SyscallEvent> events) {
        SortedSet<String> names = new TreeSet<>();
        Map<String, SortedSet<Long>> values = new TreeMap<>();
        boolean noNamespaces = true;
        long namespaceFlags = namespaceFlags();
        for (SyscallEvent e : events) {
            if (!SyscallTable.current().contains(e.syscall())) {
                continue; // a number this kernel's table has no name for: a profile cannot name it, the kernel ENOSYSes it
            }
            names.add(e.syscall());
            if (NARROWED_BY_ARG0.containsKey(e.syscall())) {
                values.computeIfAbsent(e.syscall(), k -> new TreeSet<>()).add(e.arg(0) & LOW_32);
            }
            if (e.syscall().equals("clone") || e.syscall().equals("clone3")) {
                noNamespaces &= e.cloneFlags().isPresent() && (e.cloneFlags().getAsLong() & namespaceFlags) == 0;
            }
        }
        return new ProfileObservations(names, values, noNamespaces, 1);
    }

    /** The observations behind a profile {@link SeccompProfileJson} wrote, read back from its rules. */
    public static ProfileObservations parse(String json) {
        return SeccompProfileJson.read(json);
    }

    static ProfileObservations of(SortedSet<String> names, Map<String, SortedSet<Long>> arg0Values,
                                  boolean clonesWithoutNamespaces, int runs) {
        return new ProfileObservations(names, arg0Values, clonesWithoutNamespaces, runs);
    }

    /** Both runs' facts, as if they had been one trace. */
    public ProfileObservations union(ProfileObservations other) {
        SortedSet<String> n = new TreeSet<>(names);
        n.addAll(other.names);
        Map<String, SortedSet<Long>> v = new TreeMap<>();
        for (Map<String, SortedSet<Long>> m : List.of(arg0Values, other.arg0Values)) {
            m.forEach((k, s) -> v.computeIfAbsent(k, x -> new TreeSet<>()).addAll(s));
        }
        return new ProfileObservations(n, v, clonesWithoutNamespaces && other.clonesWithoutNamespaces,
                runs + other.runs);
    }

    /**
     * Every CLONE_NEW* flag that clone's 64-bit flags word can carry: the clone_flags group's (CLONE_NEWTIME lives
     * in clone3_flags, since in clone's word its bit is part of the exit signal byte, CSIGNAL).
     */
    static long namespaceFlags() {
        long mask = 0;
        for (Xlat.Entry entry : Constants.group("clone_flags").entries()) {
            if (entry.name().startsWith("CLONE_NEW")) {
                mask |= entry.value();
            }
        }
        return mask;
    }

    public Set<String> names() {
        return names;
    }

    /** The low 32 bits of arg0 seen for {@code syscall} (one of {@link #NARROWED_BY_ARG0}), sorted. */
    SortedSet<Long> arg0Values(String syscall) {
        return arg0Values.getOrDefault(syscall, Collections.emptySortedSet());
    }

    /** True when clone and clone3 were seen and never asked for a new namespace (or were never seen). */
    boolean clonesWithoutNamespaces() {
        return clonesWithoutNamespaces;
    }

    public int runs() {
        return runs;
    }
}
