package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import static dev.syscallassert.core.decode.StructBytes.bytes;
import static dev.syscallassert.core.decode.DecoderHarness.le32;
import static dev.syscallassert.core.decode.DecoderHarness.le64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals, clocks, limits, scheduling, the system and memory calls. Expected lines were recorded with strace 6.1 on
 * x86_64 running C programs that make the same calls; the fake tracee holds the bytes the real process had.
 */
class SignalTimeSystemDecodersTest {

    private static final long SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
            SA_SIGINFO = 4;
    private static final long RESTORER = 0x7f1ee4796050L;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    @Test
    void rtSigactionShowsHandlerMaskFlagsAndRestorer() {
        long act = t.put(le64(0x55f080143479L, SA_RESTORER | SA_RESTART, RESTORER, 1L << 14));
        assertThat(h.call("rt_sigaction", 0, 10, act, 0, 8)).isEqualTo("rt_sigaction(SIGUSR1, {sa_handler=0x55f080143479,"
                + " sa_mask=[TERM], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f1ee4796050}, NULL, 8) = 0");
        // sigfillset: every signal but the two glibc keeps for itself, so strace shows the complement.
        long full = t.put(le64(0x55f080143480L, SA_RESTORER | SA_ONSTACK | SA_SIGINFO, RESTORER, ~(3L << 31)));
        assertThat(h.call("rt_sigaction", 0, 12, full, 0, 8)).isEqualTo("rt_sigaction(SIGUSR2, {sa_handler=0x55f080143480,"
                + " sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_ONSTACK|SA_SIGINFO, sa_restorer=0x7f1ee4796050}, NULL,"
                + " 8) = 0");
        long ign = t.put(le64(1, SA_RESTORER | SA_RESTART, RESTORER, 1L << 12));
        long old = t.put(new byte[32]);
        assertThat(h.call("rt_sigaction", 0, () -> t.write(old, new byte[32]), 13, ign, old, 8))
                .isEqualTo("rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[PIPE], sa_flags=SA_RESTORER|SA_RESTART,"
                        + " sa_restorer=0x7f1ee4796050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
        long rt = t.put(le64(0x7f1ee47e0720L, SA_RESTORER | SA_ONSTACK | SA_RESTART | SA_SIGINFO, RESTORER, 0));
        assertThat(h.call("rt_sigaction", 0, 33, rt, 0, 8)).startsWith("rt_sigaction(SIGRT_1, {sa_handler=0x7f1ee47e0720,");
        assertThat(h.call("rt_sigaction", -22, 32, 0, old, 8))
                .isEqualTo("rt_sigaction(SIGRTMIN, NULL, " + hex(old) + ", 8) = -1 EINVAL (Invalid argument)");
    }

    @Test
    void masksAndTheirCalls() {
        long set = t.put(le64((1L << 9) | (1L << 36)));
        long old = t.put(le64(0));
        assertThat(h.call("rt_sigprocmask", 0, 0, set, old, 8))
                .isEqualTo("rt_sigprocmask(SIG_BLOCK, [USR1 RT_5], [], 8) = 0");
        assertThat(h.call("rt_sigprocmask", 0, 0, t.put(le64(-1)), old, 8))
                .isEqualTo("rt_sigprocmask(SIG_BLOCK, ~[], [], 8) = 0");
        assertThat(h.call("rt_sigprocmask", 0, 1, t.put(le64(3L << 31)), 0, 8))
                .isEqualTo("rt_sigprocmask(SIG_UNBLOCK, [RTMIN RT_1], NULL, 8) = 0");
        assertThat(h.call("rt_sigprocmask", 0, 0, t.put(le64(~(1L << 32))), 0, 8))
                .isEqualTo("rt_sigprocmask(SIG_BLOCK, ~[RT_1], NULL, 8) = 0");
        assertThat(h.call("rt_sigprocmask", -22, 0, set, 0, 4))
                .isEqualTo("rt_sigprocmask(SIG_BLOCK, " + hex(set) + ", NULL, 4) = -1 EINVAL (Invalid argument)");
        long pending = t.put(le64(0));
        assertThat(h.call("rt_sigpending", 0, () -> t.write(pending, le64(1L << 9)), pending, 8))
                .isEqualTo("rt_sigpending([USR1], 8) = 0");
        long wait = t.put(le64(1, 0));
        assertThat(h.call("rt_sigtimedwait", 10, t.put(le64(1L << 9)), 0, wait, 8))
                .isEqualTo("rt_sigtimedwait([USR1], NULL, {tv_sec=1, tv_nsec=0}, 8) = 10 (SIGUSR1)");
        assertThat(h.call("rt_sigsuspend", -4, t.put(le64(0)), 8))
                .isEqualTo("rt_sigsuspend([], 8) = -1 EINTR (Interrupted system call)");
        // rt_sigreturn: the mask saved in the signal frame, a return address below the stack pointer.
        long frame = t.put(new byte[1024]);
        t.write(frame + 8 + 296, le64(1L << 2));
        t.stackPointer(frame + 8);
        assertThat(h.call("rt_sigreturn", 0)).isEqualTo("rt_sigreturn({mask=[QUIT]}) = 0");
        assertThat(h.call("kill", 0, 6321, 10)).isEqualTo("kill(6321, SIGUSR1) = 0");
        assertThat(h.call("kill", 0, 6321, 0)).isEqualTo("kill(6321, 0) = 0");
        assertThat(h.call("tgkill", 0, 6321, 6321, 12)).isEqualTo("tgkill(6321, 6321, SIGUSR2) = 0");
        long ss = t.put(bytes().i64(0x55f08400e3c0L).i32(0).i32(0).i64(65536).build());
        assertThat(h.call("sigaltstack", 0, ss, 0))
                .isEqualTo("sigaltstack({ss_sp=0x55f08400e3c0, ss_flags=0, ss_size=65536}, NULL) = 0");
        long dis = t.put(bytes().i64(0).i32(2).i32(0).i64(0).build());
        assertThat(h.call("sigaltstack", 0, dis, 0)).isEqualTo("sigaltstack({ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0},"
                + " NULL) = 0");
    }

    @Test
    void clocksAndTimers() {
        long ts = t.put(new byte[16]);
        assertThat(h.call("clock_gettime", 0, () -> t.write(ts, le64(8132, 21149670)), 1, ts))
                .isEqualTo("clock_gettime(CLOCK_MONOTONIC, {tv_sec=8132, tv_nsec=21149670}) = 0");
        assertThat(h.call("clock_getres", 0, () -> t.write(ts, le64(0, 1)), 0, ts))
                .isEqualTo("clock_getres(CLOCK_REALTIME, {tv_sec=0, tv_nsec=1}) = 0");
        assertThat(h.call("clock_gettime", 0, () -> t.write(ts, le64(0, 5719980)), -6, ts))
                .isEqualTo("clock_gettime(0xfffffffa /* CLOCK_??? */, {tv_sec=0, tv_nsec=5719980}) = 0");
        assertThat(h.call("clock_gettime", -22, 99, ts))
                .isEqualTo("clock_gettime(0x63 /* CLOCK_??? */, " + hex(ts) + ") = -1 EINVAL (Invalid argument)");
        long req = t.put(le64(0, 1000000));
        assertThat(h.call("clock_nanosleep", 0, 1, 0, req, 0))
                .isEqualTo("clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000000}, NULL) = 0");
        long abs = t.put(le64(8132, 23646185));
        assertThat(h.call("clock_nanosleep", 0, 1, 1, abs, 0))
                .isEqualTo("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=8132, tv_nsec=23646185}, NULL) = 0");
        long tv = t.put(new byte[16]);
        assertThat(h.call("gettimeofday", 0, () -> t.write(tv, le64(1796160821, 831578)), tv, 0))
                .isEqualTo("gettimeofday({tv_sec=1796160821, tv_usec=831578}, NULL) = 0");
        long it = t.put(new byte[32]);
        assertThat(h.call("setitimer", 0, 0, it, 0)).isEqualTo("setitimer(ITIMER_REAL, {it_interval={tv_sec=0,"
                + " tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}, NULL) = 0");
        assertThat(h.call("getitimer", 0, 0, it)).isEqualTo("getitimer(ITIMER_REAL, {it_interval={tv_sec=0,"
                + " tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}) = 0");
    }

    @Test
    void limitsUsageAndScheduling() {
        long lim = t.put(new byte[16]);
        assertThat(h.call("prlimit64", 0, () -> t.write(lim, le64(8192 * 1024, -1)), 0, 3, 0, lim))
                .isEqualTo("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
        long nofile = t.put(le64(20000, 20000));
        assertThat(h.call("prlimit64", 0, 0, 7, nofile, 0))
                .isEqualTo("prlimit64(0, RLIMIT_NOFILE, {rlim_cur=20000, rlim_max=20000}, NULL) = 0");
        assertThat(h.call("getrlimit", 0, () -> t.write(lim, le64(1024, 2048)), 7, lim))
                .isEqualTo("getrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=2*1024}) = 0");
        long ru = t.put(new byte[144]);
        assertThat(h.call("getrusage", 0, () -> t.write(ru, le64(0, 1705, 0, 1554)), -1, ru))
                .isEqualTo("getrusage(RUSAGE_CHILDREN, {ru_utime={tv_sec=0, tv_usec=1705}, ru_stime={tv_sec=0,"
                        + " tv_usec=1554}, ...}) = 0");
        // glibc's int -1 zero-extended in the register: strace's printxval reads it as an unsigned int all the same.
        assertThat(h.call("getrusage", -14, 0xffffffffL, 0)).isEqualTo("getrusage(RUSAGE_CHILDREN, NULL) = -1 EFAULT"
                + " (Bad address)");
        assertThat(h.call("getpriority", 20, 0, 0)).isEqualTo("getpriority(PRIO_PROCESS, 0) = 20");
        long mask = t.put(new byte[128]);
        assertThat(h.call("sched_getaffinity", 32, () -> t.write(mask, new byte[] {3}), 0, 128, mask))
                .isEqualTo("sched_getaffinity(0, 128, [0 1]) = 32");
        assertThat(h.call("sched_getaffinity", 32, 27149, 32, mask))
                .isEqualTo("sched_getaffinity(27149, 32, [0 1]) = 32");
        assertThat(h.call("sched_setaffinity", 0, 0, 128, mask)).isEqualTo("sched_setaffinity(0, 128, [0 1]) = 0");
        assertThat(h.call("sched_getscheduler", 0, 0)).isEqualTo("sched_getscheduler(0) = 0 (SCHED_OTHER)");
        long param = t.int32(0);
        assertThat(h.call("sched_getparam", 0, 0, param)).isEqualTo("sched_getparam(0, [0]) = 0");
        assertThat(h.call("sched_get_priority_max", 99, 1)).isEqualTo("sched_get_priority_max(SCHED_FIFO) = 99");
        assertThat(h.call("sched_yield", 0)).isEqualTo("sched_yield() = 0");
    }

    @Test
    void systemAndMemoryCalls() {
        long buf = t.put(new byte[16]);
        byte[] random = {(byte) 0x94, (byte) 0xd8, 0x70, (byte) 0xf7};
        assertThat(h.call("getrandom", 4, () -> t.write(buf, random), buf, 4, 1))
                .isEqualTo("getrandom(\"\\x94\\xd8\\x70\\xf7\", 4, GRND_NONBLOCK) = 4");
        assertThat(h.call("getrandom", -11, buf, 4, 1))
                .isEqualTo("getrandom(" + hex(buf) + ", 4, GRND_NONBLOCK) = -1 EAGAIN (Resource temporarily unavailable)");
        assertThat(h.call("getgroups", 0, 0, 0)).isEqualTo("getgroups(0, NULL) = 0");
        long groups = t.put(le32(0, 4, 27, -1));
        assertThat(h.call("getgroups", 0, 64, groups)).isEqualTo("getgroups(64, []) = 0");
        assertThat(h.call("getgroups", 4, 64, groups)).isEqualTo("getgroups(64, [0, 4, 27, -1]) = 4");
        byte[] uts = new byte[390];
        System.arraycopy("Linux".getBytes(), 0, uts, 0, 5);
        System.arraycopy("vm".getBytes(), 0, uts, 65, 2);
        long u = t.put(new byte[390]);
        assertThat(h.call("uname", 0, () -> t.write(u, uts), u)).isEqualTo("uname({sysname=\"Linux\", nodename=\"vm\","
                + " ...}) = 0");
        long si = t.put(bytes().i64(8133).i64(824512).i64(571328).i64(348928).i64(25275953152L).i64(23241125888L)
                .i64(9580544).i64(8142848).i64(0).i64(0).i16(270).i16(0).i32(0).i64(0).i64(0).i32(1).i32(0).build());
        assertThat(h.call("sysinfo", 0, si)).isEqualTo("sysinfo({uptime=8133, loads=[824512, 571328, 348928],"
                + " totalram=25275953152, freeram=23241125888, sharedram=9580544, bufferram=8142848, totalswap=0,"
                + " freeswap=0, procs=270, totalhigh=0, freehigh=0, mem_unit=1}) = 0");
        long page = 0x7f1ee4943000L;
        assertThat(h.call("madvise", 0, page, 8192, 4)).isEqualTo("madvise(0x7f1ee4943000, 8192, MADV_DONTNEED) = 0");
        assertThat(h.call("mlock", 0, page, 4096)).isEqualTo("mlock(0x7f1ee4943000, 4096) = 0");
        assertThat(h.call("munlock", 0, page, 4096)).isEqualTo("munlock(0x7f1ee4943000, 4096) = 0");
        assertThat(h.call("msync", 0, page, 4096, 1)).isEqualTo("msync(0x7f1ee4943000, 4096, MS_ASYNC) = 0");
        long vec = t.put(new byte[] {1, 0});
        assertThat(h.call("mincore", 0, page, 8192, vec)).isEqualTo("mincore(0x7f1ee4943000, 8192, [1, 0]) = 0");
        assertThat(h.call("mremap", 0x7f1ee493f000L, page, 8192, 16384, 1))
                .isEqualTo("mremap(0x7f1ee4943000, 8192, 16384, MREMAP_MAYMOVE) = 0x7f1ee493f000");
        assertThat(h.call("mmap", 0x7f0000000000L, 0, 2097152, 3, 0x22 | (21 << 26), -1, 0))
                .isEqualTo("mmap(NULL, 2097152, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|21<<MAP_HUGE_SHIFT, -1, 0)"
                        + " = 0x7f0000000000");
        assertThat(h.call("set_robust_list", 0, 0x7f2f09749a20L, 24)).isEqualTo("set_robust_list(0x7f2f09749a20, 24) = 0");
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
