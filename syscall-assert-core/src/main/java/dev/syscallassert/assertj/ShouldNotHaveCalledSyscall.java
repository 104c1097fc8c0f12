package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code neverCalled}: each call that was made, with where it was made. */
final class ShouldNotHaveCalledSyscall extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveCalledSyscall(TraceSnapshot trace, List<String> names,
                                                          List<SyscallEvent> calls) {
        return new ShouldNotHaveCalledSyscall(trace, names, calls);
    }

    private ShouldNotHaveCalledSyscall(TraceSnapshot trace, List<String> names, List<SyscallEvent> calls) {
        super(trace, "%nExpecting the traced process never to call%n  %s%nbut it made "
                        + (calls.size() == 1 ? "this call" : "these " + calls.size() + " calls") + ":%n%s",
                text(String.join(", ", names)), lines(calls, Render::call));
    }
}
