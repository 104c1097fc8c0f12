package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.syscallassert.core.decode.DecoderHarness.le;
import static dev.syscallassert.core.decode.DecoderHarness.le32;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected lines were recorded with strace 6.1 on x86_64 running the comparison's ioctl_calls.c (a pseudo-terminal,
 * a regular file, a UDP socket) and cp -a (FICLONE).
 */
class IoctlDecodersTest {

    private static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TIOCGWINSZ = 0x5413,
            TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, FIONBIO = 0x5421, FIOCLEX = 0x5451, TIOCGPGRP = 0x540f,
            TCFLSH = 0x540b, TCSBRK = 0x5409, TIOCSPTLCK = 0x40045431, SIOCGIFCONF = 0x8912, SIOCGIFFLAGS = 0x8913,
            SIOCGIFINDEX = 0x8933, SIOCGIFNAME = 0x8910, SIOCGIFADDR = 0x8915;
    private static final long FICLONE = 0x40049409L;
    private static final int ENOTTY = 25, ENODEV = 19, EOPNOTSUPP = 95;
    private static final String TERMIOS = "{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR,"
            + " c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}";

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    private static byte[] termios(int iflag, int oflag, int cflag, int lflag) {
        return le(36).putInt(0, iflag).putInt(4, oflag).putInt(8, cflag).putInt(12, lflag).array();
    }

    private static byte[] ifreq(String name, int unionInt) {
        ByteBuffer b = le(40);
        b.put(0, name.getBytes(StandardCharsets.US_ASCII));
        return b.putInt(16, unionInt).array();
    }

    @Test
    void terminalRequestsShowTheTermiosTheyReadOrWrote() {
        t.fd(4, "/dev/pts/0");
        long buf = t.put(new byte[36]);
        byte[] cooked = termios(0x500, 0x5, 0xbf, 0x8a3b);
        assertThat(h.call("ioctl", 0, () -> t.write(buf, cooked), 4, TCGETS, buf)).isEqualTo("ioctl(4, TCGETS, " + TERMIOS + ") = 0");
        assertThat(h.last.fdPath).isEqualTo("/dev/pts/0");
        assertThat(h.call("ioctl", 0, 4, TCSETS, buf)).isEqualTo("ioctl(4, SNDCTL_TMR_START or TCSETS, " + TERMIOS + ") = 0");
        long raw = t.put(termios(0x500, 0x5, 0x1bf, 0x8a31));
        assertThat(h.call("ioctl", 0, 4, TCSETSW, raw))
                .isEqualTo("ioctl(4, SNDCTL_TMR_STOP or TCSETSW, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0"
                        + "|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD|PARENB, c_lflag=ISIG|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE,"
                        + " ...}) = 0");
        assertThat(h.call("ioctl", -ENOTTY, 1, TCGETS, buf))
                .isEqualTo("ioctl(1, TCGETS, 0x" + Long.toHexString(buf) + ") = -1 ENOTTY (Inappropriate ioctl for device)");
        // Zero flag words print as nothing and a lone "|", exactly as strace's term.c does.
        long zero = t.put(termios(0, 0, 0, 0));
        assertThat(h.call("ioctl", 0, 4, TCSETS, zero))
                .isEqualTo("ioctl(4, SNDCTL_TMR_START or TCSETS, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|,"
                        + " c_cflag=B0|CS5|, c_lflag=, ...}) = 0");
    }

