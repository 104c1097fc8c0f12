package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.syscallassert.core.decode.DecoderHarness.le;
import static dev.syscallassert.core.decode.DecoderHarness.le64;
import static org.assertj.core.api.Assertions.assertThat;

/** Expected lines were recorded with strace 6.1 on x86_64 running the comparison's poll_calls.c. */
class PollDecodersTest {

    private static final int POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    private static final long SIGUSR1_BIT = 1L << 9, SIGRT_4_BIT = 1L << 35;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    private static byte[] pollfds(int... fdEventsRevents) {
        ByteBuffer b = le(fdEventsRevents.length / 3 * 8);
        for (int i = 0; i < fdEventsRevents.length; i += 3) {
            b.putInt(fdEventsRevents[i]).putShort((short) fdEventsRevents[i + 1]).putShort((short) fdEventsRevents[i + 2]);
        }
        return b.array();
    }

    @Test
    void pollShowsTheEventsAskedForAndTheOnesThatHappened() {
        long fds = t.put(pollfds(3, POLLIN | POLLPRI, 0, 4, POLLOUT, 0, -1, POLLIN, 0));
        assertThat(h.call("poll", 2, () -> t.write(fds, pollfds(3, POLLIN | POLLPRI, POLLIN, 4, POLLOUT, POLLOUT,
                -1, POLLIN, 0)), fds, 3, 0))
                .isEqualTo("poll([{fd=3, events=POLLIN|POLLPRI}, {fd=4, events=POLLOUT}, {fd=-1}], 3, 0)"
                        + " = 2 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}])");
        assertThat(h.call("poll", 0, fds, 1, 0)).isEqualTo("poll([{fd=3, events=POLLIN|POLLPRI}], 1, 0) = 0 (Timeout)");
        assertThat(h.call("poll", 0, 0, 0, 0)).isEqualTo("poll(NULL, 0, 0) = 0 (Timeout)");
        assertThat(h.call("poll", -4, fds, 1, -1))
                .isEqualTo("poll([{fd=3, events=POLLIN|POLLPRI}], 1, -1) = -1 EINTR (Interrupted system call)");
    }

    @Test
    void pollShowsAtMost32FdsEitherWay() {
        int[] asked = new int[40 * 3];
        int[] ready = new int[40 * 3];
        for (int i = 0; i < 40; i++) {
            int events = i % 2 == 0 ? POLLIN : POLLOUT | POLLWRNORM;
            asked[3 * i] = ready[3 * i] = 3 + i;
            asked[3 * i + 1] = ready[3 * i + 1] = events;
            ready[3 * i + 2] = i == 0 ? 0 : i % 2 == 0 ? POLLIN : POLLOUT | POLLWRNORM;
        }
        long fds = t.put(pollfds(asked));
        String line = h.call("poll", 39, () -> t.write(fds, pollfds(ready)), fds, 40, 0);
        assertThat(line).startsWith("poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT|POLLWRNORM}, ")
                .contains("{fd=34, events=POLLOUT|POLLWRNORM}, ...], 40, 0) = 39 ([{fd=4, revents=POLLOUT|POLLWRNORM}, ")
                .endsWith("{fd=35, revents=POLLIN}, ...])");
    }

    @Test
    void ppollShowsItsTimeoutMaskAndTheTimeLeft() {
        long fds = t.put(pollfds(3, POLLIN | POLLPRI, 0, 4, POLLOUT, 0));
        long zero = t.put(le64(0, 0));
        long mask = t.put(le64(SIGUSR1_BIT | SIGRT_4_BIT));
        assertThat(h.call("ppoll", 1, () -> t.write(fds, pollfds(3, POLLIN | POLLPRI, 0, 4, POLLOUT, POLLOUT)),
                fds, 2, zero, mask, 8))
                .isEqualTo("ppoll([{fd=3, events=POLLIN|POLLPRI}, {fd=4, events=POLLOUT}], 2, {tv_sec=0, tv_nsec=0},"
                        + " [USR1 RT_4], 8) = 1 ([{fd=4, revents=POLLOUT}], left {tv_sec=0, tv_nsec=0})");
        assertThat(h.call("ppoll", 0, fds, 2, zero, 0, 8))
                .isEqualTo("ppoll([{fd=3, events=POLLIN|POLLPRI}, {fd=4, events=POLLOUT}], 2, {tv_sec=0, tv_nsec=0},"
                        + " NULL, 8) = 0 (Timeout)");
    }

