package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code calledSyscallTimes}, {@code calledSyscallAtMost}, {@code calledSyscallAtLeast}: the count and the calls. */
final class ShouldHaveCalledSyscallTimes extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveCalledSyscallTimes(TraceSnapshot trace, String name, String bound,
                                                            int expected, int actual, List<String> perThread,
                                                            List<String> calls) {
        return new ShouldHaveCalledSyscallTimes(trace, name, bound, expected, actual, perThread, calls);
    }

    private ShouldHaveCalledSyscallTimes(TraceSnapshot trace, String name, String bound, int expected, int actual,
                                         List<String> perThread, List<String> calls) {
        super(trace, "%nExpecting the traced process to have called%n  %s%n" + bound + " " + times(expected)
                        + " but it called it " + times(actual) + "."
                        + (actual == 0 ? "%s%s" : "%nCalls per thread:%n%s%nThe calls:%n%s"),
                text(name), actual == 0 ? text("") : lines(perThread), actual == 0 ? text("") : lines(calls));
    }

    private static String times(int n) {
        return n == 1 ? "1 time" : n + " times";
    }
}
