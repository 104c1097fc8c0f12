package dev.syscallassert.core.store;

import java.util.Arrays;

/**
 * The bytes of one event being encoded, before they go into the store's chunks: unsigned LEB128 varints, zigzag for
 * signed values, strings as their UTF-16 units (varints, so ASCII takes a byte a character and nothing is lost, not
 * even a lone surrogate). Confined to the encoding thread.
 */
final class ByteSink {
    byte[] bytes = new byte[256];
    int length;

    void clear() {
        length = 0;
    }

    void unsigned(long v) {
        while ((v & ~0x7FL) != 0) {
            put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    void signed(long v) {
        unsigned((v << 1) ^ (v >> 63));
    }

    void string(String s) {
        unsigned(s.length());
        for (int i = 0; i < s.length(); i++) {
            unsigned(s.charAt(i));
        }
    }

    private void put(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    /** Reads what a {@link ByteSink} wrote, from one chunk. */
    static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        long unsigned() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = bytes[at++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long signed() {
            long v = unsigned();
            return (v >>> 1) ^ -(v & 1);
        }

        int unsignedInt() {
            return (int) unsigned();
        }

        String string() {
            int n = unsignedInt();
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) unsigned();
            }
            return new String(chars);
        }
    }
}
