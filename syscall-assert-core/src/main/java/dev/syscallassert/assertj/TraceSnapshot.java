package dev.syscallassert.assertj;

import dev.syscallassert.GroupStop;
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
    private final SyscallTrace whole;
    private final SyscallEvent launch;
    private final List<String> threadNames;

    private TraceSnapshot(SyscallTrace trace, SyscallTrace whole, SyscallEvent launch, List<String> threadNames) {
        this.trace = trace;
        this.whole = whole;
        this.launch = launch;
        this.threadNames = threadNames;
    }

    /**
     * Reads {@code root} once and narrows that reading by {@code scope}; {@code threadNames} are the thread names the
     * scope narrowed to, for {@link #scopeNote()}.
     */
    static TraceSnapshot of(SyscallTrace root, UnaryOperator<SyscallTrace> scope, List<String> threadNames) {
        SyscallTrace whole = root.current();
        return new TraceSnapshot(scope.apply(whole), whole, ProcessCreations.launchExec(whole), threadNames);
    }

    /**
     * Why the scope left nothing, when it is a thread name that no call of the whole reading had (see
     * {@link ThreadNames#noSuchThread}); null otherwise, and when the scope left some events.
     */
    String scopeNote() {
        if (!trace.isEmpty()) {
            return null;
        }
        for (String name : threadNames) {
            String note = ThreadNames.noSuchThread(name, whole.events());
            if (note != null) {
                return note;
            }
        }
        return null;
    }

    /** The events the checks see (harness noise left out unless the scope put it back). */
    List<SyscallEvent> events() {
        return trace.events();
    }

    /**
     * Every event of the reading before the scope narrowed it, harness noise included: what followed on a socket is
     * a fact about that socket, whichever thread or scope the check looks at.
     */
    List<SyscallEvent> wholeEvents() {
        return whole.allEvents();
    }

    /** The signals the checks see (delivered to the threads in scope; noise left out unless put back). */
    List<SignalEvent> signals() {
        return trace.signals();
    }

    /** The group-stops of the threads in scope (noise left out unless put back). */
    List<GroupStop> groupStops() {
        return trace.groupStops();
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
