package dev.syscallassert.core.decode;

import java.nio.charset.StandardCharsets;

/** strace's spelling of the basic values: quoted strings, pointers, octal modes. */
final class StraceText {

    /** strace's default {@code -s 32}: data buffers and non-path strings show at most this many bytes. */
    static final int MAX_STRLEN = 32;

    private StraceText() {
    }

    /** A pointer the way strace shows an address it does not (or cannot) follow: {@code NULL} or {@code 0x7ffd...}. */
    static String pointer(long address) {
        return address == 0 ? "NULL" : hex(address);
    }

    /** {@code %#lx}: zero is "0", anything else "0x..." (what strace prints for an argument it does not decode). */
    static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    /** {@code %#03o}, strace's mode format: 0644, 04755, and 000 for zero. */
    static String octalMode(long mode) {
        String octal = Long.toOctalString(mode);
        String s = "0" + octal;
        return s.length() < 3 ? "0".repeat(3 - s.length()) + s : s;
    }

    /** Quotes a NUL-free (or NUL-carrying buffer) string's UTF-8 bytes as strace does; {@code more} appends "...". */
    static String quote(String text, boolean more) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return quote(bytes, bytes.length, more);
    }

    /**
     * strace's string_quote for the default style: printable ASCII as is, {@code \" \\ \t \n \v \f \r} as escapes,
     * every other byte in octal with as few digits as possible unless the next byte is a digit (so that
     * {@code "\1" "9"} cannot be read back as {@code "\19"}).
     */
    static String quote(byte[] bytes, int length, boolean more) {
        StringBuilder sb = new StringBuilder(length + 8).append('"');
        for (int i = 0; i < length; i++) {
            int c = bytes[i] & 0xff;
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case 0x0b: sb.append("\\v"); break;
                case '\f': sb.append("\\f"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (c >= ' ' && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append('\\');
                        boolean digitFollows = i + 1 < length && bytes[i + 1] >= '0' && bytes[i + 1] <= '9';
                        if (digitFollows) {
                            sb.append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)));
                        } else if ((c >> 3) != 0) {
                            if ((c >> 6) != 0) {
                                sb.append((char) ('0' + (c >> 6)));
                            }
                            sb.append((char) ('0' + ((c >> 3) & 7)));
                        }
                        sb.append((char) ('0' + (c & 7)));
                    }
            }
        }
        sb.append('"');
        if (more) {
            sb.append("...");
        }
        return sb.toString();
    }
}
