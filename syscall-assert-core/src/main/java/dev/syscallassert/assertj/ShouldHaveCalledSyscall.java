package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code calledSyscall}: it never did; shows which syscalls it did make, most frequent first. */
final class ShouldHaveCalledSyscall extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveCalledSyscall(TraceSnapshot trace, String name, List<String> counts) {
        return new ShouldHaveCalledSyscall(trace, name, counts);
    }

    private ShouldHaveCalledSyscall(TraceSnapshot trace, String name, List<String> counts) {
        super(trace, "%nExpecting the traced process to have called%n  %s%nbut it never did. "
                + "Syscalls it made (calls, most first):%n%s", text(name), lines(counts));
    }
}
