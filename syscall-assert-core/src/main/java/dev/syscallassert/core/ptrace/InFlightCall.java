package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.decode.DecodedCall;

/** A syscall between its entry and its exit stop. Confined to the tracer thread. */
final class InFlightCall {
    final int nr;
    final long[] args;
    /** When it entered (wall clock, ns); 0 for an unrecorded call. */
    final long start;
    /** What its entry decoded to; null for an unrecorded call. */
    final DecodedCall decoded;
    /** What the tracer does to it (a fault, a denial), or null for a call it lets run as asked. */
    dev.syscallassert.core.act.Action action;
    /** When system time is counted: the task's {@link Task#systemNanos} at the entry stop. */
    long systemNanosAtEntry;
    /** Its place in the trace's events, given by {@link EventSlots#reserve}; -1 while (or when) unrecorded. */
    int slot = -1;
    /** How many traced tasks were alive at its entry, when strace would begin its line ({@link EventSlots}). */
    int liveTasksAtEntry;
    /**
     * The task record the call belongs to: the one its event is finished under if the trace ends before its exit
     * stop. It changes only when a thread other than the leader execs (see {@link SyscallRecorder#handOver}).
     */
    Task owner;

    InFlightCall(int nr, long[] args, long start, DecodedCall decoded, Task owner) {
        this.nr = nr;
        this.args = args;
        this.start = start;
        this.decoded = decoded;
        this.owner = owner;
    }
}
