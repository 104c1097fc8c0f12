package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Ptrace;

/**
 * A stopped tracee's general registers ({@code struct user_regs_struct}), read and written whole with
 * PTRACE_GETREGS/PTRACE_SETREGS and addressed by the offsets in {@link X86_64}. One reused buffer, so confined to the
 * tracer thread, like every ptrace request.
 */
final class Registers {
    private final NativeMemory regs = new NativeMemory(X86_64.REGS_SIZE);

    /** PTRACE_GETREGS of a tracee in a ptrace stop. */
    void load(int tid) {
        if (LibC.ptrace(Ptrace.PTRACE_GETREGS, tid, 0, regs.address()) != 0) {
            failed("PTRACE_GETREGS");
        }
    }

    /** PTRACE_SETREGS: the tracee continues with these registers when it is resumed. */
    void store(int tid) {
        if (LibC.ptrace(Ptrace.PTRACE_SETREGS, tid, 0, regs.address()) != 0) {
            failed("PTRACE_SETREGS");
        }
    }

    /** The register at {@code offset} (one of {@link X86_64}'s {@code REG_*}). */
    long get(int offset) {
        return regs.getLong(offset);
    }

    void set(int offset, long value) {
        regs.setLong(offset, value);
    }

    /** A copy of all the registers last loaded or set, to {@link #restore} later. */
    byte[] copy() {
        return regs.getByteArray(0, X86_64.REGS_SIZE);
    }

    void restore(byte[] saved) {
        regs.write(0, saved, 0, X86_64.REGS_SIZE);
    }

    /** ESRCH means the tracee is no longer in a stop: it was killed under our feet, which is not a tracer failure. */
    private static void failed(String request) {
        int errno = LibC.errno();
        if (errno == Errnos.ESRCH) {
            throw new TraceeVanished();
        }
        throw new TracerException(request + " failed: errno " + errno);
    }
}
