package dev.syscallassert.core.marker;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.ProcFs;

import java.nio.charset.StandardCharsets;

/**
 * The channel from a traced process to its tracer: a syscall number that no kernel uses, with a command in arg0 and a
 * UTF-8 argument (pointer, length) in arg1 and arg2. The tracer performs the command, cancels the syscall and makes it
 * return the command's result. Untraced, the kernel answers ENOSYS, so the caller knows at once it is not traced.
 */
public final class Marker {
    /** The marker's syscall number: far above every x86_64 syscall, below the x32 bit. The one place it is defined. */
    public static final int SYSCALL_NR = 0x5A55;

    public static final long BEGIN = 1;
    public static final long SNAPSHOT = 2;
    public static final long END = 3;
    /** The test's injected faults stop acting (and counting) until {@link #FAULTS_ON}; a deny rule stays. */
    public static final long FAULTS_OFF = 4;
    public static final long FAULTS_ON = 5;

    private Marker() {
    }

    /**
     * Sends a command to the tracer. Returns the tracer's answer (0 or more on success), or a negative errno:
     * {@code -38} (ENOSYS) when nobody traces this process or the tracer does not listen to markers.
     */
    public static long send(long command, String argument) {
        byte[] bytes = argument == null ? new byte[0] : argument.getBytes(StandardCharsets.UTF_8);
        NativeMemory m = new NativeMemory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        long r = LibC.syscall(SYSCALL_NR, command, m.address(), bytes.length);
        java.lang.ref.Reference.reachabilityFence(m);
        return r == -1 ? -LibC.errno() : r;
    }

    /** Whether this process is being traced (any tracer): TracerPid in /proc/self/status. */
    public static boolean traced() {
        return ProcFs.selfStatusField("TracerPid").filter(pid -> !pid.equals("0")).isPresent();
    }

    public static boolean isUntracedAnswer(long result) {
        return result == -Errnos.ENOSYS;
    }
}
