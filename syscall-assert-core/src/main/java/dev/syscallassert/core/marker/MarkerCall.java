package dev.syscallassert.core.marker;

import dev.syscallassert.SyscallTrace;

/** A marker syscall as the tracer sees it. Valid only during {@link MarkerHandler#handle}, on the tracer thread. */
public interface MarkerCall {
    int pid();

    int tid();

    long command();

    /** The UTF-8 argument the tracee passed, or "" when none or unreadable. */
    String argument();

    /** Every completed event recorded so far (calls still in progress on other threads are left out). */
    SyscallTrace snapshot();

    /** Index of the next event to be recorded: lets a handler remember "from here on". */
    int eventCount();

    /**
     * The completed events whose index (their place in entry order, as {@link #eventCount()} counts) is in
     * {@code [fromIndex, toIndex)}. Unlike slicing {@link #snapshot()}, this stays exact while calls that entered
     * earlier are still in progress on other threads.
     */
    SyscallTrace snapshot(int fromIndex, int toIndex);
}
