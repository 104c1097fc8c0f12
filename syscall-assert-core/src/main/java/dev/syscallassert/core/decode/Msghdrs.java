package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * struct msghdr as sendmsg, recvmsg, sendmmsg and recvmmsg see it, control messages included, as strace 6.1 prints it
 * (strace's msghdr.c): {@code {msg_name=..., msg_namelen=16, msg_iov=[...], msg_iovlen=1,
 * msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[4]}], msg_controllen=24,
 * msg_flags=0}}. msg_name is recorded as the call's address. Stateless but for the kernel's control-buffer limit,
 * read once; called on the tracer thread.
 */
final class Msghdrs {

    static final int MSGHDR_SIZE = X86_64.MSGHDR.size();
    private static final StructRenderers.Field MSG_NAME = field("msg_name");
    static final StructRenderers.Field MSG_NAMELEN = field("msg_namelen");
    private static final StructRenderers.Field MSG_IOV = field("msg_iov");
    private static final StructRenderers.Field MSG_IOVLEN = field("msg_iovlen");
    private static final StructRenderers.Field MSG_CONTROL = field("msg_control");
    private static final StructRenderers.Field MSG_CONTROLLEN = field("msg_controllen");
    private static final StructRenderers.Field MSG_FLAGS = field("msg_flags");

    private static final int CMSG_SIZE = X86_64.CMSGHDR.size();
    private static final StructRenderers.Field CMSG_LEN = new StructRenderers.Field(X86_64.CMSGHDR, "cmsg_len");
    private static final StructRenderers.Field CMSG_LEVEL = new StructRenderers.Field(X86_64.CMSGHDR, "cmsg_level");
    private static final StructRenderers.Field CMSG_TYPE = new StructRenderers.Field(X86_64.CMSGHDR, "cmsg_type");
    /** Control messages start at multiples of the word size (CMSG_ALIGN). */
    private static final int CMSG_ALIGN = StructRenderers.POINTER_SIZE;

    private static final Xlat LEVELS = Constants.group("socketlayers");

    /** The most iovecs (and messages of an mmsghdr vector) strace reads. */
    static final int IOV_MAX = Constants.intValue("iov_max", "IOV_MAX");

    private Msghdrs() {
    }

    private static StructRenderers.Field field(String name) {
        return new StructRenderers.Field(X86_64.MSGHDR, name);
    }

    /**
     * The msghdr at {@code address}; {@code dataLimit} is how many bytes the call transferred (-1: each iovec in
     * full); {@code userNamelen} the msg_namelen the caller passed to a receiving call (null for a sending one).
     */
    static String msghdr(ArgumentCursor c, long address, long dataLimit, Long userNamelen) {
        byte[] h = c.tracee.read(address, MSGHDR_SIZE);
        return h == null ? StraceText.pointer(address) : msghdr(c, h, 0, dataLimit, userNamelen);
    }

    /** The msghdr at {@code offset} in {@code h} (an element of an mmsghdr vector). */
    static String msghdr(ArgumentCursor c, byte[] h, int offset, long dataLimit, Long userNamelen) {
        int namelen = (int) MSG_NAMELEN.of(h, offset);
        long iovlen = MSG_IOVLEN.of(h, offset);
        long controllen = MSG_CONTROLLEN.of(h, offset);
        // A receiving call's name is read as far as both the caller's buffer and the kernel's length go.
        int shownNamelen = userNamelen != null && namelen > userNamelen ? (int) (long) userNamelen : namelen;
        Sockaddrs.Decoded d = Sockaddrs.read(c.tracee, MSG_NAME.of(h, offset), shownNamelen);
        if (d.address() != null) {
            c.out.address = d.address();
        }
        StringBuilder sb = new StringBuilder("{msg_name=").append(d.rendered()).append(", msg_namelen=");
        if (userNamelen != null && userNamelen != namelen) {
            sb.append(userNamelen).append(" => ");
        }
        sb.append(namelen).append(", msg_iov=")
                .append(StructRenderers.iovecs(c.tracee, MSG_IOV.of(h, offset), iovlen, dataLimit))
                .append(", msg_iovlen=").append(Long.toUnsignedString(iovlen));
        if (controllen != 0) {
            sb.append(", msg_control=").append(control(c.tracee, MSG_CONTROL.of(h, offset), controllen));
        }
        return sb.append(", msg_controllen=").append(Long.toUnsignedString(controllen))
                .append(", msg_flags=").append(Constants.group("msg_flags").flags(MSG_FLAGS.of(h, offset), null))
                .append('}').toString();
    }

    /** strace's decode_msg_control: each control message, as far as {@code length} bytes hold them. */
    private static String control(TraceeAccess tracee, long address, long length) {
        int controlLen = (int) Math.min(Math.max(0, length), OptmemMax.BYTES);
        byte[] buf = controlLen < CMSG_SIZE ? null : tracee.read(address, controlLen);
        if (buf == null) {
            return StraceText.pointer(address);
        }
        StringBuilder sb = new StringBuilder("[");
        int at = 0;
        int left = controlLen;
        while (left >= CMSG_SIZE) {
            long cmsgLen = CMSG_LEN.of(buf, at);
            long level = (int) CMSG_LEVEL.of(buf, at);
            int type = (int) CMSG_TYPE.of(buf, at);
            if (at > 0) {
                sb.append(", ");
            }
            sb.append("{cmsg_len=").append(Long.toUnsignedString(cmsgLen))
                    .append(", cmsg_level=").append(Xlats.xvals(level, "SOL_???", LEVELS))
                    .append(", cmsg_type=");
            long len = Long.compareUnsigned(cmsgLen, left) > 0 ? left : cmsgLen;
            int dataLen = len > CMSG_SIZE ? (int) len - CMSG_SIZE : 0;
            sb.append(ControlMessages.typeAndData(tracee, level, type, buf, at + CMSG_SIZE, dataLen)).append('}');
            if (len < CMSG_SIZE) {
                left -= CMSG_SIZE;
                break;
            }
            long aligned = (cmsgLen + CMSG_ALIGN - 1) & -CMSG_ALIGN;
            if (Long.compareUnsigned(aligned, left) >= 0) {
                left = 0;
                break;
            }
            at += (int) aligned;
            left -= (int) aligned;
        }
        if (left > 0) {
            sb.append(", ... /* ").append(StraceText.hex(address + controlLen - left)).append(" */");
        } else if (controlLen < length) {
            sb.append(", ...");
        }
        return sb.append(']').toString();
    }

    /** The most control data the kernel accepts (net.core.optmem_max, word-aligned), as strace reads it once. */
    private static final class OptmemMax {
        static final int BYTES = read();

        private static int read() {
            // One read() into a buffer: a sysctl file answers only a read at offset 0 (proc_dointvec), so reading
            // it a byte at a time, as a size-0 file's Files.readAllBytes does, stops after the first digit.
            try (InputStream in = Files.newInputStream(ProcFs.of("sys", "net", "core", "optmem_max"))) {
                byte[] buf = new byte[32];
                int n = in.read(buf);
                int value = Integer.parseInt(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
                if (value > 0) {
                    return (value + Long.BYTES - 1) & -Long.BYTES;
                }
            } catch (IOException | RuntimeException e) {
                // fall through to strace's own default
            }
            // strace's fallback: sizeof(long long) * (2 * IOV_MAX + 512).
            return Long.BYTES * (2 * IOV_MAX + 512);
        }
    }
}
