package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.assertj.core.api.ListAssert;

import java.util.List;

/**
 * The checks of {@link SyscallTraceAssert} on what the tracer did to the program's calls: the faults it injected
 * ({@link dev.syscallassert.Tracer#inject}) and the calls deny mode failed ({@link dev.syscallassert.Tracer#denyNetwork}).
 * Kept apart from the facade only to keep it readable; they are its methods, run through its one reading per check.
 */
abstract class ActAssertions extends PathArgumentOverloads {

    ActAssertions(SyscallTrace actual, Class<?> selfType) {
        super(actual, selfType);
    }

    abstract SyscallTraceAssert verify(Check check);

    abstract TraceSnapshot snapshot();

    abstract <E> ListAssert<E> list(TraceSnapshot trace, List<E> elements, String what);

    /**
     * A fault was injected into a call of {@code syscall} that made it fail with {@code errno} ({@code "ENOSPC"})
     * without running; a failure lists what was injected, closest first.
     */
    public SyscallTraceAssert injectedFault(String syscall, String errno) {
        return verify(ActChecks.injectedFault(syscall, errno));
    }

    /** The calls a fault was injected into (errors, return values, short transfers, delays, signals), in order. */
    public ListAssert<SyscallEvent> injectedFaults() {
        TraceSnapshot trace = snapshot();
        return list(trace, ActChecks.acted(trace, false), "injected faults");
    }

    /** The calls deny mode failed, in order (each with its thread, address and errno). */
    public ListAssert<SyscallEvent> deniedCalls() {
        TraceSnapshot trace = snapshot();
        return list(trace, ActChecks.acted(trace, true), "denied calls");
    }

    /** No call was denied the network; a failure lists each denied one in strace's form, with its thread and address. */
    public SyscallTraceAssert noDeniedCalls() {
        return verify(ActChecks.noDeniedCalls());
    }
}
