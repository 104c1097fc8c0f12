package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.syscalls.SyscallNames;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.ShouldHaveCalledInOrder.shouldHaveCalledInOrder;
import static dev.syscallassert.assertj.ShouldHaveCalledSyscall.shouldHaveCalledSyscall;
import static dev.syscallassert.assertj.ShouldHaveCalledSyscallTimes.shouldHaveCalledSyscallTimes;
import static dev.syscallassert.assertj.ShouldNotHaveCalledSyscall.shouldNotHaveCalledSyscall;

/**
 * The checks by syscall name, which count every call whatever its result. A name that is not a syscall of this
 * architecture is a usage error, raised before the trace is read: a typo would otherwise pass every "never" check.
 */
final class SyscallNameChecks {

    /** How a count is bounded. */
    enum Bound {
        EXACTLY, AT_MOST, AT_LEAST;

        boolean admits(int count, int times) {
            switch (this) {
                case EXACTLY: return count == times;
                case AT_MOST: return count <= times;
                default: return count >= times;
            }
        }
    }

    private SyscallNameChecks() {
    }

    static Check calledSyscall(String name) {
        requireSyscall(name);
        return trace -> {
            List<SyscallEvent> events = trace.events();
            if (events.stream().anyMatch(e -> e.syscall().equals(name))) {
                return null;
            }
            Map<String, Long> counts = events.stream()
                    .collect(Collectors.groupingBy(SyscallEvent::syscall, LinkedHashMap::new, Collectors.counting()));
            Map<String, Long> mostFirst = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEachOrdered(en -> mostFirst.put(en.getKey(), en.getValue()));
            return shouldHaveCalledSyscall(trace, name, mostFirst);
        };
    }

    static Check neverCalled(String... names) {
        Set<String> set = new LinkedHashSet<>();
        for (String name : requireNames(names)) {
            set.add(requireSyscall(name));
        }
        return trace -> {
            List<SyscallEvent> calls = trace.events().stream().filter(e -> set.contains(e.syscall()))
                    .collect(Collectors.toList());
            return calls.isEmpty() ? null : shouldNotHaveCalledSyscall(trace, new ArrayList<>(set), calls);
        };
    }

    static Check calledSyscallTimes(String name, Bound bound, int times) {
        requireSyscall(name);
        if (times < 0) {
            throw new IllegalArgumentException("A count cannot be negative: " + times);
        }
        return trace -> {
            List<SyscallEvent> calls = trace.events().stream().filter(e -> e.syscall().equals(name))
                    .collect(Collectors.toList());
            return bound.admits(calls.size(), times) ? null
                    : shouldHaveCalledSyscallTimes(trace, name, bound, times, calls);
        };
    }

    static Check calledInOrder(String... names) {
        for (String name : requireNames(names)) {
            requireSyscall(name);
        }
        List<String> sequence = List.of(names);
        return trace -> {
            List<SyscallEvent> events = trace.events();
            int matched = 0;
            for (SyscallEvent e : events) {
                if (matched < sequence.size() && e.syscall().equals(sequence.get(matched))) {
                    matched++;
                }
            }
            if (matched == sequence.size()) {
                return null;
            }
            Set<String> set = Set.copyOf(sequence);
            return shouldHaveCalledInOrder(trace, sequence, matched,
                    events.stream().filter(e -> set.contains(e.syscall())).collect(Collectors.toList()));
        };
    }

    private static String[] requireNames(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("Give at least one syscall name");
        }
        return names;
    }

    private static String requireSyscall(String name) {
        Objects.requireNonNull(name, "syscall name");
        return SyscallNames.require(SyscallTable.current(), name);
    }
}
