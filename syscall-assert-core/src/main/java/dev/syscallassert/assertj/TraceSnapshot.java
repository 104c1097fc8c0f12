package dev.syscallassert.assertj;

import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One reading of the asserted trace, taken once per check: the events the check judges are the ones its failure
 * message shows, with the same "the trace is empty" hint and report path. A live trace costs a round trip to the
 * tracer per reading; this one is immutable.
 */
final class TraceSnapshot {
    private final SyscallTrace trace;
    private final SyscallEvent launch;

    private TraceSnapshot(SyscallTrace trace, SyscallEvent launch) {
        this.trace = trace;
        this.launch = launch;
    }

    /** Reads {@code root} once and narrows that reading by {@code scope}. */
    static TraceSnapshot of(SyscallTrace root, UnaryOperator<SyscallTrace> scope) {
        SyscallTrace whole = root.current();
        return new TraceSnapshot(scope.apply(whole), ProcessCreations.launchExec(whole));
    }

    /** The events the checks see (harness noise left out unless the scope put it back). */
    List<SyscallEvent> events() {
        return trace.events();
    }

    /** The signals the checks see (delivered to the threads in scope; noise left out unless put back). */
    List<SignalEvent> signals() {
        return trace.signals();
    }

    boolean isEmpty() {
        return trace.isEmpty();
    }

    Optional<Path> savedTo() {
        return trace.savedTo();
    }

    /** Whether {@code e} is the exec that launched the traced command (see {@link ProcessCreations#launchExec}). */
    boolean isLaunch(SyscallEvent e) {
        return launch != null && e == launch;
    }
}
