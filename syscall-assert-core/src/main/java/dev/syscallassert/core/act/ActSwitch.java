package dev.syscallassert.core.act;

import dev.syscallassert.core.decode.DecodedCall;

/**
 * The rules a running trace acts by, which may be set after it started and switched off before it ends: a traced
 * child JVM started ahead of its test (a spare) learns its faults and deny rule only when its test is chosen, and
 * they end with the test method, so that the harness's own work after it (writing the test's result) is never
 * failed. Calls on the files of an exempt directory (the harness's work directory, its channel to the child) are
 * never acted on. Set by any thread before the tracee can make a call the rules watch (the host sets them before it
 * tells the child its test, and the child installs the filter that makes those calls stop only after that); read by
 * the tracer thread at every stop. Thread-safe.
 */
public final class ActSwitch {
    private volatile ActRules rules;
    /** Set from inside the running test (a marker): the faults neither act nor count meanwhile. */
    private volatile boolean faultsPaused;
    /** Null for none; else a directory path ending in '/'. */
    private final String exempt;

    /** No rules yet: nothing is acted on until {@link #set}. */
    public ActSwitch() {
        this(null, null);
    }

    public ActSwitch(ActRules rules) {
        this(rules, null);
    }

    /** @param exemptDirectory calls on files under it are never acted on; null for none */
    public ActSwitch(ActRules rules, String exemptDirectory) {
        this.rules = rules;
        this.exempt = exemptDirectory == null ? null
                : exemptDirectory.endsWith("/") ? exemptDirectory : exemptDirectory + "/";
    }

    /** From now on the trace acts by these rules (null: on nothing); their counters start at zero. */
    public void set(ActRules rules) {
        this.rules = rules == null ? null : rules.fresh();
    }

    /** From now on nothing is acted on. */
    public void off() {
        this.rules = null;
    }

    /** Pauses (or resumes) the faults: while paused they neither act nor count; the deny rule still acts. */
    public void pauseFaults(boolean paused) {
        this.faultsPaused = paused;
    }

    /** The rules now, or null. */
    public ActRules current() {
        return rules;
    }

    /** Whether calls of this number must stop to be decided on now. Tracer thread. */
    public boolean watches(int nr) {
        ActRules r = rules;
        return r != null && r.watches(nr);
    }

    /** {@link ActRules#decide}, by the rules now, for a call not on an exempt file. Tracer thread. */
    public Action decide(int tid, int nr, long[] args, DecodedCall decoded) {
        ActRules r = rules;
        if (r == null || exempt != null && (under(decoded.path) || under(decoded.fdPath))) {
            return null;
        }
        return r.decide(tid, nr, args, decoded, !faultsPaused);
    }

    private boolean under(String path) {
        return path != null && path.startsWith(exempt);
    }
}