    @Test
    void terminalRequestsWithSmallArguments() {
        long ws = t.put(le(8).putShort(0, (short) 24).putShort(2, (short) 80).array());
        assertThat(h.call("ioctl", 0, 4, TIOCSWINSZ, ws))
                .isEqualTo("ioctl(4, TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
        assertThat(h.call("ioctl", 0, 4, TIOCGWINSZ, ws))
                .isEqualTo("ioctl(4, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
        assertThat(h.call("ioctl", -ENOTTY, 3, TIOCGWINSZ, 0))
                .isEqualTo("ioctl(3, TIOCGWINSZ, NULL) = -1 ENOTTY (Inappropriate ioctl for device)");
        long n = t.put(le32(3));
        assertThat(h.call("ioctl", 0, 3, FIONREAD, n)).isEqualTo("ioctl(3, FIONREAD, [3]) = 0");
        long one = t.put(le32(1));
        assertThat(h.call("ioctl", 0, 3, FIONBIO, one)).isEqualTo("ioctl(3, FIONBIO, [1]) = 0");
        assertThat(h.call("ioctl", 0, 3, FIOCLEX, 0x7ffc0000L)).isEqualTo("ioctl(3, FIOCLEX) = 0");
        assertThat(h.call("ioctl", -ENOTTY, 4, TIOCGPGRP, n))
                .isEqualTo("ioctl(4, TIOCGPGRP, 0x" + Long.toHexString(n) + ") = -1 ENOTTY (Inappropriate ioctl for device)");
        assertThat(h.call("ioctl", 0, 4, TCFLSH, 0)).isEqualTo("ioctl(4, TCFLSH, TCIFLUSH) = 0");
        assertThat(h.call("ioctl", 0, 4, TCSBRK, 1)).isEqualTo("ioctl(4, TCSBRK, 1) = 0");
        long zero = t.put(le32(0));
        assertThat(h.call("ioctl", 0, 3, TIOCSPTLCK, zero)).isEqualTo("ioctl(3, TIOCSPTLCK, [0]) = 0");
    }

    @Test
    void otherRequestsByNameOrTakenApart() {
        assertThat(h.call("ioctl", -EOPNOTSUPP, 4, FICLONE, 3))
                .isEqualTo("ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EOPNOTSUPP (Operation not supported)");
        assertThat(h.call("ioctl", -ENOTTY, 3, 0xc010ee01L, 0x7ffebf60a170L))
                .isEqualTo("ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0xee, 0x1, 0x10), 0x7ffebf60a170)"
                        + " = -1 ENOTTY (Inappropriate ioctl for device)");
        assertThat(h.call("ioctl", -ENOTTY, 3, 0xee02, 0))
                .isEqualTo("ioctl(3, _IOC(_IOC_NONE, 0xee, 0x2, 0), 0) = -1 ENOTTY (Inappropriate ioctl for device)");
    }

    @Test
    void interfaceRequestsShowWhatWasAskedAndWhatCameBack() {
        long ifr = t.put(ifreq("lo", 0));
        assertThat(h.call("ioctl", 0, () -> t.write(ifr, ifreq("lo", 1)), 3, SIOCGIFINDEX, ifr))
                .isEqualTo("ioctl(3, SIOCGIFINDEX, {ifr_name=\"lo\", ifr_ifindex=1}) = 0");
        assertThat(h.call("ioctl", 0, () -> t.write(ifr, ifreq("lo", 0x49)), 3, SIOCGIFFLAGS, ifr))
                .isEqualTo("ioctl(3, SIOCGIFFLAGS, {ifr_name=\"lo\", ifr_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING}) = 0");
        byte[] withAddress = ifreq("lo", 0);
        System.arraycopy(new byte[] {2, 0, 0, 0, 127, 0, 0, 1}, 0, withAddress, 16, 8);
        assertThat(h.call("ioctl", 0, () -> t.write(ifr, withAddress), 3, SIOCGIFADDR, ifr))
                .isEqualTo("ioctl(3, SIOCGIFADDR, {ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, sin_port=htons(0),"
                        + " sin_addr=inet_addr(\"127.0.0.1\")}}) = 0");
        long byIndex = t.put(ifreq("", 1));
        assertThat(h.call("ioctl", 0, () -> t.write(byIndex, ifreq("lo", 1)), 3, SIOCGIFNAME, byIndex))
                .isEqualTo("ioctl(3, SIOCGIFNAME, {ifr_ifindex=1, ifr_name=\"lo\"}) = 0");
        long none = t.put(ifreq("nosuch0", 0));
        assertThat(h.call("ioctl", -ENODEV, 3, SIOCGIFINDEX, none))
                .isEqualTo("ioctl(3, SIOCGIFINDEX, {ifr_name=\"nosuch0\"}) = -1 ENODEV (No such device)");
    }

    @Test
    void siocgifconfShowsTheLengthBeforeAndAfterAndTheInterfaces() {
        long query = t.put(le(16).putInt(0, 0).putLong(8, 0).array());
        assertThat(h.call("ioctl", 0, () -> t.write(query, le(16).putInt(0, 80).array()), 3, SIOCGIFCONF, query))
                .isEqualTo("ioctl(3, SIOCGIFCONF, {ifc_len=80 /* 2 * sizeof(struct ifreq) */, ifc_buf=NULL}) = 0");
        long reqs = t.put(new byte[320]);
        long ifc = t.put(le(16).putInt(0, 320).putLong(8, reqs).array());
        byte[] lo = ifreq("lo", 0);
        System.arraycopy(new byte[] {2, 0, 0, 0, 127, 0, 0, 1}, 0, lo, 16, 8);
        byte[] eth = ifreq("eth0", 0);
        System.arraycopy(new byte[] {2, 0, 0, 0, (byte) 192, 0, 2, 2}, 0, eth, 16, 8);
        assertThat(h.call("ioctl", 0, () -> {
            t.write(reqs, lo);
            t.write(reqs + 40, eth);
            t.write(ifc, le32(80));
        }, 3, SIOCGIFCONF, ifc)).isEqualTo("ioctl(3, SIOCGIFCONF, {ifc_len=320 /* 8 * sizeof(struct ifreq) */ => 80"
                + " /* 2 * sizeof(struct ifreq) */, ifc_buf=[{ifr_name=\"lo\", ifr_addr={sa_family=AF_INET,"
                + " sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}, {ifr_name=\"eth0\", ifr_addr={sa_family=AF_INET,"
                + " sin_port=htons(0), sin_addr=inet_addr(\"192.0.2.2\")}}]}) = 0");
    }
}
