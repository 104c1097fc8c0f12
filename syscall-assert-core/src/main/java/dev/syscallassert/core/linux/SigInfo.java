package dev.syscallassert.core.linux;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.Map;

/**
 * A {@code siginfo_t} as the kernel filled it for PTRACE_GETSIGINFO: its fields by name (the union members'
 * offsets come from the generated architecture table), and the name of its {@code si_code} as strace gives it.
 * Which union member holds the facts depends on the signal and the code; {@link
 * dev.syscallassert.core.format.SigInfoFormat} reads the ones strace prints. Immutable: any thread.
 */
public final class SigInfo {
    /** sizeof(siginfo_t): the buffer PTRACE_GETSIGINFO writes. */
    public static final int SIZE = X86_64.SIGINFO.size();

    private static final StructLayout LAYOUT = X86_64.SIGINFO;
    private static final Xlat GENERIC_CODES = Constants.group("siginfo_code");
    /** strace's print_si_code: the per-signal tables, tried when the code is none of the generic ones. */
    private static final Map<Integer, Xlat> CODES_BY_SIGNAL = Map.of(
            Signals.number("SIGTRAP"), Constants.group("sigtrap_code"),
            Signals.number("SIGCHLD"), Constants.group("sigchld_code"),
            Signals.number("SIGIO"), Constants.group("sigpoll_code"),
            Signals.number("SIGILL"), Constants.group("sigill_code"),
            Signals.number("SIGFPE"), Constants.group("sigfpe_code"),
            Signals.number("SIGSEGV"), Constants.group("sigsegv_code"),
            Signals.number("SIGBUS"), Constants.group("sigbus_code"),
            Signals.number("SIGSYS"), Constants.group("sigsys_code"));

    private final byte[] bytes;

    private SigInfo(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The first {@link #SIZE} bytes of {@code bytes} (copied) as a siginfo_t. */
    public static SigInfo of(byte[] bytes) {
        if (bytes.length < SIZE) {
            throw new IllegalArgumentException("a siginfo_t has " + SIZE + " bytes, got " + bytes.length);
        }
        byte[] copy = new byte[SIZE];
        System.arraycopy(bytes, 0, copy, 0, SIZE);
        return new SigInfo(copy);
    }

    public int signo() {
        return i32("si_signo");
    }

    public int errno() {
        return i32("si_errno");
    }

    public int code() {
        return i32("si_code");
    }

    /** A signed 32-bit field ("si_pid", "si_status", "si_fd", ...). */
    public int i32(String field) {
        return (int) LittleEndian.u32(bytes, LAYOUT.offset(field));
    }

    /** An unsigned 32-bit field ("si_uid", "si_arch", "si_pkey"). */
    public long u32(String field) {
        return LittleEndian.u32(bytes, LAYOUT.offset(field));
    }

    /** A 64-bit field: a pointer ("si_addr", "si_ptr"), a long ("si_band") or a clock_t ("si_utime"). */
    public long i64(String field) {
        return LittleEndian.s64(bytes, LAYOUT.offset(field));
    }

    /**
     * strace's name for the code: a generic one (SI_USER, SI_KERNEL, SI_QUEUE...) first, then the signal's own
     * (CLD_EXITED, SEGV_MAPERR...); null when neither table has it.
     */
    public String codeName() {
        String name = GENERIC_CODES.name(code());
        if (name == null) {
            Xlat own = CODES_BY_SIGNAL.get(signo());
            name = own == null ? null : own.name(code());
        }
        return name;
    }
}
