package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;

/**
 * Strings and byte buffers read from the tracee as raw bytes and shown the way strace's printstr_ex shows them (with
 * the {@code -s 32} limit, octal escapes or, for random bytes and binary values, {@code \xNN} escapes). Unlike
 * {@link TraceeAccess#readString}, nothing is decoded as UTF-8 on the way, so every byte prints as the byte it is.
 * Stateless; called on the tracer thread.
 */
final class TraceeStrings {

    /** The string ends at its first NUL (strace's QUOTE_0_TERMINATED); otherwise NULs are data. */
    static final int NUL_TERMINATED = 1;
    /** Every byte as {@code \xNN} (strace's QUOTE_FORCE_HEX: getrandom's bytes, a short SO_ERROR value). */
    static final int FORCE_HEX = 2;

    private TraceeStrings() {
    }

    /**
     * strace's umovestr: up to {@code length} bytes at {@code address}, ending after the first NUL when there is one;
     * null when the bytes up to that NUL (or up to {@code length}) cannot all be read. Reads a page at a time as strace
     * does, so that a string whose NUL lies before an unmapped page is still read.
     */
    static byte[] readUpToNul(TraceeAccess tracee, long address, int length) {
        byte[] all = tracee.read(address, length);
        if (all != null) {
            return all;
        }
        int inPage = (int) (X86_64.PAGE_SIZE - (address & (X86_64.PAGE_SIZE - 1)));
        if (inPage < length) {
            byte[] first = tracee.read(address, inPage);
            if (first != null) {
                return indexOfNul(first, first.length) >= 0 ? first : null;
            }
        }
        // The bytes up to the NUL may still be readable where a longer read is not (a recorded region, a mapping
        // that ends mid-page): byte by byte, which costs one read when the first byte is already unreadable.
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            byte[] one = tracee.read(address + i, 1);
            if (one == null) {
                return null;
            }
            out[i] = one[0];
            if (one[0] == 0) {
                byte[] shorter = new byte[i + 1];
                System.arraycopy(out, 0, shorter, 0, i + 1);
                return shorter;
            }
        }
        return out;
    }

    /**
     * strace's printstr_ex(address, len, style): NULL, the address when unreadable, otherwise at most 32 bytes quoted,
     * with "..." when there was more (a NUL-terminated string with no NUL within the shown bytes, or a buffer longer
     * than 32 bytes). {@code len} is unsigned.
     */
    static String printstr(TraceeAccess tracee, long address, long len, int style) {
        if (address == 0) {
            return "NULL";
        }
        boolean nulTerminated = (style & NUL_TERMINATED) != 0;
        // One byte more than shown, so that a NUL right after the last shown byte means "not truncated".
        int size = StraceText.MAX_STRLEN + 1;
        if (Long.compareUnsigned(size, len) > 0) {
            size = (int) len;
        }
        byte[] bytes = nulTerminated ? readUpToNul(tracee, address, size) : tracee.read(address, size);
        if (bytes == null) {
            return StraceText.hex(address);
        }
        int shown = Math.min(size, StraceText.MAX_STRLEN);
        boolean more;
        int end = shown;
        if (nulTerminated) {
            int nul = indexOfNul(bytes, Math.min(shown, bytes.length));
            if (nul >= 0) {
                end = nul;
                more = false;
            } else {
                end = Math.min(shown, bytes.length);
                // Truncated unless the byte after the shown ones was read and is the NUL.
                more = !(shown < bytes.length && bytes[shown] == 0);
            }
        } else {
            more = Long.compareUnsigned(len, StraceText.MAX_STRLEN) > 0;
        }
        more &= len != 0;
        return (style & FORCE_HEX) != 0 ? hexQuote(bytes, end, more) : StraceText.quote(bytes, end, more);
    }

    /** {@code "\x0a\xff"}: every byte in hex, as strace's QUOTE_FORCE_HEX. */
    static String hexQuote(byte[] bytes, int length, boolean more) {
        StringBuilder sb = new StringBuilder(4 * length + 5).append('"');
        for (int i = 0; i < length; i++) {
            sb.append("\\x").append(Character.forDigit((bytes[i] >> 4) & 0xf, 16))
                    .append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        sb.append('"');
        return more ? sb.append("...").toString() : sb.toString();
    }

    /**
     * A char array field holding a NUL-terminated string (uname's sysname), printed in full as strace's
     * print_quoted_cstring does: up to its size less one, "..." when no NUL ends it there.
     */
    static String cString(byte[] bytes, int offset, int size) {
        int limit = Math.max(0, size - 1);
        byte[] field = new byte[limit];
        System.arraycopy(bytes, offset, field, 0, limit);
        int nul = indexOfNul(field, limit);
        boolean terminated = nul >= 0 || bytes[offset + limit] == 0;
        return StraceText.quote(field, nul >= 0 ? nul : limit, !terminated);
    }

    private static int indexOfNul(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
