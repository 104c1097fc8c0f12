package dev.syscallassert.core.arch;

/**
 * Reading and writing the tracee's integers in its byte order (little-endian on x86_64), the one place the tracer
 * and the decoders turn bytes read with process_vm_readv into numbers and back.
 */
public final class LittleEndian {
    private LittleEndian() {
    }

    /** The unsigned {@code size}-byte integer (1, 2, 4 or 8) at {@code offset}; an 8-byte value is returned as is. */
    public static long get(byte[] b, int offset, int size) {
        switch (size) {
            case 1: return b[offset] & 0xffL;
            case 2: return u16(b, offset);
            case 4: return u32(b, offset);
            case 8: return s64(b, offset);
            default: throw new IllegalArgumentException("size " + size);
        }
    }

    public static int u16(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }

    public static long u32(byte[] b, int offset) {
        return (b[offset] & 0xffL) | (b[offset + 1] & 0xffL) << 8 | (b[offset + 2] & 0xffL) << 16
                | (b[offset + 3] & 0xffL) << 24;
    }

    public static long s64(byte[] b, int offset) {
        return u32(b, offset) | u32(b, offset + 4) << 32;
    }

    public static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
    }

    public static void put32(byte[] b, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    public static void put64(byte[] b, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
