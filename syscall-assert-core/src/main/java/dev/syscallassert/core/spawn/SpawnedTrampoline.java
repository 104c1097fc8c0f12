package dev.syscallassert.core.spawn;

import java.nio.file.Path;

/**
 * A child started through {@link Spawner}: a shell that has stopped itself with SIGSTOP and, once continued, execs the
 * real program. {@code scratchOffset} is where, inside the shell's argument strings, the tracer may write data into
 * the child (the shell has parsed its script by then, so the bytes are free). The output files are null when the
 * child inherits this JVM's standard streams.
 */
public record SpawnedTrampoline(int pid, Path stdoutFile, Path stderrFile, int scratchOffset) {
}
