package dev.syscallassert;

import java.time.Duration;
import java.util.Optional;

/** How a traced command ended, what it printed, and the system calls of its whole process tree. */
public final class TraceResult {
    private final int pid;
    private final int exitCode;
    private final String signal;
    private final SyscallTrace trace;
    private final String stdout;
    private final String stderr;
    private final Duration duration;
    private final SyscallSummary systemTimes;

    public TraceResult(int pid, int exitCode, String signal, SyscallTrace trace, String stdout, String stderr,
                       Duration duration) {
        this(pid, exitCode, signal, trace, stdout, stderr, duration, null);
    }

    /** @param systemTimes the system-time summary, or null when it was not counted */
    public TraceResult(int pid, int exitCode, String signal, SyscallTrace trace, String stdout, String stderr,
                       Duration duration, SyscallSummary systemTimes) {
        this.pid = pid;
        this.exitCode = exitCode;
        this.signal = signal;
        this.trace = trace;
        this.stdout = stdout;
        this.stderr = stderr;
        this.duration = duration;
        this.systemTimes = systemTimes;
    }

    /** The traced command's process id. */
    public int pid() { return pid; }

    /** The exit status; 128 + the signal number when a signal killed it (as a shell reports it). */
    public int exitCode() { return exitCode; }

    /** The signal that killed the command ("SIGSEGV"), when one did. */
    public Optional<String> terminatingSignal() { return Optional.ofNullable(signal); }

    /** True when a signal ended the command rather than an exit. */
    public boolean crashed() { return signal != null; }

    public SyscallTrace trace() { return trace; }

    /** The seccomp profile of this run's whole trace ({@link SyscallTrace#seccompProfile()}). */
    public SeccompProfile seccompProfile() { return trace.seccompProfile(); }

    /** What the command wrote to its stdout (empty when output was inherited). */
    public String stdout() { return stdout; }

    /** What the command wrote to its stderr (empty when output was inherited). */
    public String stderr() { return stderr; }

    /** Wall time from spawn to the end of the last traced process. */
    public Duration duration() { return duration; }

    /**
     * strace -c's table of the recorded calls with the system time each took, when the trace was run with
     * {@link Tracer#countSystemTime()}; empty otherwise ({@link SyscallSummary#wallClock} makes the wall-clock one
     * from any trace's events).
     */
    public Optional<SyscallSummary> systemTimes() { return Optional.ofNullable(systemTimes); }

    @Override
    public String toString() {
        return "TraceResult[pid=" + pid + ", exitCode=" + exitCode + (signal != null ? ", killed by " + signal : "")
                + ", " + trace.allEvents().size() + " events, " + duration.toMillis() + " ms]";
    }
}
