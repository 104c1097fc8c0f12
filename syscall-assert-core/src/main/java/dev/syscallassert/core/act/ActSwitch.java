package dev.syscallassert.core.act;

/**
 * The rules a running trace acts by, which may be set after it started: a traced child JVM started ahead of its test
 * (a spare) learns its faults and deny rule only when its test is chosen. Set by any thread before the tracee can
 * make a call the rules watch (the host sets them before it tells the child its test, and the child installs the
 * filter that makes those calls stop only after that); read by the tracer thread at every stop. Thread-safe.
 */
public final class ActSwitch {
    private volatile ActRules rules;

    /** No rules yet: nothing is acted on until {@link #set}. */
    public ActSwitch() {
    }

    public ActSwitch(ActRules rules) {
        this.rules = rules;
    }

    /** From now on the trace acts by these rules (null: on nothing); their counters start at zero. */
    public void set(ActRules rules) {
        this.rules = rules == null ? null : rules.fresh();
    }

    /** The rules now, or null. */
    public ActRules current() {
        return rules;
    }
}
