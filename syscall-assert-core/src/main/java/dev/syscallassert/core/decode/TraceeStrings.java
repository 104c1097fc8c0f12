package dev.syscallassert.core.decode;

import java.nio.charset.StandardCharsets;

/**
 * Strings and buffers read from the tracee as strace's printstr_ex (util.c) shows them with {@code -s 32}: a
 * NUL-terminated string ({@code printstr}: an xattr name), or a buffer of a given length ({@code printstrn}: read's
 * and write's data, an xattr value, which may drop one trailing NUL). {@code NULL} for a null pointer, the address
 * when the bytes cannot be read. Stateless; called on the tracer thread.
 */
final class TraceeStrings {

    private TraceeStrings() {
    }

    /** printstr: a NUL-terminated string, its first 32 bytes and {@code ...} when it is longer. */
    static String cstring(TraceeAccess tracee, long address) {
        return cstring(tracee, address, -1);
    }

    /**
     * printstr_ex with QUOTE_0_TERMINATED over at most {@code limit} bytes (-1 for none): up to the NUL, at most 32
     * bytes, and {@code ...} when the string did not end within what was shown.
     */
    static String cstring(TraceeAccess tracee, long address, long limit) {
        if (address == 0) {
            return "NULL";
        }
        // strace fetches one byte past the -s limit, which tells a 32-byte string from a longer one.
        int fetch = Long.compareUnsigned(limit, StraceText.MAX_STRLEN + 1) < 0 ? (int) limit
                : StraceText.MAX_STRLEN + 1;
        String s = tracee.readString(address, fetch);
        if (s == null) {
            return StraceText.hex(address);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int shown = Math.min(fetch, StraceText.MAX_STRLEN);
        if (b.length < shown) {
            return StraceText.quote(b, b.length, false);
        }
        boolean endsRightAfter = fetch > shown && b.length == shown;
        return StraceText.quote(b, shown, !endsRightAfter);
    }

    /**
     * printstr_ex over {@code length} bytes: at most 32 shown, {@code ...} when there are more. With
     * {@code omitTrailingNul} (QUOTE_OMIT_TRAILING_0) a NUL as the last byte shown is left out, and then strace
     * prints no {@code ...} either.
     */
    static String bytes(TraceeAccess tracee, long address, long length, boolean omitTrailingNul) {
        if (address == 0) {
            return "NULL";
        }
        byte[] b = printstrBytes(tracee, address, length);
        if (b == null) {
            return StraceText.hex(address);
        }
        int size = Math.min(b.length, StraceText.MAX_STRLEN);
        boolean more = Long.compareUnsigned(length, StraceText.MAX_STRLEN) > 0;
        if (omitTrailingNul && size > 0 && b[size - 1] == 0) {
            size--;
            more = false;
        }
        return StraceText.quote(b, size, more);
    }

    /**
     * What printstr reads of a buffer of {@code length} (unsigned) bytes: max_strlen + 1 of them at most (its quoting
     * looks one byte ahead), or null when that read fails, where strace shows the address.
     */
    static byte[] printstrBytes(TraceeAccess tracee, long address, long length) {
        int fetch = Long.compareUnsigned(length, StraceText.MAX_STRLEN + 1) < 0 ? (int) length
                : StraceText.MAX_STRLEN + 1;
        return fetch == 0 ? new byte[0] : tracee.read(address, fetch);
    }
}
