package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.syscallassert.core.decode.DecoderHarness.le;
import static dev.syscallassert.core.decode.DecoderHarness.le32;
import static dev.syscallassert.core.decode.DecoderHarness.le64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected lines were recorded with strace 6.1 on x86_64 running the comparison's desc_calls.c (and variations of
 * it); the fake tracee holds the bytes the real process had.
 */
class DescDecodersTest {

    private static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5,
            F_SETLK = 6, F_SETOWN = 8, F_SETSIG = 10, F_GETSIG = 11, F_GETOWN_EX = 16, F_OFD_GETLK = 36,
            F_GETLEASE = 1025, F_NOTIFY = 1026, F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032, F_ADD_SEALS = 1033,
            F_GET_SEALS = 1034;
    private static final int EINVAL = 22, EFAULT = 14, ENOENT = 2;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    private static byte[] flock(int type, int whence, long start, long len, int pid) {
        return le(32).putShort(0, (short) type).putShort(2, (short) whence).putLong(8, start).putLong(16, len)
                .putInt(24, pid).array();
    }

    @Test
    void fcntlShowsTheArgumentsEachCommandTakesAndExplainsWhatItReturns() {
        t.fd(3, "/tmp/dec/work/data.txt");
        assertThat(h.call("fcntl", 0, 3, F_GETFD, 0x7ffc0000)).isEqualTo("fcntl(3, F_GETFD) = 0");
        assertThat(h.last.fdPath).isEqualTo("/tmp/dec/work/data.txt");
        assertThat(h.call("fcntl", 1, 3, F_GETFD)).isEqualTo("fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
        assertThat(h.call("fcntl", 0, 3, F_SETFD, 1)).isEqualTo("fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
        assertThat(h.call("fcntl", 0x8002, 3, F_GETFL)).isEqualTo("fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)");
        assertThat(h.call("fcntl", 0x38800, 4, F_GETFL))
                .isEqualTo("fcntl(4, F_GETFL) = 0x38800 (flags O_RDONLY|O_NONBLOCK|O_LARGEFILE|O_NOFOLLOW|O_DIRECTORY)");
        assertThat(h.call("fcntl", 0, 3, F_SETFL, 04000 | 02000))
                .isEqualTo("fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0");
        assertThat(h.call("fcntl", 11, 3, F_DUPFD, 10)).isEqualTo("fcntl(3, F_DUPFD, 10) = 11");
        assertThat(h.call("fcntl", 5, 6, F_DUPFD_CLOEXEC, 3)).isEqualTo("fcntl(6, F_DUPFD_CLOEXEC, 3) = 5");
        assertThat(h.call("fcntl", 65536, 5, F_GETPIPE_SZ)).isEqualTo("fcntl(5, F_GETPIPE_SZ) = 65536");
        assertThat(h.call("fcntl", 0, 3, F_SETOWN, 0)).isEqualTo("fcntl(3, F_SETOWN, 0) = 0");
        assertThat(h.call("fcntl", 0, 3, F_SETSIG, 29)).isEqualTo("fcntl(3, F_SETSIG, SIGIO) = 0");
        assertThat(h.call("fcntl", 29, 3, F_GETSIG)).isEqualTo("fcntl(3, F_GETSIG) = 29 (SIGIO)");
        assertThat(h.call("fcntl", 0, 3, F_GETSIG)).isEqualTo("fcntl(3, F_GETSIG) = 0");
        assertThat(h.call("fcntl", 2, 3, F_GETLEASE)).isEqualTo("fcntl(3, F_GETLEASE) = 0x2 (F_UNLCK)");
        assertThat(h.call("fcntl", 0, 4, F_NOTIFY, 0x80000006L))
                .isEqualTo("fcntl(4, F_NOTIFY, DN_MODIFY|DN_CREATE|DN_MULTISHOT) = 0");
        assertThat(h.call("fcntl", 0, 4, F_NOTIFY, 0)).isEqualTo("fcntl(4, F_NOTIFY, 0) = 0");
        assertThat(h.call("fcntl", 0, 8, F_ADD_SEALS, 6))
                .isEqualTo("fcntl(8, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW) = 0");
        assertThat(h.call("fcntl", 6, 8, F_GET_SEALS)).isEqualTo("fcntl(8, F_GET_SEALS) = 0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)");
        // F_GETLK64 is not a command of the 64-bit kernel, an unknown command shows its number and argument in hex.
        assertThat(h.call("fcntl", -EINVAL, 3, 12, 0x7ffc507dce10L))
                .isEqualTo("fcntl(3, F_GETLK64, 0x7ffc507dce10) = -1 EINVAL (Invalid argument)");
        assertThat(h.call("fcntl", -EINVAL, 3, 0x4ff, 0x1234))
                .isEqualTo("fcntl(3, 0x4ff /* F_??? */, 0x1234) = -1 EINVAL (Invalid argument)");
    }

    @Test
    void fcntlLocksAreShownAsTheStructTheCallReadOrWrote() {
        long fl = t.put(flock(1, 0, 0, 5, 0));
        assertThat(h.call("fcntl", 0, 3, F_SETLK, fl))
                .isEqualTo("fcntl(3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=5}) = 0");
        long query = t.put(flock(0, 0, 0, 5, 0));
        assertThat(h.call("fcntl", 0, () -> t.write(query, flock(2, 0, 0, 5, 0)), 3, F_GETLK, query))
                .isEqualTo("fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=5, l_pid=0}) = 0");
        assertThat(h.call("fcntl", 0, () -> t.write(query, flock(1, 1, -10, 0, 4242)), 3, F_OFD_GETLK, query))
                .isEqualTo("fcntl(3, F_OFD_GETLK, {l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=-10, l_len=0, l_pid=4242}) = 0");
        assertThat(h.call("fcntl", -EFAULT, 3, F_GETLK, 0)).isEqualTo("fcntl(3, F_GETLK, NULL) = -1 EFAULT (Bad address)");
        long owner = t.put(le32(1, 30459));
        assertThat(h.call("fcntl", 0, 3, F_GETOWN_EX, owner))
                .isEqualTo("fcntl(3, F_GETOWN_EX, {type=F_OWNER_PID, pid=30459}) = 0");
    }

    @Test
    void flockCloseRangeAndTheRangeCalls() {
        assertThat(h.call("flock", 0, 3, 2 | 4)).isEqualTo("flock(3, LOCK_EX|LOCK_NB) = 0");
        assertThat(h.call("flock", 0, 3, 8)).isEqualTo("flock(3, LOCK_UN) = 0");
        assertThat(h.call("close_range", 0, 1000, 0xffffffffL, 4))
                .isEqualTo("close_range(1000, 4294967295, CLOSE_RANGE_CLOEXEC) = 0");
        assertThat(h.call("fadvise64", 0, 3, 0, 0, 2)).isEqualTo("fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0");
        assertThat(h.call("fadvise64", 0, 3, 4096, 8192, 4)).isEqualTo("fadvise64(3, 4096, 8192, POSIX_FADV_DONTNEED) = 0");
        assertThat(h.call("readahead", 0, 3, 0, 4096)).isEqualTo("readahead(3, 0, 4096) = 0");
        assertThat(h.call("sync_file_range", 0, 3, 0, 0, 6))
                .isEqualTo("sync_file_range(3, 0, 0, SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER) = 0");
        assertThat(h.call("fallocate", 0, 3, 1, 0, 4096)).isEqualTo("fallocate(3, FALLOC_FL_KEEP_SIZE, 0, 4096) = 0");
    }

    @Test
    void copiesShowTheirOffsetsThroughThePointers() {
        long zero = t.put(le64(0));
        assertThat(h.call("copy_file_range", 5, 3, zero, 9, 0, 5, 0))
                .isEqualTo("copy_file_range(3, [0], 9, NULL, 5, 0) = 5");
        assertThat(h.call("copy_file_range", 3, 3, 0, 1, 0, 9223372035781033984L, 0))
                .isEqualTo("copy_file_range(3, NULL, 1, NULL, 9223372035781033984, 0) = 3");
        assertThat(h.call("splice", 5, 3, zero, 6, 0, 5, 1)).isEqualTo("splice(3, [0], 6, NULL, 5, SPLICE_F_MOVE) = 5");
        assertThat(h.call("tee", 5, 5, 8, 5, 2)).isEqualTo("tee(5, 8, 5, SPLICE_F_NONBLOCK) = 5");
        long data = t.put("vmsplice".getBytes(StandardCharsets.US_ASCII));
        long iov = t.put(le64(data, 8));
        assertThat(h.call("vmsplice", 8, 6, iov, 1, 8))
                .isEqualTo("vmsplice(6, [{iov_base=\"vmsplice\", iov_len=8}], 1, SPLICE_F_GIFT) = 8");
        long offset = t.put(le64(0));
        assertThat(h.call("sendfile", 5, () -> t.write(offset, le64(5)), 9, 3, offset, 5))
                .isEqualTo("sendfile(9, 3, [0] => [5], 5) = 5");
        assertThat(h.call("sendfile", 0, 9, 3, offset, 0)).isEqualTo("sendfile(9, 3, [5], 0) = 0");
        assertThat(h.call("sendfile", 0, 9, 3, 0, 0)).isEqualTo("sendfile(9, 3, NULL, 0) = 0");
    }

    @Test
    void getdentsCountsTheEntriesTheKernelWrote() {
        t.fd(5, "/tmp/dec/work");
        // Three entries of 24, 24 and 32 bytes: d_reclen at offset 16.
        byte[] dents = le(80).putShort(16, (short) 24).putShort(24 + 16, (short) 24).putShort(48 + 16, (short) 32)
                .array();
        long buffer = t.put(new byte[32768]);
        assertThat(h.call("getdents64", 80, () -> t.write(buffer, dents), 5, buffer, 32768))
                .isEqualTo("getdents64(5, 0x" + Long.toHexString(buffer) + " /* 3 entries */, 32768) = 80");
        assertThat(h.last.fdPath).isEqualTo("/tmp/dec/work");
        assertThat(h.call("getdents64", 0, 5, buffer, 32768))
                .isEqualTo("getdents64(5, 0x" + Long.toHexString(buffer) + " /* 0 entries */, 32768) = 0");
        assertThat(h.call("getdents64", -9, -1, buffer, 32768))
                .isEqualTo("getdents64(-1, 0x" + Long.toHexString(buffer) + ", 32768) = -1 EBADF (Bad file descriptor)");
        // An entry claiming more than the kernel returned ends the walk, as strace says.
        byte[] bad = le(24).putShort(16, (short) 40).array();
        assertThat(h.call("getdents64", 24, () -> t.write(buffer, bad), 5, buffer, 32768))
                .isEqualTo("getdents64(5, 0x" + Long.toHexString(buffer)
                        + " /* d_reclen 16 bytes overflow */ /* 1 entries */, 32768) = 24");
    }

    @Test
    void theCallsThatMakeDescriptors() {
        assertThat(h.call("eventfd2", 5, 3, 02000000 | 04000)).isEqualTo("eventfd2(3, EFD_CLOEXEC|EFD_NONBLOCK) = 5");
        assertThat(h.call("timerfd_create", 6, 1, 02000000 | 04000))
                .isEqualTo("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 6");
        long its = t.put(le64(1, 0, 0, 0));
        long old = t.put(le64(7, 7, 7, 7));
        assertThat(h.call("timerfd_settime", 0, () -> t.write(old, le64(0, 0, 0, 0)), 6, 0, its, old))
                .isEqualTo("timerfd_settime(6, 0, {it_interval={tv_sec=1, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}},"
                        + " {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}) = 0");
        assertThat(h.call("timerfd_settime", 0, 6, 1, its, 0))
                .isEqualTo("timerfd_settime(6, TFD_TIMER_ABSTIME, {it_interval={tv_sec=1, tv_nsec=0},"
                        + " it_value={tv_sec=0, tv_nsec=0}}, NULL) = 0");
        assertThat(h.call("inotify_init1", 7, 04000 | 02000000)).isEqualTo("inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 7");
        t.fd(7, "anon_inode:inotify");
        assertThat(h.call("inotify_add_watch", 1, 7, t.string("work"), 0x1000300))
                .isEqualTo("inotify_add_watch(7, \"work\", IN_CREATE|IN_DELETE|IN_ONLYDIR) = 1");
        assertThat(h.last.path).isEqualTo("/tmp/dec/work");
        assertThat(h.last.fdPath).isEqualTo("anon_inode:inotify");
        assertThat(h.call("inotify_add_watch", -ENOENT, 7, t.string("work/none"), 0xfff))
                .isEqualTo("inotify_add_watch(7, \"work/none\", IN_ACCESS|IN_MODIFY|IN_ATTRIB|IN_CLOSE_WRITE"
                        + "|IN_CLOSE_NOWRITE|IN_OPEN|IN_MOVED_FROM|IN_MOVED_TO|IN_CREATE|IN_DELETE|IN_DELETE_SELF"
                        + "|IN_MOVE_SELF) = -1 ENOENT (No such file or directory)");
        assertThat(h.call("inotify_rm_watch", 0, 7, 1)).isEqualTo("inotify_rm_watch(7, 1) = 0");
        assertThat(h.call("memfd_create", 8, t.string("sealed"), 3))
                .isEqualTo("memfd_create(\"sealed\", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 8");
        assertThat(h.call("memfd_create", 8, t.string("huge"), 4 | (21 << 26)))
                .isEqualTo("memfd_create(\"huge\", MFD_HUGETLB|21<<MFD_HUGE_SHIFT) = 8");
        assertThat(h.call("memfd_create", 8, t.string("plain"), 0)).isEqualTo("memfd_create(\"plain\", 0) = 8");
    }
}
