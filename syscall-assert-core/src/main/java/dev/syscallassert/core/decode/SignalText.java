package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Signals as strace 6.1 spells them: a signal number ({@code SIGTERM}, {@code SIGRTMIN}, {@code SIGRT_3}, or the
 * number when it has no name), a signal set ({@code [INT TERM]}, {@code ~[RTMIN RT_1]} when two thirds or more of the
 * bits are set) and a signal handler ({@code SIG_IGN} or its address). Values from the generated tables. Stateless;
 * called on the tracer thread.
 */
final class SignalText {

    /** The kernel's sigset size (NSIG / 8 = 8 on x86_64), the only one the rt_* signal calls accept. */
    static final int NSIG_BYTES = X86_64.KERNEL_SIGSET.size();
    private static final Xlat HANDLERS = Constants.group("sa_handler_values");

    private SignalText() {
    }

    /**
     * strace's signame: the name of signal {@code sig} (SIGRTMIN, SIGRT_n after it), or null when it has none (0,
     * negative, beyond SIGRTMAX); the one rule, {@link Signals#knownName}.
     */
    static String name(int sig) {
        return Signals.knownName(sig);
    }

    /** strace's printsignal: the name, or the number (signed) when there is none. */
    static String signal(int sig) {
        String name = name(sig);
        return name != null ? name : Integer.toString(sig);
    }

    /** A signal handler: SIG_DFL, SIG_IGN, SIG_ERR by name, any other by its address. */
    static String handler(long handler) {
        String name = HANDLERS.name(handler);
        return name != null ? name : StraceText.pointer(handler);
    }

    /**
     * strace's sprintsigmask_n over the first {@code bytes} bytes of {@code mask} (at most {@link #NSIG_BYTES}): the
     * set signals' names without "SIG", or, when two thirds or more of the bits are set, {@code ~} and the signals that
     * are not set.
     */
    static String mask(byte[] mask, int offset, int bytes) {
        int words = (Math.min(bytes, NSIG_BYTES) + 3) / 4;
        long[] w = new long[words];
        int set = 0;
        for (int i = 0; i < words; i++) {
            int at = offset + 4 * i;
            long word = 0;
            for (int b = 0; b < 4 && 4 * i + b < bytes; b++) {
                word |= (mask[at + b] & 0xffL) << (8 * b);
            }
            w[i] = word;
            set += Long.bitCount(word);
        }
        StringBuilder sb = new StringBuilder();
        boolean inverted = set >= words * 32 * 2 / 3;
        if (inverted) {
            sb.append('~');
        }
        sb.append('[');
        boolean first = true;
        for (int bit = 0; bit < words * 32; bit++) {
            boolean isSet = ((w[bit / 32] >>> (bit % 32)) & 1) != 0;
            if (isSet == inverted) {
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            first = false;
            int sig = bit + 1;
            String name = name(sig);
            sb.append(name != null ? name.substring(3) : Integer.toString(sig));
        }
        return sb.append(']').toString();
    }

    /**
     * strace's print_sigset_addr_len: a sigset of {@code length} bytes at {@code address}; the address when the length
     * is not between {@code minLength} and {@link #NSIG_BYTES} or the set cannot be read.
     */
    static String maskAt(TraceeAccess tracee, long address, long length, int minLength) {
        if (Long.compareUnsigned(length, minLength) < 0 || Long.compareUnsigned(length, NSIG_BYTES) > 0) {
            return StraceText.pointer(address);
        }
        if (address == 0) {
            return "NULL";
        }
        byte[] bytes = tracee.read(address, (int) length);
        return bytes == null ? StraceText.hex(address) : mask(bytes, 0, (int) length);
    }

    /** The usual form: at least a word (8 bytes) and at most the kernel's sigset. */
    static String maskAt(TraceeAccess tracee, long address, long length) {
        return maskAt(tracee, address, length, StructRenderers.POINTER_SIZE);
    }

    /** A 64-bit mask value held in a register or a struct field. */
    static String mask(long value) {
        byte[] b = new byte[Long.BYTES];
        LittleEndian.put64(b, 0, value);
        return mask(b, 0, Math.min(Long.BYTES, NSIG_BYTES));
    }
}
