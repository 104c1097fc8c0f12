package dev.syscallassert.core.ptrace;

import dev.syscallassert.TraceResult;

/** PLACEHOLDER: the ptrace engine lands here. */
public final class TraceSession {
    private TraceSession() {
    }

    public static TraceResult run(TraceConfig config) {
        throw new UnsupportedOperationException("engine not yet implemented");
    }
}
