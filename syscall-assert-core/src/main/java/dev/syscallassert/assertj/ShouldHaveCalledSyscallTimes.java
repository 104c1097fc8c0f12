package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.SyscallNameChecks.Bound;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code calledSyscallTimes}, {@code calledSyscallAtMost}, {@code calledSyscallAtLeast}: the count and the calls. */
final class ShouldHaveCalledSyscallTimes extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveCalledSyscallTimes(TraceSnapshot trace, String name, Bound bound,
                                                            int expected, List<SyscallEvent> calls) {
        return new ShouldHaveCalledSyscallTimes(trace, name, bound, expected, calls);
    }

    private ShouldHaveCalledSyscallTimes(TraceSnapshot trace, String name, Bound bound, int expected,
                                         List<SyscallEvent> calls) {
        super(trace, "%nExpecting the traced process to have called%n  %s%n" + words(bound) + " " + times(expected)
                        + " but it called it " + times(calls.size()) + "."
                        + (calls.isEmpty() ? "%s%s" : "%nCalls per thread:%n%s%nThe calls:%n%s"),
                text(name), calls.isEmpty() ? text("") : lines(perThread(calls)),
                calls.isEmpty() ? text("") : lines(calls, Render::call));
    }

    /** {@code [pid 100 tid 101 "flusher"]: 2}, in the order the threads first called. */
    private static List<String> perThread(List<SyscallEvent> calls) {
        Map<String, Long> counts = calls.stream()
                .collect(Collectors.groupingBy(Render::who, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(en -> en.getKey() + ": " + en.getValue()).collect(Collectors.toList());
    }

    private static String words(Bound bound) {
        switch (bound) {
            case EXACTLY: return "exactly";
            case AT_MOST: return "at most";
            default: return "at least";
        }
    }

    private static String times(int n) {
        return n == 1 ? "1 time" : n + " times";
    }
}
