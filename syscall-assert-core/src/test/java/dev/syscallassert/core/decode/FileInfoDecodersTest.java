package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.syscallassert.core.decode.DecoderHarness.le;
import static dev.syscallassert.core.decode.DecoderHarness.le64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * statfs, the timestamp calls, umask and mknod, and the string rules they share. Expected lines were recorded with
 * strace 6.1 on x86_64 (cp -a, df, find, and the comparison's desc_calls.c) in the UTC time zone the comment dates
 * are in; the tests that show dates run only there.
 */
class FileInfoDecodersTest {

    private static final int ENOENT = 2;
    private static final long EXT2_SUPER_MAGIC = 0xef53, PROC_SUPER_MAGIC = 0x9fa0, ST_VALID = 0x20,
            ST_RELATIME = 0x1000, UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    private static byte[] statfs(long type, long bfree, long fsid0, long fsid1, long flags) {
        return le(120).putLong(0, type).putLong(8, 4096).putLong(16, 66053021).putLong(24, bfree)
                .putLong(32, 20830335).putLong(40, 16777216).putLong(48, 16366366).putInt(56, (int) fsid0)
                .putInt(60, (int) fsid1).putLong(64, 255).putLong(72, 4096).putLong(80, flags).array();
    }

    @Test
    void statfsShowsTheFileSystemAndItsCounts() {
        long buf = t.put(new byte[120]);
        byte[] ext4 = statfs(EXT2_SUPER_MAGIC, 60285628, 0x829983a1L, 0x80ae4537L, ST_VALID | ST_RELATIME);
        assertThat(h.call("fstatfs", 0, () -> t.write(buf, ext4), 6, buf))
                .isEqualTo("fstatfs(6, {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=60285628,"
                        + " f_bavail=20830335, f_files=16777216, f_ffree=16366366, f_fsid={val=[0x829983a1, 0x80ae4537]},"
                        + " f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0");
        byte[] proc = statfs(PROC_SUPER_MAGIC, 0, 0x14, 0, 0);
        assertThat(h.call("statfs", 0, () -> t.write(buf, proc), t.string("/proc"), buf))
                .isEqualTo("statfs(\"/proc\", {f_type=PROC_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=0,"
                        + " f_bavail=20830335, f_files=16777216, f_ffree=16366366, f_fsid={val=[0x14, 0]},"
                        + " f_namelen=255, f_frsize=4096}) = 0");
        assertThat(h.last.path).isEqualTo("/proc");
        assertThat(h.call("statfs", -ENOENT, t.string("/sys/fs/selinux"), buf))
                .isEqualTo("statfs(\"/sys/fs/selinux\", 0x" + Long.toHexString(buf) + ") = -1 ENOENT (No such file or directory)");
        assertThat(h.last.path).isEqualTo("/sys/fs/selinux");
        byte[] unknown = statfs(0x12345678, 0, 0, 0, 0);
        assertThat(h.call("fstatfs", 0, () -> t.write(buf, unknown), 6, buf)).startsWith("fstatfs(6, {f_type=0x12345678, ");
    }

    @Test
    void utimensatShowsBothTimesWithTheirDateOrTheirSpecialName() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.time.ZoneId.systemDefault().getRules()
                .getOffset(java.time.Instant.EPOCH).getTotalSeconds() == 0, "comment dates are recorded in UTC");
        long ts = t.put(le64(1685023897, 0, 1685023897, 500));
        assertThat(h.call("utimensat", 0, -100, t.string("work/data.txt"), ts, 0))
                .isEqualTo("utimensat(AT_FDCWD, \"work/data.txt\", [{tv_sec=1685023897, tv_nsec=0} /* 2023-05-25T14:11:37+0000 */,"
                        + " {tv_sec=1685023897, tv_nsec=500} /* 2023-05-25T14:11:37.000000500+0000 */], 0) = 0");
        assertThat(h.last.path).isEqualTo("/tmp/dec/work/data.txt");
        long special = t.put(le64(0, UTIME_NOW, 0, UTIME_OMIT));
        t.fd(3, "/tmp/dec/work/data.txt");
        assertThat(h.call("utimensat", 0, 3, 0, special, 0)).isEqualTo("utimensat(3, NULL, [UTIME_NOW, UTIME_OMIT], 0) = 0");
        assertThat(h.last.fdPath).isEqualTo("/tmp/dec/work/data.txt");
        assertThat(h.call("utimensat", 0, -100, t.string("work/link"), 0, 0x100))
                .isEqualTo("utimensat(AT_FDCWD, \"work/link\", NULL, AT_SYMLINK_NOFOLLOW) = 0");
        long tv = t.put(le64(1669920468, 0, 1669920468, 250000));
        assertThat(h.call("futimesat", 0, -100, t.string("work/data.txt"), tv))
                .isEqualTo("futimesat(AT_FDCWD, \"work/data.txt\", [{tv_sec=1669920468, tv_usec=0} /* 2022-12-01T18:47:48+0000 */,"
                        + " {tv_sec=1669920468, tv_usec=250000} /* 2022-12-01T18:47:48.250000+0000 */]) = 0");
        assertThat(h.call("utimes", 0, t.string("/tmp/dec/f"), tv)).startsWith("utimes(\"/tmp/dec/f\", [{tv_sec=1669920468, ");
        long ub = t.put(le64(1676058853, 1673214651));
        assertThat(h.call("utime", 0, t.string("work/data.txt"), ub))
                .isEqualTo("utime(\"work/data.txt\", {actime=1676058853 /* 2023-02-10T19:54:13+0000 */,"
                        + " modtime=1673214651 /* 2023-01-08T21:50:51+0000 */}) = 0");
        assertThat(h.call("utime", 0, t.string("work/data.txt"), 0)).isEqualTo("utime(\"work/data.txt\", NULL) = 0");
    }

    @Test
    void theEpochHasNoDateComment() {
        long zero = t.put(le64(0, 0, 0, 0));
        assertThat(h.call("utimensat", 0, -100, t.string("f"), zero, 0))
                .isEqualTo("utimensat(AT_FDCWD, \"f\", [{tv_sec=0, tv_nsec=0}, {tv_sec=0, tv_nsec=0}], 0) = 0");
    }

    @Test
    void umaskShowsTheMaskInOctalBothWays() {
        assertThat(h.call("umask", 022, 027)).isEqualTo("umask(027) = 022");
        assertThat(h.call("umask", 022, 0)).isEqualTo("umask(000) = 022");
    }

    @Test
    void mknodShowsTheDeviceOnlyForADevice() {
        assertThat(h.call("mknodat", 0, -100, t.string("work/fifo"), 010600, 0))
                .isEqualTo("mknodat(AT_FDCWD, \"work/fifo\", S_IFIFO|0600) = 0");
        assertThat(h.last.path).isEqualTo("/tmp/dec/work/fifo");
        assertThat(h.call("mknod", 0, t.string("work/null"), 020666, 0x103))
                .isEqualTo("mknod(\"work/null\", S_IFCHR|0666, makedev(0x1, 0x3)) = 0");
        assertThat(h.call("mknod", 0, t.string("work/zero"), 060600, 0x5))
                .isEqualTo("mknod(\"work/zero\", S_IFBLK|0600, makedev(0, 0x5)) = 0");
    }

    @Test
    void dataBuffersFollowStracesRulesForNullAndOctalEscapes() {
        assertThat(h.call("write", 0, 1, 0, 0)).isEqualTo("write(1, NULL, 0) = 0");
        // A byte after an escape is only a digit of it when it is an octal digit: 8 and 9 are not.
        long b = t.put("\0018\0019\0017".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(h.call("write", 6, 1, b, 6)).isEqualTo("write(1, \"\\18\\19\\0017\", 6) = 6");
    }
}
