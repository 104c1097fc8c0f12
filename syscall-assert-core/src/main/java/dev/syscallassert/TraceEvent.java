package dev.syscallassert;

/**
 * One entry of a trace's {@linkplain SyscallTrace#timeline() timeline}, in the order the tracer saw them, as strace
 * prints them: a system call ({@link SyscallEvent}, placed where it was entered), a signal delivered to a thread
 * ({@link SignalEvent}), a thread entering group-stop ({@link GroupStop}) or the end of a traced thread or process
 * ({@link ProcessExit}). Immutable, like each of its kinds.
 *
 * <pre>{@code
 * for (TraceEvent e : trace.timeline()) {
 *     if (e instanceof SignalEvent s) { ... s.signal() ... }
 * }
 * }</pre>
 */
public sealed interface TraceEvent permits SyscallEvent, SignalEvent, GroupStop, ProcessExit {

    /** The process (thread group) id. */
    int pid();

    /** The thread's id: the one that made the call, received the signal, or ended. */
    int tid();

    /** The thread's name ({@code /proc/TID/comm}) as last known, or "" when it was never learnt. */
    String thread();

    /** True for the test harness's and the JVM's own events, hidden from assertions by default. */
    boolean harness();
}
