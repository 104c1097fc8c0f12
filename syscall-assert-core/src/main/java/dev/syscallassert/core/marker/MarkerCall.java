package dev.syscallassert.core.marker;

import dev.syscallassert.SyscallTrace;

/** A marker syscall as the tracer sees it. Valid only during {@link MarkerHandler#handle}, on the tracer thread. */
public interface MarkerCall {
    int pid();

    int tid();

    long command();

    /** The UTF-8 argument the tracee passed, or "" when none or unreadable. */
    String argument();

    /**
     * Every completed event recorded so far, with the signals and exits (calls still in progress on other threads are
     * left out).
     */
    SyscallTrace snapshot();

    /** Index of the next event to be recorded: lets a handler remember "from here on". */
    int eventCount();

    /**
     * The completed events whose index (their place in entry order, as {@link #eventCount()} counts) is in
     * {@code [fromIndex, toIndex)}. Unlike slicing {@link #snapshot()}, this stays exact while calls that entered
     * earlier are still in progress on other threads.
     */
    SyscallTrace snapshot(int fromIndex, int toIndex);

    /**
     * The place in the timeline the next call, signal or exit will take: calls, signals and exits all count (unlike
     * {@link #eventCount()}, which counts calls), so a window cut at two such places holds exactly what happened
     * between the two markers, signals and exits included.
     */
    int timelinePosition();

    /**
     * The trace of the timeline places in {@code [fromPosition, toPosition)} (as {@link #timelinePosition()} counts
     * them): the completed calls that entered there, and the signals and exits that happened there.
     */
    SyscallTrace timeline(int fromPosition, int toPosition);

    /**
     * Forgets what the trace retained at the timeline places below {@code position}: later {@link #timeline} cuts and
     * the trace's result hold nothing there. For a long-lived tracee whose earlier part nobody reads any more (a
     * worker JVM's earlier tests), so that its trace does not grow with every test.
     */
    void forgetTimelineBefore(int position);
}
