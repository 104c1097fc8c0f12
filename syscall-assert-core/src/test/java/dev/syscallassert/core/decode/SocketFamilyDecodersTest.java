package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import static dev.syscallassert.core.decode.StructBytes.bytes;
import static dev.syscallassert.core.decode.DecoderHarness.le32;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket options, control messages, message vectors, shutdown and netlink/packet addresses. Expected lines were
 * recorded with strace 6.1 on x86_64 running a C program that makes the same calls (loopback and socketpairs only);
 * the fake tracee holds the bytes the real process had.
 */
class SocketFamilyDecodersTest {

    private static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_ERROR = 4, SO_LINGER = 13, SO_PEERCRED = 17,
            SO_RCVBUF = 8, SOL_TCP = 6, TCP_NODELAY = 1, SOL_IP = 0, IP_ADD_MEMBERSHIP = 35, SOL_NETLINK = 270;
    private static final int ECONNREFUSED = 111;
    private static final long AF_UNIX = 1, AF_INET = 2, AF_NETLINK = 16, AF_PACKET = 17;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    @Test
    void setsockoptShowsLevelsOptionsAndValues() {
        assertThat(h.call("setsockopt", 0, 4, SOL_SOCKET, SO_REUSEADDR, t.int32(1), 4))
                .isEqualTo("setsockopt(4, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
        assertThat(h.call("setsockopt", 0, 8, SOL_TCP, TCP_NODELAY, t.int32(1), 4))
                .isEqualTo("setsockopt(8, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
        assertThat(h.call("setsockopt", 0, 8, SOL_SOCKET, SO_LINGER, t.put(le32(1, 5)), 8))
                .isEqualTo("setsockopt(8, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
        long mreq = t.put(bytes().u8(224).u8(0).u8(0).u8(251).zeros(4).build());
        assertThat(h.call("setsockopt", 0, 5, SOL_IP, IP_ADD_MEMBERSHIP, mreq, 8)).isEqualTo("setsockopt(5, SOL_IP,"
                + " IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"224.0.0.251\"), imr_interface=inet_addr(\"0.0.0.0\")},"
                + " 8) = 0");
        // An int-like option handed too few bytes is only an address; an unknown level prints its option number.
        assertThat(h.call("setsockopt", -22, 4, SOL_SOCKET, SO_RCVBUF, 0x7ffd0000L, 2))
                .isEqualTo("setsockopt(4, SOL_SOCKET, SO_RCVBUF, 0x7ffd0000, 2) = -1 EINVAL (Invalid argument)");
        assertThat(h.call("setsockopt", -92, 4, 999, 7, t.put(new byte[] {'a', 'b', 'c'}), 3))
                .isEqualTo("setsockopt(4, 0x3e7 /* SOL_?? */, 7, \"abc\", 3) = -1 ENOPROTOOPT (Protocol not available)");
        assertThat(h.call("setsockopt", 0, 4, SOL_NETLINK, 1, t.int32(3), 4))
                .isEqualTo("setsockopt(4, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, [3], 4) = 0");
    }

    @Test
    void getsockoptShowsTheValueAndTheLengthTheKernelWrote() {
        long value = t.int32(0);
        long len = t.int32(4);
        assertThat(h.call("getsockopt", 0, () -> t.writeInt(value, ECONNREFUSED), 9, SOL_SOCKET, SO_ERROR, value, len))
                .isEqualTo("getsockopt(9, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0");
        assertThat(h.last.socketError).isEqualTo(ECONNREFUSED);
        assertThat(h.call("getsockopt", 0, () -> t.writeInt(value, 0), 9, SOL_SOCKET, SO_ERROR, value, len))
                .isEqualTo("getsockopt(9, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
        assertThat(h.last.socketError).isZero();

        long linger = t.put(le32(0, 0));
        long lingerLen = t.int32(8);
        assertThat(h.call("getsockopt", 0, () -> t.write(linger, le32(1, 5)), 8, SOL_SOCKET, SO_LINGER, linger,
                lingerLen)).isEqualTo("getsockopt(8, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0");
        long cred = t.put(new byte[12]);
        long credLen = t.int32(12);
        assertThat(h.call("getsockopt", 0, () -> t.write(cred, le32(4530, 0, 0)), 3, SOL_SOCKET, SO_PEERCRED, cred,
                credLen)).isEqualTo("getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=4530, uid=0, gid=0}, [12]) = 0");
        long nodelay = t.int32(0);
        long big = t.int32(16);
        assertThat(h.call("getsockopt", 0, () -> {
            t.writeInt(nodelay, 1);
            t.writeInt(big, 4);
        }, 8, SOL_TCP, TCP_NODELAY, nodelay, big)).isEqualTo("getsockopt(8, SOL_TCP, TCP_NODELAY, [1], [16 => 4]) = 0");
        // A failed call: the value's address and the length the caller passed.
        assertThat(h.call("getsockopt", -9, 99, SOL_SOCKET, SO_ERROR, value, t.int32(4)))
                .isEqualTo("getsockopt(99, SOL_SOCKET, SO_ERROR, " + hex(value) + ", [4]) = -1 EBADF (Bad file"
                        + " descriptor)");
        assertThat(h.last.socketError).isNull();
    }

    @Test
    void shutdownAndNetlinkAndPacketSockets() {
        assertThat(h.call("shutdown", 0, 3, 1)).isEqualTo("shutdown(3, SHUT_WR) = 0");
        assertThat(h.call("socket", 8, AF_NETLINK, 3 | 02000000, 0))
                .isEqualTo("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 8");
        assertThat(h.call("socket", 8, AF_PACKET, 2, 0x0300)).isEqualTo("socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL)) = 8");
        long nl = t.put(bytes().i16((int) AF_NETLINK).i16(0).i32(0).i32(0).build());
        assertThat(h.call("bind", 0, 8, nl, 12)).isEqualTo("bind(8, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000},"
                + " 12) = 0");
        long nl2 = t.put(bytes().i16((int) AF_NETLINK).i16(0).i32(4530).i32(0x11).build());
        assertThat(h.call("bind", 0, 8, nl2, 12)).isEqualTo("bind(8, {sa_family=AF_NETLINK, nl_pid=4530,"
                + " nl_groups=0x000011}, 12) = 0");
        // ifindex 1 is the loopback interface everywhere.
        long ll = t.put(bytes().i16((int) AF_PACKET).be16(0x0800).i32(1).i16(0).u8(0).u8(0).zeros(8).build());
        assertThat(h.call("bind", 0, 8, ll, 20)).isEqualTo("bind(8, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP),"
                + " sll_ifindex=if_nametoindex(\"lo\"), sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=0},"
                + " 20) = 0");
        long ll2 = t.put(bytes().i16((int) AF_PACKET).be16(0x0003).i32(1).i16(772).u8(0).u8(6)
                .raw(new byte[] {0, 0x1a, 0, 0, 0, 5, 0, 0}).build());
        assertThat(h.call("bind", 0, 8, ll2, 20)).isEqualTo("bind(8, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL),"
                + " sll_ifindex=if_nametoindex(\"lo\"), sll_hatype=ARPHRD_LOOPBACK, sll_pkttype=PACKET_HOST, sll_halen=6,"
                + " sll_addr=[00, 0x1a, 00, 00, 00, 0x5]}, 20) = 0");
    }

    @Test
    void sendmsgAndRecvmsgShowControlMessages() {
        long data = t.put(new byte[] {'x'});
        long iov = t.put(DecoderHarness.le64(data, 1));
        long control = t.put(bytes().i64(24).i32(SOL_SOCKET).i32(1).i32(5).i32(0).build());
        long msg = t.put(msghdr(0, 0, iov, 1, control, 24, 0));
        assertThat(h.call("sendmsg", 1, 3, msg, 0)).isEqualTo("sendmsg(3, {msg_name=NULL, msg_namelen=0,"
                + " msg_iov=[{iov_base=\"x\", iov_len=1}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET,"
                + " cmsg_type=SCM_RIGHTS, cmsg_data=[5, 0]}], msg_controllen=24, msg_flags=0}, 0) = 1");

        long in = t.put(new byte[8]);
        long riov = t.put(DecoderHarness.le64(in, 8));
        long rcontrol = t.put(new byte[256]);
        long rmsg = t.put(msghdr(0, 0, riov, 1, rcontrol, 256, 0));
        byte[] received = bytes().i64(28).i32(SOL_SOCKET).i32(2).i32(4530).i32(0).i32(0).i32(0)
                .i64(24).i32(SOL_SOCKET).i32(1).i32(6).i32(7).build();
        assertThat(h.call("recvmsg", 1, () -> {
            t.write(in, new byte[] {'x'});
            t.write(rcontrol, received);
            t.write(rmsg, msghdr(0, 0, riov, 1, rcontrol, 56, 0x40000000));
        }, 4, rmsg, 0x40000000)).isEqualTo("recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\","
                + " iov_len=8}], msg_iovlen=1, msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS,"
                + " cmsg_data={pid=4530, uid=0, gid=0}}, {cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,"
                + " cmsg_data=[6, 7]}], msg_controllen=56, msg_flags=MSG_CMSG_CLOEXEC}, MSG_CMSG_CLOEXEC) = 1");

        byte[] ip = bytes().i64(28).i32(SOL_IP).i32(8).i32(1).u8(127).u8(0).u8(0).u8(1).u8(127).u8(0).u8(0).u8(1)
                .i32(0).i64(20).i32(SOL_IP).i32(2).i32(64).i32(0).build();
        assertThat(h.call("recvmsg", 1, () -> {
            t.write(rcontrol, ip);
            t.write(rmsg, msghdr(0, 0, riov, 1, rcontrol, 56, 0));
        }, 8, rmsg, 0)).isEqualTo("recvmsg(8, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=8}],"
                + " msg_iovlen=1, msg_control=[{cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO,"
                + " cmsg_data={ipi_ifindex=if_nametoindex(\"lo\"), ipi_spec_dst=inet_addr(\"127.0.0.1\"),"
                + " ipi_addr=inet_addr(\"127.0.0.1\")}}, {cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL,"
                + " cmsg_data=[64]}], msg_controllen=56, msg_flags=0}, 0) = 1");
    }

    @Test
    void messageVectorsShowEachMessageAndTheLengthsTransferred() {
        long one = t.put("one".getBytes());
        long two = t.put("two!".getBytes());
        long v1 = t.put(DecoderHarness.le64(one, 3));
        long v2 = t.put(DecoderHarness.le64(two, 4));
        long vec = t.put(bytes().raw(msghdr(0, 0, v1, 1, 0, 0, 0)).i32(0).i32(0)
                .raw(msghdr(0, 0, v2, 1, 0, 0, 0)).i32(0).i32(0).build());
        String first = "{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"one\", iov_len=3}], msg_iovlen=1,"
                + " msg_controllen=0, msg_flags=0}";
        String second = "{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"two!\", iov_len=4}],"
                + " msg_iovlen=1, msg_controllen=0, msg_flags=0}";
        assertThat(h.call("sendmmsg", 2, () -> {
            t.writeInt(vec + 56, 3);
            t.writeInt(vec + 64 + 56, 4);
        }, 9, vec, 2, 0)).isEqualTo("sendmmsg(9, [" + first + ", msg_len=3}, " + second + ", msg_len=4}], 2, 0) = 2");
        assertThat(h.call("sendmmsg", -111, 9, vec, 2, 0))
                .isEqualTo("sendmmsg(9, [" + first + "}, " + second + "}], 2, 0) = -1 ECONNREFUSED (Connection refused)");

        long b1 = t.put(new byte[8]);
        long r1 = t.put(DecoderHarness.le64(b1, 8));
        long from = t.put(new byte[16]);
        long rvec = t.put(bytes().raw(msghdr(from, 16, r1, 1, 0, 0, 0)).i32(0).i32(0).build());
        long timeout = t.put(DecoderHarness.le64(1, 0));
        byte[] peer = bytes().i16((int) AF_INET).be16(54159).u8(127).u8(0).u8(0).u8(1).zeros(8).build();
        assertThat(h.call("recvmmsg", 1, () -> {
            t.write(b1, "one".getBytes());
            t.write(from, peer);
            t.writeInt(rvec + 56, 3);
            t.write(timeout, DecoderHarness.le64(0, 999996373));
        }, 8, rvec, 3, 0x10000, timeout)).isEqualTo("recvmmsg(8, [{msg_hdr={msg_name={sa_family=AF_INET,"
                + " sin_port=htons(54159), sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"one\","
                + " iov_len=8}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=3}], 3, MSG_WAITFORONE,"
                + " {tv_sec=1, tv_nsec=0}) = 1 (left {tv_sec=0, tv_nsec=999996373})");
        assertThat(h.call("recvmmsg", -11, 8, rvec, 3, 0x40, 0)).isEqualTo("recvmmsg(8, " + hex(rvec)
                + ", 3, MSG_DONTWAIT, NULL) = -1 EAGAIN (Resource temporarily unavailable)");
        assertThat(h.call("recvmmsg", 0, 8, rvec, 3, 0x40, 0))
                .isEqualTo("recvmmsg(8, [], 3, MSG_DONTWAIT, NULL) = 0 (Timeout)");
    }

    private static byte[] msghdr(long name, int namelen, long iov, long iovlen, long control, long controllen,
                                 int flags) {
        return bytes().i64(name).i32(namelen).i32(0).i64(iov).i64(iovlen).i64(control).i64(controllen).i32(flags)
                .i32(0).build();
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
