package dev.syscallassert.core.decode;

import dev.syscallassert.core.linux.ProcFs;

/**
 * What a decoder may read from the stopped tracee. Implementations never throw for bad pointers: they return null,
 * and the decoder renders the argument as unreadable.
 */
public interface TraceeAccess {

    /** The thread-group id of the stopped tracee. */
    int pid();

    /** The thread id of the stopped tracee. */
    int tid();

    /** Reads exactly {@code length} bytes at {@code address} in the tracee, or null when any of them is unreadable. */
    byte[] read(long address, int length);

    /**
     * Reads a NUL-terminated string of at most {@code maxBytes} bytes, decoded losslessly by
     * {@link dev.syscallassert.ByteStrings#decode}, or null when the first byte is unreadable. A string longer than the limit is cut and {@link #lastStringTruncated()} becomes true.
     */
    String readString(long address, int maxBytes);

    /** True when the last {@link #readString} hit its limit before the terminating NUL. */
    boolean lastStringTruncated();

    /** What file descriptor {@code fd} of the tracee names ({@code readlink /proc/TID/fd/FD}), or null. */
    String fdPath(int fd);

    /** The tracee's working directory ({@code readlink /proc/TID/cwd}), or null. */
    String cwd();

    /**
     * The stopped thread's stack pointer at this syscall stop, or 0 when unknown. rt_sigreturn has no arguments: the
     * mask it restores is in the signal frame at the stack pointer. By default read from {@code /proc/TID/syscall}
     * ("nr args... sp pc", proc(5)), which the kernel fills for a thread stopped in a syscall.
     */
    default long stackPointer() {
        String line = ProcFs.read(ProcFs.of(tid(), "syscall"));
        if (line == null) {
            return 0;
        }
        String[] fields = line.trim().split(" ");
        // "running" or "-1 sp pc" when not in a syscall; a syscall line has the number, six arguments, sp and pc.
        if (fields.length != 9 || !fields[7].startsWith("0x")) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(fields[7].substring(2), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
