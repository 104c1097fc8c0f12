package dev.syscallassert.core.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory for a libc call's structures and buffers (Java side): a direct {@link ByteBuffer} in the
 * machine's byte order, whose {@link #address()} the calls in {@link LibC} take. Zeroed when made; freed when it is no
 * longer reachable, so a caller that hands only the address to native code keeps the object reachable until that
 * code is done ({@link java.lang.ref.Reference#reachabilityFence}). The accessors are the buffer's absolute ones,
 * which the JIT compiles to plain loads and stores: no native call per field. Not thread-safe (like the structures
 * it holds, each belongs to one thread).
 */
public final class NativeMemory {
    private final ByteBuffer buffer;
    private final long address;

    public NativeMemory(long size) {
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Native memory of " + size + " bytes: 1 to " + Integer.MAX_VALUE);
        }
        buffer = ByteBuffer.allocateDirect((int) size).order(ByteOrder.nativeOrder());
        address = LibC.address(buffer);
    }

    public long address() {
        return address;
    }

    public int size() {
        return buffer.capacity();
    }

    public byte getByte(long offset) {
        return buffer.get(index(offset));
    }

    public short getShort(long offset) {
        return buffer.getShort(index(offset));
    }

    public int getInt(long offset) {
        return buffer.getInt(index(offset));
    }

    public long getLong(long offset) {
        return buffer.getLong(index(offset));
    }

    public void setByte(long offset, byte value) {
        buffer.put(index(offset), value);
    }

    public void setShort(long offset, short value) {
        buffer.putShort(index(offset), value);
    }

    public void setInt(long offset, int value) {
        buffer.putInt(index(offset), value);
    }

    public void setLong(long offset, long value) {
        buffer.putLong(index(offset), value);
    }

    /** Copies {@code length} bytes from {@code offset} into {@code target} at {@code start}. */
    public void read(long offset, byte[] target, int start, int length) {
        buffer.get(index(offset), target, start, length);
    }

    public byte[] getByteArray(long offset, int length) {
        byte[] out = new byte[length];
        read(offset, out, 0, length);
        return out;
    }

    /** Copies {@code length} bytes of {@code source} from {@code start} to {@code offset}. */
    public void write(long offset, byte[] source, int start, int length) {
        buffer.put(index(offset), source, start, length);
    }

    public void clear() {
        for (int i = 0; i + Long.BYTES <= buffer.capacity(); i += Long.BYTES) {
            buffer.putLong(i, 0);
        }
        for (int i = buffer.capacity() & ~(Long.BYTES - 1); i < buffer.capacity(); i++) {
            buffer.put(i, (byte) 0);
        }
    }

    /** The buffer's accessors check the whole access; this keeps a long offset from wrapping into range as an int. */
    private int index(long offset) {
        if (offset < 0 || offset > buffer.capacity()) {
            throw new IndexOutOfBoundsException("Offset " + offset + " outside " + buffer.capacity() + " bytes");
        }
        return (int) offset;
    }
}
