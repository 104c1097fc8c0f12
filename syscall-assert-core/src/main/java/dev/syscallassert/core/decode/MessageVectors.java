package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;

/**
 * sendmmsg and recvmmsg: their message vectors as strace 6.1 prints them (strace's mmsghdr.c),
 * {@code [{msg_hdr={...}, msg_len=5}, ...]}, each msg_len shown for the messages the call transferred, recvmmsg's
 * return annotated {@code (Timeout)} or with the time left. Stateless; called on the tracer thread.
 */
final class MessageVectors {

    private static final int MMSGHDR_SIZE = X86_64.MMSGHDR.size();
    private static final int MSG_HDR = X86_64.MMSGHDR.offset("msg_hdr");
    private static final int MSG_LEN = X86_64.MMSGHDR.offset("msg_len");

    private MessageVectors() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            // A failed sendmmsg still shows its messages (strace decodes them with the error cleared), without msg_len.
            case "sendmmsg" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(vector(c, c.args[1], c.args[2] & 0xffffffffL, 0, false, null));
                c.add(Integer.toUnsignedString(c.int32(2)));
                c.flags(3, "msg_flags", null);
            }, (c, ret) -> c.replace(1, vector(c, c.args[1], c.args[2] & 0xffffffffL, ret, false, null)));
            case "recvmmsg" -> SyscallDecoder.of(c -> {
                c.fd(0).pointer(1);
                c.add(Integer.toUnsignedString(c.int32(2)));
                c.flags(3, "msg_flags", null);
                c.add(TimeStructs.timespec(c.tracee, c.args[4]));
                c.out.inOutValuesAtEntry = namelens(c.tracee, c.args[1], c.args[2] & 0xffffffffL);
            }, (c, ret) -> {
                c.replace(1, vector(c, c.args[1], ret, ret, true, c.out.inOutValuesAtEntry));
                if (ret == 0) {
                    c.annotateReturn("(Timeout)");
                } else if (c.args[4] != 0) {
                    c.annotateReturn("(left " + TimeStructs.timespec(c.tracee, c.args[4]) + ")");
                }
            });
            default -> null;
        };
    }

    /** Each message's msg_namelen before the call, as far as the vector can be read (at most IOV_MAX). */
    private static long[] namelens(TraceeAccess tracee, long address, long count) {
        int n = (int) Math.min(count, Msghdrs.IOV_MAX);
        long[] namelens = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] h = tracee.read(address + (long) i * MMSGHDR_SIZE + MSG_HDR, Msghdrs.MSGHDR_SIZE);
            if (h == null) {
                long[] read = new long[i];
                System.arraycopy(namelens, 0, read, 0, i);
                return read;
            }
            namelens[i] = (int) Msghdrs.MSG_NAMELEN.of(h);
        }
        return namelens;
    }

    /**
     * strace's decode_mmsgvec: {@code count} messages (the -s limit and IOV_MAX apply), the first {@code withLength}
     * with their msg_len; {@code useLength}: each message's data is as long as its msg_len (what was received).
     */
    private static String vector(ArgumentCursor c, long address, long count, long withLength, boolean useLength,
                                 long[] userNamelens) {
        int[] index = {0};
        long shownLimit = userNamelens != null ? Math.min(userNamelens.length, Msghdrs.IOV_MAX) : Msghdrs.IOV_MAX;
        return TraceeArrays.render(c.tracee, address, count, MMSGHDR_SIZE, (out, b) -> {
            int i = index[0]++;
            if (i >= shownLimit) {
                // strace's print_struct_mmsghdr past the messages it could note: "..." and the array ends.
                out.append("...");
                return false;
            }
            long msgLen = LittleEndian.u32(b, MSG_LEN);
            Long namelen = userNamelens != null ? userNamelens[i] : null;
            String hdr = Msghdrs.msghdr(c, b, MSG_HDR, useLength ? msgLen : -1, namelen);
            out.append("{msg_hdr=").append(hdr).append(i < withLength ? ", msg_len=" + msgLen : "").append('}');
            return true;
        });
    }
}
