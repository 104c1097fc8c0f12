package dev.syscallassert.core.ptrace;

import com.sun.jna.Memory;
import dev.syscallassert.ByteStrings;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.decode.TraceeAccess;
import dev.syscallassert.core.linux.LibC;

/**
 * Reads a stopped tracee's memory with process_vm_readv and its fd table through /proc. One instance per tracer
 * thread; {@link #at(int, int)} points it at the tracee of the current stop. Never throws for bad addresses.
 */
final class TraceeMemory implements TraceeAccess {
    private static final int PAGE = X86_64.PAGE_SIZE;
    private static final int BUFFER = 64 * 1024;
    private static final int IOVEC_SIZE = X86_64.IOVEC.size();
    private static final int IOV_BASE = X86_64.IOVEC.offset("iov_base");
    private static final int IOV_LEN = X86_64.IOVEC.offset("iov_len");

    private final Memory buffer = new Memory(BUFFER);
    /** The local iovec, then the remote one. */
    private final Memory iov = new Memory(2L * IOVEC_SIZE);
    private final Memory linkBuffer = new Memory(PAGE * 2);
    private int pid;
    private int tid;
    private boolean truncated;

    TraceeMemory at(int pid, int tid) {
        this.pid = pid;
        this.tid = tid;
        return this;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int tid() {
        return tid;
    }

    /** Copies {@code length} bytes from the tracee into the buffer; returns how many were readable. */
    private long readInto(long address, int length, long localOffset) {
        iovecs(iov, com.sun.jna.Pointer.nativeValue(buffer) + localOffset, address, length);
        return LibC.process_vm_readv(tid, com.sun.jna.Pointer.nativeValue(iov), 1,
                com.sun.jna.Pointer.nativeValue(iov) + IOVEC_SIZE, 1, 0);
    }

    /** One local and one remote iovec of the same length, as process_vm_readv/writev take them. */
    private static void iovecs(Memory v, long local, long remote, int length) {
        v.setLong(IOV_BASE, local);
        v.setLong(IOV_LEN, length);
        v.setLong(IOVEC_SIZE + IOV_BASE, remote);
        v.setLong(IOVEC_SIZE + IOV_LEN, length);
    }

    @Override
    public byte[] read(long address, int length) {
        if (address == 0 || length < 0) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, BUFFER);
            long got = readInto(address + done, chunk, 0);
            if (got != chunk) {
                return null;
            }
            buffer.read(0, out, done, chunk);
            done += chunk;
        }
        return out;
    }

    @Override
    public String readString(long address, int maxBytes) {
        truncated = false;
        if (address == 0) {
            return null;
        }
        int total = 0;
        long cursor = address;
        while (total < maxBytes && total < BUFFER) {
            // One page at a time: process_vm_readv does not split an iovec at an unmapped page, it fails it whole.
            int toPageEnd = (int) (PAGE - (cursor & (PAGE - 1)));
            int chunk = Math.min(toPageEnd, Math.min(maxBytes, BUFFER) - total);
            long got = readInto(cursor, chunk, total);
            if (got <= 0) {
                if (total == 0) {
                    return null;
                }
                break;
            }
            int nul = indexOfNul(total, (int) got);
            if (nul >= 0) {
                return decode(nul);
            }
            total += (int) got;
            cursor += got;
        }
        truncated = true;
        return decode(total);
    }

    private int indexOfNul(int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (buffer.getByte(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The kernel's bytes as they are, whatever their encoding: see {@link ByteStrings}. */
    private String decode(int length) {
        return ByteStrings.decode(buffer.getByteArray(0, length));
    }

    @Override
    public boolean lastStringTruncated() {
        return truncated;
    }

    @Override
    public String fdPath(int fd) {
        if (fd < 0) {
            return null;
        }
        return readLink("/proc/" + tid + "/fd/" + fd);
    }

    @Override
    public String cwd() {
        return readLink("/proc/" + tid + "/cwd");
    }

    String readLink(String path) {
        long n = LibC.readlink(path, com.sun.jna.Pointer.nativeValue(linkBuffer), linkBuffer.size());
        if (n <= 0) {
            return null;
        }
        return ByteStrings.decode(linkBuffer.getByteArray(0, (int) n));
    }

    /** Writes bytes into the tracee (used only to plant the seccomp filter and fix the trampoline's env). */
    boolean write(int targetTid, long address, byte[] data) {
        Memory local = new Memory(Math.max(1, data.length));
        local.write(0, data, 0, data.length);
        Memory v = new Memory(2L * IOVEC_SIZE);
        iovecs(v, com.sun.jna.Pointer.nativeValue(local), address, data.length);
        long n = LibC.process_vm_writev(targetTid, com.sun.jna.Pointer.nativeValue(v), 1,
                com.sun.jna.Pointer.nativeValue(v) + IOVEC_SIZE, 1, 0);
        // Only their addresses were passed: the buffers must not be freed before the call is done.
        java.lang.ref.Reference.reachabilityFence(local);
        java.lang.ref.Reference.reachabilityFence(v);
        return n == data.length;
    }
}
