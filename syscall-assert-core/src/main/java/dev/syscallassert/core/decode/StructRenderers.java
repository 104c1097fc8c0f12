package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;

/**
 * Renders what an argument points at, read from the stopped tracee: data buffers (with the {@code -s 32} limit), iovec
 * arrays, stat and statx buffers, fd pairs ({@link Msghdrs} has msghdr). Each shows the address when unreadable, as
 * strace does. Offsets and sizes come from the architecture's layout table ({@link X86_64}). Stateless; called on the
 * tracer thread.
 */
final class StructRenderers {

    /** sizeof(void *): iov_base is one. */
    static final int POINTER_SIZE = X86_64.IOVEC.size("iov_base");
    /** sizeof(socklen_t): msg_namelen is one. */
    static final int SOCKLEN_SIZE = X86_64.MSGHDR.size("msg_namelen");
    /** sizeof(off_t) (sendfile's offset): st_size is one. */
    static final int OFF_T_SIZE = X86_64.STAT.size("st_size");
    /** pipe and socketpair write an {@code int[2]}. */
    private static final int FD_PAIR_SIZE = 2 * Integer.BYTES;

    private static final int IOVEC_SIZE = X86_64.IOVEC.size();
    private static final Field IOV_BASE = new Field(X86_64.IOVEC, "iov_base");
    private static final Field IOV_LEN = new Field(X86_64.IOVEC, "iov_len");

    private static final int STAT_SIZE = X86_64.STAT.size();
    private static final Field ST_MODE = new Field(X86_64.STAT, "st_mode");
    private static final Field ST_RDEV = new Field(X86_64.STAT, "st_rdev");
    private static final Field ST_SIZE = new Field(X86_64.STAT, "st_size");

    private static final Field STX_MASK = new Field(X86_64.STATX, "stx_mask");
    private static final Field STX_ATTRIBUTES = new Field(X86_64.STATX, "stx_attributes");
    private static final Field STX_MODE = new Field(X86_64.STATX, "stx_mode");
    private static final Field STX_SIZE = new Field(X86_64.STATX, "stx_size");
    /** statx is read up to the last field shown (stx_size), not in full: strace's non-verbose form stops there. */
    private static final int STATX_SHOWN = STX_SIZE.end();

    /**
     * One field of a struct, its offset and size looked up once (a stop must not pay for a map lookup per field),
     * read as an unsigned little-endian integer (an 8-byte one as the raw 64 bits).
     */
    record Field(int offset, int size) {
        Field(StructLayout struct, String name) {
            this(struct.offset(name), struct.size(name));
        }

        long of(byte[] struct) {
            return of(struct, 0);
        }

        /** The field of the struct that starts at {@code base} in {@code bytes} (an element of an array). */
        long of(byte[] bytes, int base) {
            return LittleEndian.get(bytes, base + offset, size);
        }

        int end() {
            return offset + size;
        }
    }

    private StructRenderers() {
    }

    /** {@code count} bytes of data at {@code address}, shown with the -s limit (strace's printstrn). */
    static String data(TraceeAccess tracee, long address, long count) {
        return TraceeStrings.bytes(tracee, address, count, false);
    }

    /**
     * {@code [{iov_base="ab", iov_len=2}, ...]}. {@code dataLimit} is how many bytes the call transferred (readv's
     * result), shared out in order; -1 means each iovec's full length (writev).
     */
    static String iovecs(TraceeAccess tracee, long address, long count, long dataLimit) {
        long[] remaining = {dataLimit};
        return TraceeArrays.render(tracee, address, count, IOVEC_SIZE, (sb, vec) -> {
            long len = IOV_LEN.of(vec);
            long dataLength = len;
            if (remaining[0] >= 0) {
                dataLength = Math.min(len, remaining[0]);
                remaining[0] -= dataLength;
            }
            sb.append("{iov_base=").append(data(tracee, IOV_BASE.of(vec), dataLength))
                    .append(", iov_len=").append(Long.toUnsignedString(len)).append('}');
            return true;
        });
    }

    /** The iovecs with their buffers' addresses: how strace shows a readv that failed. */
    static String iovecAddresses(TraceeAccess tracee, long address, long count) {
        return TraceeArrays.render(tracee, address, count, IOVEC_SIZE, (sb, vec) -> {
            sb.append("{iov_base=").append(StraceText.pointer(IOV_BASE.of(vec)))
                    .append(", iov_len=").append(Long.toUnsignedString(IOV_LEN.of(vec))).append('}');
            return true;
        });
    }

    /** The two ints pipe and socketpair write: {@code [3, 4]}. */
    static String fdPair(TraceeAccess tracee, long address) {
        byte[] b = tracee.read(address, FD_PAIR_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "[" + (int) LittleEndian.u32(b, 0) + ", " + (int) LittleEndian.u32(b, Integer.BYTES) + "]";
    }

    /** A device number as strace's print_dev_t shows it: {@code makedev(0x1, 0x3)}. */
    static String makedev(long dev) {
        // glibc's gnu_dev_major/gnu_dev_minor (sys/sysmacros.h): the bits of a 64-bit dev_t.
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return "makedev(" + StraceText.hex(major) + ", " + StraceText.hex(minor) + ")";
    }

    /** struct stat in strace's non-verbose form: the mode, then the device numbers or the size. */
    static String stat(TraceeAccess tracee, long address) {
        byte[] st = tracee.read(address, STAT_SIZE);
        if (st == null) {
            return StraceText.pointer(address);
        }
        long mode = ST_MODE.of(st);
        StringBuilder sb = new StringBuilder("{st_mode=").append(FlagRenderers.fileMode(mode));
        if (FlagRenderers.isDevice(mode)) {
            sb.append(", st_rdev=").append(makedev(ST_RDEV.of(st)));
        } else {
            sb.append(", st_size=").append(ST_SIZE.of(st));
        }
        return sb.append(", ...}").toString();
    }

    /** struct statx in strace's non-verbose form: mask, attributes, mode and size. */
    static String statx(TraceeAccess tracee, long address) {
        byte[] st = tracee.read(address, STATX_SHOWN);
        if (st == null) {
            return StraceText.pointer(address);
        }
        return "{stx_mask=" + Constants.group("statx_mask").flags(STX_MASK.of(st), null)
                + ", stx_attributes=" + Constants.group("statx_attributes").flags(STX_ATTRIBUTES.of(st), null)
                + ", stx_mode=" + FlagRenderers.fileMode(STX_MODE.of(st))
                + ", stx_size=" + STX_SIZE.of(st) + ", ...}";
    }
}
