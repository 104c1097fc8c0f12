package dev.syscallassert.core.decode;

/**
 * Byte values strace prints with QUOTE_FORCE_HEX ({@code "\x94\xd8"}: getrandom's bytes, a socket option value too
 * short for its type), and char array fields printed as strings (uname's). The printstr forms without forced hex are
 * {@link TraceeStrings}. Stateless; called on the tracer thread.
 */
final class TraceeBytes {

    private TraceeBytes() {
    }

    /**
     * printstr_ex(address, length, QUOTE_FORCE_HEX): NULL, the address when unreadable, otherwise at most 32 bytes as
     * {@code \xNN} and "..." when there were more. {@code length} is unsigned.
     */
    static String hex(TraceeAccess tracee, long address, long length) {
        if (address == 0) {
            return "NULL";
        }
        // strace reads one byte past the -s limit, so a buffer it cannot read that far shows as its address.
        byte[] b = TraceeStrings.printstrBytes(tracee, address, length);
        if (b == null) {
            return StraceText.hex(address);
        }
        boolean more = Long.compareUnsigned(length, StraceText.MAX_STRLEN) > 0;
        return hexQuote(b, Math.min(b.length, StraceText.MAX_STRLEN), more);
    }

    /** {@code "\x0a\xff"}: every byte in hex, as strace's QUOTE_FORCE_HEX; {@code more} appends "...". */
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
        int nul = -1;
        for (int i = 0; i < limit && nul < 0; i++) {
            if (bytes[offset + i] == 0) {
                nul = i;
            }
        }
        byte[] field = new byte[limit];
        System.arraycopy(bytes, offset, field, 0, limit);
        boolean terminated = nul >= 0 || bytes[offset + limit] == 0;
        return StraceText.quote(field, nul >= 0 ? nul : limit, !terminated);
    }
}
