package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Constants;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Renders what an argument points at, read from the stopped tracee: data buffers (with the {@code -s 32} limit),
 * iovec arrays, msghdr, stat and statx buffers, fd pairs. Each shows the address instead when the memory cannot be
 * read, as strace does. Stateless; x86_64 layouts.
 */
final class StructRenderers {

    private static final int IOVEC_SIZE = 16;
    static final int MSGHDR_SIZE = 56;

    private StructRenderers() {
    }

    /** {@code count} bytes of data at {@code address}, shown with the -s limit; the address when unreadable. */
    static String data(TraceeAccess tracee, long address, long count) {
        if (count == 0) {
            return "\"\"";
        }
        if (address == 0) {
            return "NULL";
        }
        boolean more = Long.compareUnsigned(count, StraceText.MAX_STRLEN) > 0;
        int n = more ? StraceText.MAX_STRLEN : (int) count;
        byte[] bytes = tracee.read(address, n);
        if (bytes == null) {
            return StraceText.hex(address);
        }
        return StraceText.quote(bytes, n, more);
    }

    /**
     * {@code [{iov_base="ab", iov_len=2}, ...]}. {@code dataLimit} is how many bytes the call transferred (readv's
     * result), shared out in order; -1 means each iovec's full length (writev).
     */
    static String iovecs(TraceeAccess tracee, long address, long count, long dataLimit) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        int shown = Long.compareUnsigned(count, StraceText.MAX_STRLEN) > 0 ? StraceText.MAX_STRLEN : (int) count;
        byte[] vec = tracee.read(address, shown * IOVEC_SIZE);
        if (vec == null) {
            return StraceText.hex(address);
        }
        StringBuilder sb = new StringBuilder("[");
        long remaining = dataLimit;
        for (int i = 0; i < shown; i++) {
            long base = le(vec, i * IOVEC_SIZE, 8);
            long len = le(vec, i * IOVEC_SIZE + 8, 8);
            long dataLength = len;
            if (remaining >= 0) {
                dataLength = Math.min(len, remaining);
                remaining -= dataLength;
            }
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("{iov_base=").append(data(tracee, base, dataLength))
                    .append(", iov_len=").append(Long.toUnsignedString(len)).append('}');
        }
        if (Long.compareUnsigned(count, shown) > 0) {
            sb.append(", ...");
        }
        return sb.append(']').toString();
    }

    /**
     * struct msghdr (x86_64: name@0, namelen@8, iov@16, iovlen@24, control@32, controllen@40, flags@48), recording
     * msg_name as the call's address. Control messages are shown as their address: decoding cmsg types is not needed
     * for assertions yet.
     */
    static String msghdr(Call c, long address, long dataLimit) {
        byte[] h = c.tracee.read(address, MSGHDR_SIZE);
        if (h == null) {
            return StraceText.pointer(address);
        }
        long name = le(h, 0, 8);
        long namelen = le(h, 8, 4);
        long iov = le(h, 16, 8);
        long iovlen = le(h, 24, 8);
        long control = le(h, 32, 8);
        long controllen = le(h, 40, 8);
        long flags = le(h, 48, 4);
        StringBuilder sb = new StringBuilder("{msg_name=");
        Sockaddrs.Decoded d = Sockaddrs.read(c.tracee, name, (int) namelen);
        sb.append(d.rendered());
        if (d.address() != null) {
            c.out.address = d.address();
        }
        sb.append(", msg_namelen=");
        if (c.out.saved != null && c.out.saved != namelen) {
            sb.append(c.out.saved).append(" => ");
        }
        sb.append(namelen);
        sb.append(", msg_iov=").append(iovecs(c.tracee, iov, iovlen, dataLimit))
                .append(", msg_iovlen=").append(Long.toUnsignedString(iovlen));
        if (controllen != 0) {
            sb.append(", msg_control=").append(StraceText.pointer(control));
        }
        sb.append(", msg_controllen=").append(Long.toUnsignedString(controllen))
                .append(", msg_flags=").append(Constants.group("msg_flags").flags(flags, null)).append('}');
        return sb.toString();
    }

    /** The two ints pipe and socketpair write: {@code [3, 4]}. */
    static String fdPair(TraceeAccess tracee, long address) {
        byte[] b = tracee.read(address, 8);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "[" + (int) le(b, 0, 4) + ", " + (int) le(b, 4, 4) + "]";
    }

    /** x86_64 struct stat (144 bytes): st_mode u32 @24, st_rdev @40, st_size @48. strace's non-verbose form. */
    static String stat(TraceeAccess tracee, long address) {
        byte[] st = tracee.read(address, 144);
        if (st == null) {
            return StraceText.pointer(address);
        }
        long mode = le(st, 24, 4);
        StringBuilder sb = new StringBuilder("{st_mode=").append(FlagRenderers.fileMode(mode));
        if (FlagRenderers.isDevice(mode)) {
            long dev = le(st, 40, 8);
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            sb.append(", st_rdev=makedev(0x").append(Long.toHexString(major)).append(", 0x")
                    .append(Long.toHexString(minor)).append(')');
        } else {
            sb.append(", st_size=").append(le(st, 48, 8));
        }
        return sb.append(", ...}").toString();
    }

    /** struct statx: stx_mask u32 @0, stx_attributes u64 @8, stx_mode u16 @28, stx_size u64 @40. */
    static String statx(TraceeAccess tracee, long address) {
        byte[] st = tracee.read(address, 48);
        if (st == null) {
            return StraceText.pointer(address);
        }
        return "{stx_mask=" + Constants.group("statx_mask").flags(le(st, 0, 4), null)
                + ", stx_attributes=" + Constants.group("statx_attributes").flags(le(st, 8, 8), null)
                + ", stx_mode=" + FlagRenderers.fileMode(le(st, 28, 2))
                + ", stx_size=" + le(st, 40, 8) + ", ...}";
    }

    static long le(byte[] b, int offset, int size) {
        ByteBuffer buf = ByteBuffer.wrap(b, offset, size).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 4: return buf.getInt() & 0xffffffffL;
            case 8: return buf.getLong();
            case 2: return buf.getShort() & 0xffff;
            default: throw new IllegalArgumentException("size " + size);
        }
    }
}