    @Test
    void selectShowsTheFdSetsAndWhatWasReady() {
        long rd = t.put(le64((1L << 3) | (1L << 5)));
        long wr = t.put(le64(1L << 6));
        long tv = t.put(le64(0, 0));
        assertThat(h.call("select", 2, () -> {
            t.write(rd, le64(1L << 5));
            t.write(wr, le64(1L << 6));
        }, 7, rd, wr, 0, tv)).isEqualTo("select(7, [3 5], [6], NULL, {tv_sec=0, tv_usec=0})"
                + " = 2 (in [5], out [6], left {tv_sec=0, tv_usec=0})");
        assertThat(h.call("select", 0, 6, rd, 0, 0, tv)).isEqualTo("select(6, [5], NULL, NULL, {tv_sec=0, tv_usec=0})"
                + " = 0 (Timeout)");
        // Only the first nfds bits are fds of the set.
        assertThat(h.call("select", 0, 4, rd, 0, 0, tv)).isEqualTo("select(4, [], NULL, NULL, {tv_sec=0, tv_usec=0})"
                + " = 0 (Timeout)");
        assertThat(h.call("select", 0, 0, 0, 0, 0, tv)).isEqualTo("select(0, NULL, NULL, NULL, {tv_sec=0, tv_usec=0})"
                + " = 0 (Timeout)");
    }

    @Test
    void pselect6ShowsItsMaskAndSizeAsAStruct() {
        long rd = t.put(le64(1L << 7));
        long zero = t.put(le64(0, 0));
        // glibc's sigfillset leaves out its two internal signals, 32 and 33: strace shows the mask inverted.
        long mask = t.put(le64(~((1L << 31) | (1L << 32))));
        long pack = t.put(le64(mask, 8));
        assertThat(h.call("pselect6", 1, 8, rd, 0, 0, zero, pack))
                .isEqualTo("pselect6(8, [7], NULL, NULL, {tv_sec=0, tv_nsec=0}, {sigmask=~[RTMIN RT_1], sigsetsize=8})"
                        + " = 1 (in [7], left {tv_sec=0, tv_nsec=0})");
        assertThat(h.call("pselect6", 0, 0, 0, 0, 0, zero, 0))
                .isEqualTo("pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=0}, NULL) = 0 (Timeout)");
    }

    @Test
    void epollShowsEventsAndBothReadingsOfTheirData() {
        assertThat(h.call("epoll_create1", 44, 02000000)).isEqualTo("epoll_create1(EPOLL_CLOEXEC) = 44");
        assertThat(h.call("epoll_create", 45, 10)).isEqualTo("epoll_create(10) = 45");
        long ev = t.put(le(12).putInt(0, POLLIN | 0x80000000).putLong(4, 0x100000003L).array());
        assertThat(h.call("epoll_ctl", 0, 44, 1, 9, ev))
                .isEqualTo("epoll_ctl(44, EPOLL_CTL_ADD, 9, {events=EPOLLIN|EPOLLET, data={u32=3, u64=4294967299}}) = 0");
        assertThat(h.call("epoll_ctl", 0, 44, 2, 11, 0)).isEqualTo("epoll_ctl(44, EPOLL_CTL_DEL, 11, NULL) = 0");
        long out = t.put(new byte[8 * 12]);
        byte[] two = le(24).putInt(0, POLLIN).putLong(4, 0x10000000bL).putInt(12, POLLOUT).putLong(16, 0x10000000bL)
                .array();
        assertThat(h.call("epoll_wait", 2, () -> t.write(out, two), 44, out, 8, 0))
                .isEqualTo("epoll_wait(44, [{events=EPOLLIN, data={u32=11, u64=4294967307}}, {events=EPOLLOUT,"
                        + " data={u32=11, u64=4294967307}}], 8, 0) = 2");
        assertThat(h.call("epoll_wait", 0, 45, out, 8, 0)).isEqualTo("epoll_wait(45, [], 8, 0) = 0");
        assertThat(h.call("epoll_wait", -9, -1, out, 8, 0))
                .isEqualTo("epoll_wait(-1, 0x" + Long.toHexString(out) + ", 8, 0) = -1 EBADF (Bad file descriptor)");
        long mask = t.put(le64(SIGUSR1_BIT | SIGRT_4_BIT));
        assertThat(h.call("epoll_pwait", 0, 45, out, 8, 0, mask, 8))
                .isEqualTo("epoll_pwait(45, [], 8, 0, [USR1 RT_4], 8) = 0");
        // The mask is read at the exit: a failed call shows its address.
        assertThat(h.call("epoll_pwait", -4, 45, out, 8, -1, mask, 8))
                .isEqualTo("epoll_pwait(45, 0x" + Long.toHexString(out) + ", 8, -1, 0x" + Long.toHexString(mask)
                        + ", 8) = -1 EINTR (Interrupted system call)");
        long zero = t.put(le64(0, 0));
        assertThat(h.call("epoll_pwait2", 0, 45, out, 8, zero, 0, 8))
                .isEqualTo("epoll_pwait2(45, [], 8, {tv_sec=0, tv_nsec=0}, NULL, 8) = 0");
    }
}
