package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code calledInOrder}: how far the sequence got, and the calls of those names in the order they were made. */
final class ShouldHaveCalledInOrder extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveCalledInOrder(TraceSnapshot trace, List<String> names, int matched,
                                                       List<SyscallEvent> calls) {
        return new ShouldHaveCalledInOrder(trace, names, matched, calls);
    }

    private ShouldHaveCalledInOrder(TraceSnapshot trace, List<String> names, int matched, List<SyscallEvent> calls) {
        super(trace, "%nExpecting the traced process to have called, in this order (other calls may come between)"
                        + "%n  %s%nbut " + (matched == 0 ? "it never called " + names.get(0)
                        : "after " + String.join(", ", names.subList(0, matched)) + " it never called "
                        + names.get(matched)) + ".%nCalls of those syscalls, in order:%n%s",
                text(String.join(", ", names)), lines(calls, Render::call));
    }
}
