package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code calledSyscall}: it never did; shows which syscalls it did make, most frequent first. */
final class ShouldHaveCalledSyscall extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveCalledSyscall(TraceSnapshot trace, String name,
                                                       Map<String, Long> countsMostFirst) {
        return new ShouldHaveCalledSyscall(trace, name, countsMostFirst.entrySet().stream()
                .map(en -> en.getKey() + ": " + en.getValue()).collect(Collectors.toList()));
    }

    private ShouldHaveCalledSyscall(TraceSnapshot trace, String name, List<String> counts) {
        super(trace, "%nExpecting the traced process to have called%n  %s%nbut it never did. "
                + "Syscalls it made (calls, most first):%n%s", text(name), lines(counts));
    }
}
