package dev.syscallassert.core.decode;

/**
 * strace's printargs, for every syscall without a decoder of its own: each of the table's arguments as {@code %#lx}. A
 * call whose first argument is an fd still records what it names, so that fd-based assertions work on calls nobody
 * decoded yet; the family classes declare which calls those are. Stateless; called on the tracer thread.
 */
final class GenericDecoder {

    /** Every argument in hex. */
    static final SyscallDecoder PRINTARGS = SyscallDecoder.of(c -> printargs(c, false));

    /**
     * Every argument in hex, and {@link DecodedCall#fdPath} for the fd in the first one; a new one at each call (the
     * registry keeps it per syscall), so that its lambda is only linked by a trace that meets such a syscall.
     */
    static SyscallDecoder fdFirst() {
        return SyscallDecoder.of(c -> printargs(c, true));
    }

    private GenericDecoder() {
    }

    static void printargs(ArgumentCursor c, boolean fdFirst) {
        int count = c.argumentCount();
        for (int i = 0; i < count; i++) {
            if (i == 0 && fdFirst) {
                int fd = c.int32(0);
                if (fd >= 0) {
                    c.out.fdPath = c.tracee.fdPath(fd);
                }
            }
            c.hexArg(i);
        }
    }
}
