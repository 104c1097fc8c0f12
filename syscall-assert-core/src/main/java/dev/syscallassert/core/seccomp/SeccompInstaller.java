package dev.syscallassert.core.seccomp;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;


/**
 * Installs, in this very process, the filter that makes the selected syscalls (and the marker) stop for the tracer.
 * Used by a traced child JVM before its test starts. Only call it when traced: without a tracer, SECCOMP_RET_TRACE
 * makes every selected syscall fail with ENOSYS, and a filter can never be removed.
 */
public final class SeccompInstaller {
    private static final int NR_PRCTL = SyscallTable.current().requireNumber("prctl");
    private static final int NR_SECCOMP = SyscallTable.current().requireNumber("seccomp");
    private static final int PR_SET_NO_NEW_PRIVS = Constants.intValue("prctl_option", "PR_SET_NO_NEW_PRIVS");
    private static final int SECCOMP_SET_MODE_FILTER = Constants.intValue("seccomp_operation",
            "SECCOMP_SET_MODE_FILTER");
    private static final int SECCOMP_FILTER_FLAG_TSYNC = Constants.intValue("seccomp_filter_flags",
            "SECCOMP_FILTER_FLAG_TSYNC");

    private SeccompInstaller() {
    }

    /** Installs the filter on every thread of this process (TSYNC). */
    public static void install(int[] syscallNumbers) {
        if (!Marker.traced()) {
            throw new TracerException("Refusing to install a seccomp trace filter: this process is not traced, so "
                    + "every filtered syscall would fail with ENOSYS");
        }
        byte[] program = BpfFilter.program(AlwaysStopped.forOwnFilter(syscallNumbers));
        NativeMemory filter = new NativeMemory(program.length);
        filter.write(0, program, 0, program.length);
        NativeMemory fprog = new NativeMemory(X86_64.SOCK_FPROG.size());
        fprog.clear();
        fprog.setShort(X86_64.SOCK_FPROG.offset("len"), (short) (program.length / X86_64.SOCK_FILTER.size()));
        fprog.setLong(X86_64.SOCK_FPROG.offset("filter"), filter.address());
        long r = LibC.syscall6(NR_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0);
        if (r != 0) {
            throw new TracerException("prctl(PR_SET_NO_NEW_PRIVS) failed: " + LibC.strerror(LibC.errno()));
        }
        r = LibC.syscall6(NR_SECCOMP, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, fprog.address(),
                0, 0, 0);
        java.lang.ref.Reference.reachabilityFence(filter);
        java.lang.ref.Reference.reachabilityFence(fprog);
        if (r < 0) {
            throw new TracerException("seccomp(SECCOMP_SET_MODE_FILTER) failed: " + LibC.strerror(LibC.errno()));
        }
        if (r > 0) {
            throw new TracerException("seccomp TSYNC failed: thread " + r + " could not take the filter");
        }
    }
}
