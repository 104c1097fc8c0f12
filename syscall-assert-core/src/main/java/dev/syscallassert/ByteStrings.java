package dev.syscallassert;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the kernel's byte strings (file names, program arguments, environment entries) are carried in Java strings,
 * losslessly: the events' paths and argv, the JSON Lines and the DSL all use this one mapping.
 *
 * <p>A file name on Linux is any sequence of bytes without NUL; it need not be UTF-8. {@link #decode} reads valid
 * UTF-8 as usual and maps each byte of an invalid sequence to one lone surrogate, U+DC80 to U+DCFF for the bytes 0x80
 * to 0xFF (Python's "surrogateescape"). {@link #encode} turns such a string back into exactly the bytes it came from,
 * so two different names never give the same string and a name can always be matched, rendered and written back.
 * A name that is valid UTF-8 (every name most programs make) is the ordinary Java string of its characters.
 *
 * <p>The JDK itself cannot name such files with a string: with {@code sun.jnu.encoding} UTF-8 a {@link Path} from
 * {@code Files.list} keeps the bytes inside, but its {@code toString()} shows U+FFFD for each bad byte, and
 * {@code Path.of} of that text names another file. {@link #of(Path)} gives this mapping's string for such a Path (from
 * its bytes), {@link #path(String)} the Path for a string. Both are independent of {@code sun.jnu.encoding}: under
 * the POSIX locale (LANG unset), where the JDK takes file names for ASCII, they still read and write UTF-8.
 *
 * <p>Stateless and thread-safe.
 */
public final class ByteStrings {
    /** The lone surrogate that stands for byte {@code 0x80 + i} is {@code ESCAPE_BASE + 0x80 + i}. */
    private static final int ESCAPE_BASE = 0xDC00;
    private static final int FIRST_ESCAPE = ESCAPE_BASE + 0x80;
    private static final int LAST_ESCAPE = ESCAPE_BASE + 0xFF;
    /** Whether this JVM's {@code Path.of(String)} encodes names as UTF-8 (so that it may be used directly). */
    private static final boolean JNU_UTF8 = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ByteStrings() {
    }

    /** The string for these bytes: UTF-8, each byte of an invalid sequence as U+DC80..U+DCFF. Never fails. */
    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** {@link #decode(byte[])} of {@code length} bytes from {@code offset}. */
    public static String decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1); // all ASCII: the common case
        }
        StringBuilder sb = new StringBuilder(length);
        for (int k = offset; k < i; k++) {
            sb.append((char) bytes[k]);
        }
        while (i < end) {
            int n = validSequenceLength(bytes, i, end);
            if (n == 0) {
                sb.append((char) (ESCAPE_BASE + (bytes[i] & 0xff)));
                i++;
            } else if (n == 1) {
                sb.append((char) bytes[i]);
                i++;
            } else {
                sb.appendCodePoint(codePoint(bytes, i, n));
                i += n;
            }
        }
        return sb.toString();
    }

    /**
     * The bytes this string stands for: the inverse of {@link #decode}. A character outside the image of decode (a
     * lone surrogate other than U+DC80..U+DCFF) stands for no bytes at all and is refused.
     *
     * @throws IllegalArgumentException for such a character, naming it and where it is
     */
    public static byte[] encode(String s) {
        Objects.requireNonNull(s, "s");
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[n * 3];
        int o = 0;
        for (int k = 0; k < i; k++) {
            out[o++] = (byte) s.charAt(k);
        }
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE) {
                out[o++] = (byte) (c - ESCAPE_BASE);
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("Not a byte string: the lone surrogate U+%04X at "
                        + "index %d stands for no bytes (only U+DC80..U+DCFF do, one byte each)", (int) c, i));
            } else {
                out[o++] = (byte) (0xE0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
            i++;
        }
        return Arrays.copyOf(out, o);
    }

    /**
     * The string the events carry for the file name this path holds, from its bytes (not from its {@code toString()},
     * which is lossy for a name that is not valid in {@code sun.jnu.encoding}). A relative path stays relative.
     *
     * @throws IllegalArgumentException for a path of another file system than the default one (a zip file's, say)
     */
    public static String of(Path path) {
        Objects.requireNonNull(path, "path");
        if (path.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("Not a path of the default file system: " + path);
        }
        String text = path.toString();
        if (text.indexOf('\uFFFD') < 0 && (JNU_UTF8 || isAscii(text))) {
            return text; // toString decoded the bytes without loss
        }
        if (path.isAbsolute()) {
            return decode(absoluteBytes(path));
        }
        // toUri works on the absolute path: take the working directory's bytes off again.
        byte[] absolute = absoluteBytes(path.toAbsolutePath());
        byte[] cwd = absoluteBytes(Path.of("").toAbsolutePath());
        int skip = cwd.length == 1 ? 1 : cwd.length + 1; // "/" + name, or cwd + "/" + name
        return skip >= absolute.length ? "" : decode(absolute, skip, absolute.length - skip);
    }

    /**
     * The {@link Path} that names exactly the bytes this string stands for (see {@link #encode}), whatever
     * {@code sun.jnu.encoding} is; to create, open or list such a file from Java. A relative string gives an absolute
     * path, resolved against this JVM's working directory.
     *
     * @throws IllegalArgumentException when the string stands for no bytes (see {@link #encode}), holds a NUL, or is
     *                                  empty
     */
    public static Path path(String s) {
        Objects.requireNonNull(s, "s");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("An empty string names no file");
        }
        if (isAscii(s) || JNU_UTF8 && !hasSurrogate(s)) {
            return Path.of(s).toAbsolutePath(); // Path.of encodes it to the same bytes
        }
        byte[] bytes = encode(s);
        StringBuilder uri = new StringBuilder("file://");
        if (bytes[0] != '/') {
            uri.append(encodeForUri(encode(of(Path.of("").toAbsolutePath())))).append('/');
        }
        uri.append(encodeForUri(bytes));
        try {
            return Path.of(new URI(uri.toString()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a file name: " + s, e);
        }
    }

    /** The absolute path's bytes, from its file URI, whose path percent-encodes them one by one. */
    private static byte[] absoluteBytes(Path absolute) {
        String raw = absolute.toUri().getRawPath();
        byte[] out = new byte[raw.length()];
        int o = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out[o++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
                i += 2;
            } else {
                out[o++] = (byte) c;
            }
        }
        if (o > 1 && out[o - 1] == '/') {
            o--; // toUri marks a directory with a trailing slash; the path itself has none
        }
        return Arrays.copyOf(out, o);
    }

    /** Percent-encodes every byte but the unreserved ASCII ones and '/': the URI then carries the bytes unchanged. */
    private static String encodeForUri(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == 0) {
                throw new IllegalArgumentException("A file name cannot hold a NUL byte");
            }
            if (c == '/' || c == '-' || c == '.' || c == '_' || c == '~' || (c >= '0' && c <= '9')
                    || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * How many bytes the well-formed UTF-8 sequence at {@code i} takes (the Unicode standard's table 3-7: no overlong
     * form, no surrogate, nothing above U+10FFFF), or 0 when the byte at {@code i} does not start one.
     */
    private static int validSequenceLength(byte[] b, int i, int end) {
        int b0 = b[i] & 0xff;
        if (b0 < 0x80) {
            return 1;
        }
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int b1 = b[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int bk = b[i + k] & 0xff;
            if (bk < 0x80 || bk > 0xBF) {
                return 0;
            }
        }
        return n;
    }

    private static int codePoint(byte[] b, int i, int n) {
        int cp = b[i] & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        return cp;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
