package dev.syscallassert.core.act;

import dev.syscallassert.Injection;

/**
 * What the tracer does to one call, decided at its entry stop by {@link ActRules}: cancel it with a return value
 * (orig_rax = -1 at the entry, the value in rax), run it with a smaller count argument, hold its thread before or
 * after it, send a signal as it returns. {@link #injection} is the mark its event carries. Immutable.
 */
public final class Action {
    public final Injection injection;
    /** Whether the call is not executed; it then returns {@link #returnValue} (-errno for an error). */
    public final boolean cancel;
    public final long returnValue;
    /** The argument register index of the count a short transfer changes, -1 for none. */
    public final int countArgument;
    /** The count it runs with. */
    public final long count;
    public final long delayBeforeNanos;
    public final long delayAfterNanos;
    /** The signal sent as the call returns, 0 for none. */
    public final int signal;

    Action(Injection injection, boolean cancel, long returnValue, int countArgument, long count,
           long delayBeforeNanos, long delayAfterNanos, int signal) {
        this.injection = injection;
        this.cancel = cancel;
        this.returnValue = returnValue;
        this.countArgument = countArgument;
        this.count = count;
        this.delayBeforeNanos = delayBeforeNanos;
        this.delayAfterNanos = delayAfterNanos;
        this.signal = signal;
    }

    /**
     * Whether the call's event is complete at its entry stop: it fails with an injected errno (so its result, and that
     * it is an error, are known) and nothing is to happen later (no delay, no signal at its exit).
     */
    public boolean completesAtEntry() {
        return cancel && injection.errno().isPresent() && delayBeforeNanos == 0 && delayAfterNanos == 0 && signal == 0;
    }

    /** A call cancelled with {@code -errno}. */
    static Action fail(String rule, boolean denied, String errnoName) {
        int errno = FaultChecks.errno(errnoName);
        return new Action(new Injection(rule, denied, errnoName, null, null, null, null, null), true, -errno, -1, 0,
                0, 0, 0);
    }
}
