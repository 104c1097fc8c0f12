package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallSummary;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.core.spawn.SpawnedTrampoline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a trace hands back: its {@link TraceResult}, built from the recorded timeline (calls, signals, exits), the
 * system times when they were counted, the main process's exit status
 * and the program's captured output, whose temp files are read and deleted. The tracer thread sets the files and the
 * times; the thread that awaits the trace reads them after joining the tracer thread, which makes those writes
 * visible to it.
 */
final class TraceOutput {
    private final Tasks tasks;
    private final EventSlots slots;
    /** Null when system time is not counted. */
    private final SyscallSummary.Accumulator systemTimes;
    /** The files the spawned program's stdout and stderr go to; null when attached or with inherited I/O. */
    private Path stdoutFile;
    private Path stderrFile;
    private long startWall;
    private long endWall;

    TraceOutput(Tasks tasks, EventSlots slots, SyscallSummary.Accumulator systemTimes) {
        this.tasks = tasks;
        this.slots = slots;
        this.systemTimes = systemTimes;
    }

    /** Tracer thread: the program was spawned with its output going to these files (if any). */
    void capturedBy(SpawnedTrampoline spawned) {
        stdoutFile = spawned.stdoutFile();
        stderrFile = spawned.stderrFile();
    }

    /** Tracer thread: when the trace began and ended (wall clock, ns). */
    void started(long wallNanos) {
        startWall = wallNanos;
    }

    void ended(long wallNanos) {
        endWall = wallNanos;
    }

    /** After the tracer thread ended: the result, with the captured output (whose files are then deleted). */
    TraceResult result() {
        String out = "";
        String err = "";
        if (stdoutFile != null) {
            out = readAndDelete(stdoutFile);
            err = readAndDelete(stderrFile);
        }
        return new TraceResult(tasks.mainPid(), tasks.exitCode(), tasks.killSignal(),
                SyscallTrace.ofTimeline(slots.result()), out, err, Duration.ofNanos(Math.max(0, endWall - startWall)),
                systemTimes == null ? null : systemTimes.summary());
    }

    /** How many calls were recorded, retained or not (each call in flight at the end was finished as unfinished). */
    int recordedCalls() {
        return slots.count();
    }

    /** After the tracer thread failed: only the captured output's files are deleted. */
    void discard() {
        if (stdoutFile != null) {
            readAndDelete(stdoutFile);
            readAndDelete(stderrFile);
        }
    }

    private static String readAndDelete(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file we cannot delete is not worth failing the trace for
            }
        }
    }
}
