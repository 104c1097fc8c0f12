package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
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

    private final NativeMemory buffer = new NativeMemory(BUFFER);
    /** The local iovec, then the remote one. */
    private final NativeMemory iov = new NativeMemory(2L * IOVEC_SIZE);
    /** readlink's answer (up to two pages), then the path it reads. */
    private static final int LINK_ANSWER = PAGE * 2;
    private final NativeMemory linkBuffer = new NativeMemory(LINK_ANSWER + PAGE);
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
        iovecs(iov, buffer.address() + localOffset, address, length);
        return LibC.process_vm_readv(tid, iov.address(), 1,
                iov.address() + IOVEC_SIZE, 1, 0);
    }

    /** One local and one remote iovec of the same length, as process_vm_readv/writev take them. */
    private static void iovecs(NativeMemory v, long local, long remote, int length) {
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

    /** {@code path} is ASCII (a /proc path this class makes): written into the buffer's second half as C bytes. */
    String readLink(String path) {
        int at = LINK_ANSWER;
        for (int i = 0; i < path.length(); i++) {
            linkBuffer.setByte(at + i, (byte) path.charAt(i));
        }
        linkBuffer.setByte(at + path.length(), (byte) 0);
        long n = LibC.readlink(linkBuffer.address() + at, linkBuffer.address(), LINK_ANSWER);
        if (n <= 0) {
            return null;
        }
        return ByteStrings.decode(linkBuffer.getByteArray(0, (int) n));
    }

    /** Writes bytes into the tracee (used only to plant the seccomp filter and fix the trampoline's env). */
    boolean write(int targetTid, long address, byte[] data) {
        NativeMemory local = new NativeMemory(Math.max(1, data.length));
        local.write(0, data, 0, data.length);
        NativeMemory v = new NativeMemory(2L * IOVEC_SIZE);
        iovecs(v, local.address(), address, data.length);
        long n = LibC.process_vm_writev(targetTid, v.address(), 1,
                v.address() + IOVEC_SIZE, 1, 0);
        // Only their addresses were passed: the buffers must not be freed before the call is done.
        java.lang.ref.Reference.reachabilityFence(local);
        java.lang.ref.Reference.reachabilityFence(v);
        return n == data.length;
    }
}
