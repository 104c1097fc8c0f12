package dev.syscallassert;

import java.util.Objects;

/**
 * A traced thread entering group-stop: a stopping signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) was delivered to its
 * process, and the thread stopped as an untraced one would, until a SIGCONT. strace -f prints it as
 * {@code --- stopped by SIGSTOP ---}, one line per thread of the process, after the {@code --- SIGSTOP {...} ---} of
 * the delivery. Not a system call nor a delivery: never among {@link SyscallTrace#events()} or
 * {@link SyscallTrace#signals()}; in {@link SyscallTrace#timeline()} where the tracer saw it, and in
 * {@link SyscallTrace#groupStops()}. Immutable.
 */
public final class GroupStop implements TraceEvent {

    private final int pid;
    private final int tid;
    private final String thread;
    private final int signalNumber;
    private final String signal;
    private final long timeNanos;
    private final boolean harness;

    private GroupStop(int pid, int tid, String thread, int signalNumber, String signal, long timeNanos,
                      boolean harness) {
        this.pid = pid;
        this.tid = tid;
        this.thread = thread == null ? "" : thread;
        this.signalNumber = signalNumber;
        this.signal = Objects.requireNonNull(signal, "signal");
        this.timeNanos = timeNanos;
        this.harness = harness;
    }

    /** Thread {@code tid} of process {@code pid} stopped by {@code signal} ("SIGSTOP", number {@code signalNumber}). */
    public static GroupStop of(int pid, int tid, String thread, int signalNumber, String signal, long timeNanos) {
        return new GroupStop(pid, tid, thread, signalNumber, signal, timeNanos, false);
    }

    /** This stop, marked (or no longer marked) as the harness's or the JVM's own. */
    public GroupStop harness(boolean harness) {
        return harness == this.harness ? this
                : new GroupStop(pid, tid, thread, signalNumber, signal, timeNanos, harness);
    }

    @Override
    public int pid() { return pid; }

    /** The thread that stopped. */
    @Override
    public int tid() { return tid; }

    /** Its name as last known, or "". */
    @Override
    public String thread() { return thread; }

    /** The signal that stopped it: "SIGSTOP", "SIGTSTP", "SIGTTIN" or "SIGTTOU". */
    public String signal() { return signal; }

    /** That signal's number. */
    public int signalNumber() { return signalNumber; }

    /** Wall-clock time the tracer saw the stop, in nanoseconds since the epoch. */
    public long timeNanos() { return timeNanos; }

    @Override
    public boolean harness() { return harness; }

    /** strace's line without a pid prefix: {@code --- stopped by SIGSTOP ---}. */
    @Override
    public String toString() {
        return "--- stopped by " + signal + " ---";
    }
}
