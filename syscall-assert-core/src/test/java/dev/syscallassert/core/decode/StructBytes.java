package dev.syscallassert.core.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian struct bytes for the decoder tests, assembled field by field. */
final class StructBytes {

    private StructBytes() {
    }

    /** Little-endian bytes assembled field by field: {@code bytes().i64(1).i32(2).i16(3).u8(4).build()}. */
    static Bytes bytes() {
        return new Bytes();
    }

    static final class Bytes {
        private final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        Bytes i64(long v) {
            b.putLong(v);
            return this;
        }

        Bytes i32(int v) {
            b.putInt(v);
            return this;
        }

        Bytes i16(int v) {
            b.putShort((short) v);
            return this;
        }

        Bytes u8(int v) {
            b.put((byte) v);
            return this;
        }

        Bytes raw(byte[] v) {
            b.put(v);
            return this;
        }

        Bytes zeros(int n) {
            b.put(new byte[n]);
            return this;
        }

        /** Network byte order, as ports and protocols are. */
        Bytes be16(int v) {
            b.put((byte) (v >> 8)).put((byte) v);
            return this;
        }

        byte[] build() {
            byte[] out = new byte[b.position()];
            b.flip();
            b.get(out);
            return out;
        }
    }
}
