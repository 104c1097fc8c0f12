package dev.syscallassert.core.seccomp;

import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The syscalls a trace filter makes stop whatever the selection, and why each: the one place both filters take them
 * from. Stateless: any thread.
 */
public final class AlwaysStopped {
    /**
     * prctl: a thread that renames itself (PR_SET_NAME) after the tracer read its name must be seen doing it, or its
     * later events would carry the old name.
     */
    private static final int NR_PRCTL = SyscallTable.current().requireNumber("prctl");
    /**
     * execve: the spawned shell's exec of the program, which the tracer re-issues once this filter is installed, is to
     * stop at its entry. (The tracer resumes it with PTRACE_SYSCALL, which stops it anyway; the entry stays as a
     * second guarantee, at the price of one stop, let go at once, per later exec when execve is not selected.)
     */
    private static final int NR_EXECVE = SyscallTable.current().requireNumber("execve");

    private AlwaysStopped() {
    }

    /**
     * For the filter the tracer injects into a program it spawned, at the shell trampoline's execve: the selected
     * syscalls, prctl and execve. Not the marker: a program that talks to its tracer (a traced JVM) installs its own
     * filter ({@link #forOwnFilter}).
     */
    public static int[] forInjectedFilter(int[] selected) {
        return with(selected, NR_PRCTL, NR_EXECVE);
    }

    /**
     * For the filter a traced JVM installs in itself ({@link SeccompInstaller}): the selected syscalls, prctl, and the
     * {@link Marker} syscall, its channel to the tracer, which must stop to be answered. Not execve: the JVM's own exec
     * happened before its filter.
     */
    public static int[] forOwnFilter(int[] selected) {
        return with(selected, NR_PRCTL, Marker.SYSCALL_NR);
    }

    private static int[] with(int[] selected, int... always) {
        return IntStream.concat(Arrays.stream(selected), IntStream.of(always)).distinct().toArray();
    }
}
