package dev.syscallassert;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The end of a traced thread or process as its wait status told the tracer, one for every traced task as strace -f
 * prints them: {@code +++ exited with 3 +++}, {@code +++ killed by SIGKILL (core dumped) +++}. A process's threads
 * end one by one, each with the process's status when one of them called exit_group or a signal killed them all; the
 * leader's end ({@link #tid()} equal to {@link #pid()}) is the process's. Not a system call: never among
 * {@link SyscallTrace#events()}; in {@link SyscallTrace#timeline()} where the tracer saw it, and in
 * {@link SyscallTrace#exits()}. A thread that vanished without a status (the leader replaced by a thread that
 * exec'd, a thread detached from) has none. Immutable.
 */
public final class ProcessExit implements TraceEvent {

    private final int pid;
    private final int tid;
    private final String thread;
    private final Integer exitCode;
    private final int signalNumber;
    private final String signal;
    private final boolean coreDumped;
    private final long timeNanos;
    private final boolean harness;

    private ProcessExit(int pid, int tid, String thread, Integer exitCode, int signalNumber, String signal,
                        boolean coreDumped, long timeNanos, boolean harness) {
        this.pid = pid;
        this.tid = tid;
        this.thread = thread == null ? "" : thread;
        this.exitCode = exitCode;
        this.signalNumber = signalNumber;
        this.signal = signal;
        this.coreDumped = coreDumped;
        this.timeNanos = timeNanos;
        this.harness = harness;
    }

    /** A task that ended with {@code exit(code)} (or exit_group, or a return from main): "+++ exited with N +++". */
    public static ProcessExit exited(int pid, int tid, String thread, int code, long timeNanos) {
        return new ProcessExit(pid, tid, thread, code, 0, null, false, timeNanos, false);
    }

    /** A task that a signal killed: "+++ killed by SIGNAME +++", "(core dumped)" when it left a core. */
    public static ProcessExit killed(int pid, int tid, String thread, int signalNumber, String signal,
                                     boolean coreDumped, long timeNanos) {
        Objects.requireNonNull(signal, "signal");
        return new ProcessExit(pid, tid, thread, null, signalNumber, signal, coreDumped, timeNanos, false);
    }

    /** This exit, marked (or no longer marked) as the harness's or the JVM's own. */
    public ProcessExit harness(boolean harness) {
        return harness == this.harness ? this
                : new ProcessExit(pid, tid, thread, exitCode, signalNumber, signal, coreDumped, timeNanos, harness);
    }

    @Override
    public int pid() { return pid; }

    /** The task that ended; equal to {@link #pid()} for a process's leader. */
    @Override
    public int tid() { return tid; }

    /** Its name as last known (a thread that made no recorded call may have none: ""). */
    @Override
    public String thread() { return thread; }

    /** Whether this is the end of a thread other than its process's leader. */
    public boolean isThread() { return tid != pid; }

    /** The exit code when it exited; empty when a signal killed it. */
    public OptionalInt exitCode() { return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode); }

    /** The signal that killed it ("SIGKILL"), when one did. */
    public Optional<String> signal() { return Optional.ofNullable(signal); }

    /** The number of the signal that killed it, 0 when it exited. */
    public int signalNumber() { return signalNumber; }

    /** Whether a signal killed it. */
    public boolean killed() { return signal != null; }

    /** Whether the signal that killed it dumped core (the wait status's core-dump bit). */
    public boolean coreDumped() { return coreDumped; }

    /** Wall-clock time the tracer learnt of the end, in nanoseconds since the epoch. */
    public long timeNanos() { return timeNanos; }

    @Override
    public boolean harness() { return harness; }

    /** strace's line without a pid prefix: {@code +++ exited with 0 +++} or {@code +++ killed by SIGSEGV +++}. */
    @Override
    public String toString() {
        return signal == null ? "+++ exited with " + exitCode + " +++"
                : "+++ killed by " + signal + (coreDumped ? " (core dumped)" : "") + " +++";
    }
}
