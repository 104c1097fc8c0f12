package dev.syscallassert.core.decode;

/**
 * How a successful call's return value prints, as a decoder declares it (strace's {@code RVAL_*}, defs.h). A failed
 * or restarted call prints its errno whatever the format; {@link ReturnValues} renders both.
 */
enum ReturnFormat {
    /** {@code %ld}: counts, fds, pids, zero (strace's RVAL_DECIMAL, and RVAL_FD without -y). */
    DECIMAL,
    /** {@code %#lx}: an address (mmap, brk, mremap, shmat; strace's RVAL_HEX). */
    HEX,
    /** {@code %#03lo}: a file mode (umask's previous mask: {@code 022}; strace's RVAL_OCTAL). */
    OCTAL
}
