package dev.syscallassert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the tracer did to one call it acted on: a fault injected ({@link Tracer#inject}) or a network call denied
 * ({@link Tracer#denyNetwork}). Carried by the call's {@link SyscallEvent#injection()}. Immutable; any thread.
 *
 * <p>The effects: the call was not executed and returned an {@link #errno() errno} or a
 * {@link #returnValue() return value} instead (strace's {@code error=} and {@code retval=}); it ran with a smaller
 * count ({@link #runWithCount()}: a real short read or write); its thread was held before or after it
 * ({@link #delayBefore()}, {@link #delayAfter()}); a {@link #signal() signal} was sent to the thread as the call
 * returned (strace's {@code signal=}).
 */
public final class Injection {
    private final String rule;
    private final boolean denied;
    private final String errno;
    private final Long returnValue;
    private final Long runWithCount;
    private final Duration delayBefore;
    private final Duration delayAfter;
    private final String signal;

    /**
     * @param rule         the fault or deny rule that acted, in strace's syntax ({@code write:error=ENOSPC:when=3})
     * @param denied       whether a deny-network rule acted (rather than a fault)
     * @param errno        the errno the call returned instead of running, or null
     * @param returnValue  the value the call returned instead of running, or null
     * @param runWithCount the count the call ran with instead of the one it asked for, or null
     * @param delayBefore  how long the thread was held at the call's entry (zero for none)
     * @param delayAfter   how long the thread was held at the call's exit (zero for none)
     * @param signal       the signal sent to the thread as the call returned ("SIGUSR1"), or null
     */
    public Injection(String rule, boolean denied, String errno, Long returnValue, Long runWithCount,
                     Duration delayBefore, Duration delayAfter, String signal) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.denied = denied;
        this.errno = errno;
        this.returnValue = returnValue;
        this.runWithCount = runWithCount;
        this.delayBefore = delayBefore == null ? Duration.ZERO : delayBefore;
        this.delayAfter = delayAfter == null ? Duration.ZERO : delayAfter;
        this.signal = signal;
    }

    /** The rule that acted, in strace's {@code -e inject=} syntax with our predicates. */
    public String rule() { return rule; }

    /** True when the network was denied to this call ({@link Tracer#denyNetwork}), false for an injected fault. */
    public boolean denied() { return denied; }

    /** The errno the call failed with without running ("ENOSPC"). */
    public Optional<String> errno() { return Optional.ofNullable(errno); }

    /** The value the call returned without running (strace's {@code retval=}). */
    public OptionalLong returnValue() { return returnValue == null ? OptionalLong.empty() : OptionalLong.of(returnValue); }

    /** The count a real short read or write ran with (the call asked for the count in its arguments). */
    public OptionalLong runWithCount() {
        return runWithCount == null ? OptionalLong.empty() : OptionalLong.of(runWithCount);
    }

    public Duration delayBefore() { return delayBefore; }

    public Duration delayAfter() { return delayAfter; }

    /** The signal sent to the thread as the call returned. */
    public Optional<String> signal() { return Optional.ofNullable(signal); }

    /** Whether the call was not executed (an errno or a return value was injected instead). */
    public boolean cancelled() { return errno != null || returnValue != null; }

    /**
     * What strace 6.1 prints after the return value (its print_injected_note): {@code (INJECTED)} for a call that
     * did not run, {@code (INJECTED: args)} for one that ran with changed arguments, {@code (DELAYED)} for a delay,
     * both when both; empty when only a signal was sent (strace marks that with nothing but the signal's line).
     */
    public String note() {
        StringBuilder sb = new StringBuilder();
        if (cancelled() && runWithCount != null) {
            sb.append("(INJECTED: args, retval)");
        } else if (runWithCount != null) {
            sb.append("(INJECTED: args)");
        } else if (cancelled()) {
            sb.append("(INJECTED)");
        }
        if (!delayBefore.isZero() || !delayAfter.isZero()) {
            sb.append(sb.length() > 0 ? " " : "").append("(DELAYED)");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Injection)) {
            return false;
        }
        Injection i = (Injection) o;
        return denied == i.denied && rule.equals(i.rule) && Objects.equals(errno, i.errno)
                && Objects.equals(returnValue, i.returnValue) && Objects.equals(runWithCount, i.runWithCount)
                && delayBefore.equals(i.delayBefore) && delayAfter.equals(i.delayAfter)
                && Objects.equals(signal, i.signal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, denied, errno, returnValue, runWithCount, delayBefore, delayAfter, signal);
    }

    @Override
    public String toString() {
        return (denied ? "denied by " : "injected by ") + rule;
    }
}
