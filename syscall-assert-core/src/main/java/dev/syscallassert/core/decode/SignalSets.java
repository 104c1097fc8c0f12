package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Signal names and signal masks as strace prints them (signal.c): {@code SIGIO}, {@code SIGRTMIN},
 * {@code SIGRT_3}; a mask as {@code [INT TERM]}, or {@code ~[KILL STOP]} when two thirds or more of its bits are set,
 * as the argument of ppoll, pselect6 and epoll_pwait. Stateless; called on the tracer thread.
 */
final class SignalSets {

    private static final Xlat SIGNALS = Constants.group("signal");
    /** The kernel's first real-time signal; strace names it SIGRTMIN and the later ones SIGRT_n from it. */
    private static final int SIGRTMIN = Constants.intValue("signal_range", "SIGRTMIN");
    /** sizeof the kernel's sigset_t: its last signal is this many bits. */
    static final int KERNEL_SIGSET_SIZE = Constants.intValue("kernel_sigset_size", "KERNEL_SIGSET_SIZE");
    private static final int SIGRTMAX = KERNEL_SIGSET_SIZE * Byte.SIZE;

    private SignalSets() {
    }

    /** strace's signame: the signal's name, or null for a number that is none. */
    static String name(long sig) {
        if (sig <= 0 || sig > SIGRTMAX) {
            return null;
        }
        String name = SIGNALS.name(sig);
        if (name != null) {
            return name;
        }
        if (sig == SIGRTMIN) {
            return "SIGRTMIN";
        }
        return sig > SIGRTMIN ? "SIGRT_" + (sig - SIGRTMIN) : null;
    }

    /** strace's printsignal: the name, or the number in decimal. */
    static String nameOrNumber(int sig) {
        String name = name(sig);
        return name != null ? name : Integer.toString(sig);
    }

    /**
     * print_sigset_addr_len: the mask of {@code len} bytes at {@code address}, or its address when the length is not
     * one the kernel accepts (a word up to the kernel's sigset size) or the memory cannot be read.
     */
    static String mask(TraceeAccess tracee, long address, long len) {
        if (Long.compareUnsigned(len, StructRenderers.POINTER_SIZE) < 0
                || Long.compareUnsigned(len, KERNEL_SIGSET_SIZE) > 0) {
            return StraceText.pointer(address);
        }
        byte[] b = address == 0 ? null : tracee.read(address, (int) len);
        return b == null ? StraceText.pointer(address) : mask(b);
    }

    /** sprintsigmask_n over the bytes of a mask. */
    static String mask(byte[] bytes) {
        int words = (Math.min(bytes.length, KERNEL_SIGSET_SIZE) + Integer.BYTES - 1) / Integer.BYTES;
        long[] bits = new long[words];
        int set = 0;
        for (int w = 0; w < words; w++) {
            int from = w * Integer.BYTES;
            int n = Math.min(Integer.BYTES, bytes.length - from);
            bits[w] = LittleEndian.get(bytes, from, n) & 0xffffffffL;
            set += Long.bitCount(bits[w]);
        }
        StringBuilder sb = new StringBuilder();
        boolean inverted = set >= words * Integer.SIZE * 2 / 3;
        if (inverted) {
            sb.append('~');
        }
        char sep = '[';
        for (int i = 0; i < words * Integer.SIZE; i++) {
            boolean bit = ((bits[i / Integer.SIZE] >>> (i % Integer.SIZE)) & 1) != 0;
            if (bit == inverted) {
                continue;
            }
            sb.append(sep);
            sep = ' ';
            String name = name(i + 1);
            if (name != null) {
                sb.append(name.substring("SIG".length()));
            }
        }
        if (sep == '[') {
            sb.append(sep);
        }
        return sb.append(']').toString();
    }
}
