package dev.syscallassert.core.ptrace;

/**
 * Wall-clock time in nanoseconds, read through {@link System#nanoTime()}: monotonic and cheap at every syscall stop,
 * anchored once to the wall clock when the trace starts. Immutable: any thread.
 */
final class WallClock {
    private final long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    long now() {
        return System.nanoTime() + offset;
    }
}
