package dev.syscallassert.core.ptrace;

/**
 * Why a trace was ended before its processes ended by themselves: they were killed (or, attached, detached from).
 * The first reason given wins; {@link TraceFailures} turns it into the exception the trace ends with.
 */
enum KillReason {
    /** The trace's timeout (or the one given to {@code await}) passed. */
    TIMEOUT,
    /** {@link dev.syscallassert.RunningTrace#kill()} or {@code close()}. */
    KILLED,
    /** More processes and threads at once than {@code maxProcesses} allows (a fork bomb). */
    PROCESS_LIMIT,
    /** The thread waiting for the trace was interrupted. */
    INTERRUPTED
}
