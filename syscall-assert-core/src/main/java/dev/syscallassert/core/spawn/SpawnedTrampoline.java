package dev.syscallassert.core.spawn;

import java.nio.file.Path;
import java.util.List;

/**
 * A child started through {@link Spawner}: a shell that has stopped itself with SIGSTOP and, once continued, execs the
 * real program. {@code scratchOffset} is where, inside the shell's argument strings, the tracer may write data into
 * the child (the shell has parsed its script by then, so the bytes are free).
 */
public record SpawnedTrampoline(int pid, Path program, List<String> argv, List<String> environment,
                                Path stdoutFile, Path stderrFile, int scratchOffset, int scratchLength) {
}
