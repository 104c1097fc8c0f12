package dev.syscallassert.core.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tracee made of recorded memory regions: a read succeeds only when it lies entirely inside one region, like
 * process_vm_readv on a mapping surrounded by unmapped pages. Addresses outside every region are "bad pointers".
 */
final class FakeTracee implements TraceeAccess {

    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    private final Map<Integer, String> fds = new HashMap<>();
    private String cwd = "/home/user";
    private boolean truncated;
    private long next = 0x7ffd_0000_1000L;

    private int pid = 100;
    private long stackPointer;

    @Override public int pid() { return pid; }
    @Override public int tid() { return 101; }

    FakeTracee cwd(String cwd) { this.cwd = cwd; return this; }
    FakeTracee pid(int pid) { this.pid = pid; return this; }
    FakeTracee fd(int fd, String path) { fds.put(fd, path); return this; }
    FakeTracee stackPointer(long sp) { this.stackPointer = sp; return this; }

    /** Places bytes at a fresh address (regions are spaced apart so that no read runs from one into the next). */
    long put(byte[] bytes) {
        long address = next;
        regions.put(address, bytes.clone());
        next += (bytes.length + 0x1000L) & ~0xfffL;
        next += 0x1000;
        return address;
    }

    void putAt(long address, byte[] bytes) {
        regions.put(address, bytes.clone());
    }

    /** A NUL-terminated string. */
    long string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return put(z);
    }

    long rawString(byte[] b) {
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return put(z);
    }

    /** A NULL-terminated array of pointers. */
    long pointers(long... pointers) {
        ByteBuffer buf = ByteBuffer.allocate(8 * (pointers.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        for (long p : pointers) {
            buf.putLong(p);
        }
        buf.putLong(0);
        return put(buf.array());
    }

    long int32(int value) {
        return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    int readInt(long address) {
        return ByteBuffer.wrap(read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    void writeInt(long address, int value) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        ByteBuffer.wrap(e.getValue()).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (address - e.getKey()), value);
    }

    void write(long address, byte[] bytes) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        System.arraycopy(bytes, 0, e.getValue(), (int) (address - e.getKey()), bytes.length);
    }

    @Override
    public byte[] read(long address, int length) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        if (e == null || length < 0) {
            return null;
        }
        long offset = address - e.getKey();
        if (offset + length > e.getValue().length) {
            return null;
        }
        byte[] out = new byte[length];
        System.arraycopy(e.getValue(), (int) offset, out, 0, length);
        return out;
    }

    @Override
    public String readString(long address, int maxBytes) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        if (e == null || address - e.getKey() >= e.getValue().length) {
            return null;
        }
        byte[] region = e.getValue();
        int start = (int) (address - e.getKey());
        int end = start;
        while (end < region.length && region[end] != 0 && end - start < maxBytes) {
            end++;
        }
        truncated = end - start >= maxBytes && (end >= region.length || region[end] != 0);
        return dev.syscallassert.ByteStrings.decode(region, start, end - start);
    }

    @Override public boolean lastStringTruncated() { return truncated; }
    @Override public String fdPath(int fd) { return fds.get(fd); }
    @Override public String cwd() { return cwd; }
    @Override public long stackPointer() { return stackPointer; }
}
