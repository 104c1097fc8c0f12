package dev.syscallassert.core.spawn;

import java.nio.file.Path;
import java.util.List;

/**
 * A child started through {@link Spawner}: a shell that has stopped itself with SIGSTOP and, once continued, execs the
 * real program. {@code scratchOffset} is where, inside the shell's argument strings, the tracer may write data into
 * the child (the shell has parsed its script by then, so the bytes are free). The output files are null when the
 * child inherits this JVM's standard streams.
 *
 * <p>{@code argv} and {@code environment} are the very strings the shell was started with: the shell's own argv
 * ({@code /bin/sh -c SCRIPT PROGRAM ARGV0 ARGS...}), then the program's environment. The kernel keeps them on the
 * shell's stack, where the tracer finds them again at its execve ({@link ShellStack}), so that the program gets these
 * bytes and not the shell's copies. {@code ignoredSignals} and {@code signalMask} are what the program must start
 * with ({@link StartState}), bit {@code n-1} for signal n.
 */
public record SpawnedTrampoline(int pid, Path stdoutFile, Path stderrFile, int scratchOffset, List<byte[]> argv,
                                List<byte[]> environment, long ignoredSignals, long signalMask) {

    /** How many of the shell's own arguments come before the program's path in {@link #argv}. */
    public static final int SHELL_ARGUMENTS = 3;
}
