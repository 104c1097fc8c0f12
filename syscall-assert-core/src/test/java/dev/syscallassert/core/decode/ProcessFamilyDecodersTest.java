package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import static dev.syscallassert.core.decode.DecoderHarness.le64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * clone, clone3, wait4, waitid, exit, prctl, arch_prctl and futex. Expected lines were recorded with strace 6.1 on
 * x86_64 running C programs that make the same calls; the fake tracee holds the bytes the real process had.
 */
class ProcessFamilyDecodersTest {

    private static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000, SIGCHLD = 17;
    private static final int FUTEX_PRIVATE = 128, FUTEX_CLOCK_REALTIME = 256;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    @Test
    void cloneShowsItsArgumentsInStracesOrderAndTheTidItWrote() {
        assertThat(h.call("clone", 26971, CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0,
                0x7f2f09749a10L, 0)).isEqualTo("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID"
                + "|SIGCHLD, child_tidptr=0x7f2f09749a10) = 26971");
        assertThat(h.last.cloneFlags).isEqualTo(CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD);
        long ptid = t.int32(0);
        long threadFlags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM
                | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
        assertThat(h.call("clone", 4242, () -> t.writeInt(ptid, 4242), threadFlags, 0x7f0000001000L, ptid, ptid,
                0x7f00000006c0L)).isEqualTo("clone(child_stack=0x7f0000001000, flags=CLONE_VM|CLONE_FS|CLONE_FILES"
                + "|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID,"
                + " parent_tid=[4242], tls=0x7f00000006c0, child_tidptr=" + hex(ptid) + ") = 4242");
        assertThat(h.call("clone", -11, threadFlags, 0x7f0000001000L, ptid, ptid, 0x7f00000006c0L))
                .contains("parent_tid=" + hex(ptid) + ", tls=").endsWith("= -1 EAGAIN (Resource temporarily unavailable)");
        assertThat(h.call("clone", 5, SIGCHLD, 0, 0, 0, 0)).isEqualTo("clone(child_stack=NULL, flags=SIGCHLD) = 5");
    }

    @Test
    void clone3ShowsTheStructAndWhatTheKernelWroteBack() {
        long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS
                | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
        long tid = t.int32(0);
        long args = t.put(le64(flags, 0, tid, tid, 0, 0x7f2f08f48000L, 0x7fff80, 0x7f2f097486c0L, 0, 0, 0));
        assertThat(h.call("clone3", 26970, () -> t.writeInt(tid, 26970), args, 88)).isEqualTo("clone3({flags=CLONE_VM"
                + "|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID"
                + "|CLONE_CHILD_CLEARTID, child_tid=" + hex(tid) + ", parent_tid=" + hex(tid) + ", exit_signal=0,"
                + " stack=0x7f2f08f48000, stack_size=0x7fff80, tls=0x7f2f097486c0} => {parent_tid=[26970]}, 88) = 26970");
        assertThat(h.last.cloneFlags).isEqualTo(flags);
        long fork = t.put(le64(0, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 0));
        assertThat(h.call("clone3", 77, fork, 88)).isEqualTo("clone3({flags=0, exit_signal=SIGCHLD, stack=NULL,"
                + " stack_size=0}, 88) = 77");
        assertThat(h.call("clone3", -22, fork, 40)).isEqualTo("clone3(" + hex(fork) + ", 40) = -1 EINVAL (Invalid"
                + " argument)");
    }

    @Test
    void wait4ShowsTheStatusAsStracesMacros() {
        long status = t.int32(0);
        assertThat(h.call("wait4", 26971, () -> t.writeInt(status, 3 << 8), 26971, status, 0, 0))
                .isEqualTo("wait4(26971, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 26971");
        assertThat(h.call("wait4", 26972, () -> t.writeInt(status, 9), 26972, status, 0, 0))
                .isEqualTo("wait4(26972, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 26972");
        assertThat(h.call("wait4", 7, () -> t.writeInt(status, 0x8b), -1, status, 0x40000000, 0))
                .isEqualTo("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], __WALL, NULL) = 7");
        assertThat(h.call("wait4", 7, () -> t.writeInt(status, 0x137f), -1, status, 2, 0))
                .isEqualTo("wait4(-1, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 7");
        assertThat(h.call("wait4", 7, () -> t.writeInt(status, 0x3057f), -1, status, 0x40000000, 0))
                .isEqualTo("wait4(-1, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP}|PTRACE_EVENT_CLONE<<16], __WALL,"
                        + " NULL) = 7");
        assertThat(h.call("wait4", 7, () -> t.writeInt(status, 0xffff), -1, status, 8, 0))
                .isEqualTo("wait4(-1, [{WIFCONTINUED(s)}], WCONTINUED, NULL) = 7");
        assertThat(h.call("wait4", 0, -1, status, 1, 0)).isEqualTo("wait4(-1, " + hex(status) + ", WNOHANG, NULL) = 0");
        assertThat(h.call("wait4", -10, -1, status, 1, 0))
                .isEqualTo("wait4(-1, " + hex(status) + ", WNOHANG, NULL) = -1 ECHILD (No child processes)");
        long usage = t.put(new byte[144]);
        assertThat(h.call("wait4", 9, () -> {
            t.writeInt(status, 0);
            t.write(usage, le64(0, 1937, 0, 980));
        }, 9, status, 0, usage)).isEqualTo("wait4(9, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, {ru_utime={tv_sec=0,"
                + " tv_usec=1937}, ru_stime={tv_sec=0, tv_usec=980}, ...}) = 9");
        assertThat(h.call("exit_group", 0, 3)).isEqualTo("exit_group(3) = 0");
    }

    @Test
    void prctlPrintsEachOptionsOwnArguments() {
        assertThat(h.call("prctl", 0, 15, t.string("worker"))).isEqualTo("prctl(PR_SET_NAME, \"worker\") = 0");
        assertThat(h.call("prctl", 0, 15, t.string("a-name-longer-than-fifteen")))
                .isEqualTo("prctl(PR_SET_NAME, \"a-name-longer-t\"...) = 0");
        assertThat(h.call("prctl", 0, 15, t.string("VM Periodic Task Thread")))
                .isEqualTo("prctl(PR_SET_NAME, \"VM Periodic Tas\"...) = 0");
        long name = t.put(new byte[16]);
        assertThat(h.call("prctl", 0, () -> t.write(name, "worker\0".getBytes()), 16, name))
                .isEqualTo("prctl(PR_GET_NAME, \"worker\") = 0");
        assertThat(h.call("prctl", 1, 3)).isEqualTo("prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
        assertThat(h.call("prctl", 0, 1, 15)).isEqualTo("prctl(PR_SET_PDEATHSIG, SIGTERM) = 0");
        long sig = t.int32(0);
        assertThat(h.call("prctl", 0, () -> t.writeInt(sig, 15), 2, sig)).isEqualTo("prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0");
        assertThat(h.call("prctl", 1, 23, 21)).isEqualTo("prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1");
        assertThat(h.call("prctl", 50000, 30)).isEqualTo("prctl(PR_GET_TIMERSLACK) = 50000");
        assertThat(h.call("prctl", 0, 38, 1, 0, 0, 0)).isEqualTo("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
        assertThat(h.call("prctl", 1, 39, 0, 0, 0, 0)).isEqualTo("prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) = 1");
        assertThat(h.call("prctl", 0, 27)).isEqualTo("prctl(PR_GET_SECUREBITS) = 0");
        assertThat(h.call("prctl", -22, 0x59616d61, 0x7f, 0, 0, 0))
                .isEqualTo("prctl(PR_SET_PTRACER, 127) = -1 EINVAL (Invalid argument)");
        assertThat(h.call("prctl", -22, 1000, 0x7f, 0, 0, 0))
                .isEqualTo("prctl(0x3e8 /* PR_??? */, 0x7f, 0, 0, 0) = -1 EINVAL (Invalid argument)");
        long fs = t.put(new byte[8]);
        assertThat(h.call("arch_prctl", 0, () -> t.write(fs, le64(0x7f1ee4757740L)), 0x1003, fs))
                .isEqualTo("arch_prctl(ARCH_GET_FS, [0x7f1ee4757740]) = 0");
        assertThat(h.call("arch_prctl", 0, 0x1002, 0x7f2f09749740L))
                .isEqualTo("arch_prctl(ARCH_SET_FS, 0x7f2f09749740) = 0");
        assertThat(h.call("arch_prctl", -22, 0x3001, 0x7ffd2c1e7f60L))
                .isEqualTo("arch_prctl(0x3001 /* ARCH_??? */, 0x7ffd2c1e7f60) = -1 EINVAL (Invalid argument)");
    }

    @Test
    void futexPrintsTheArgumentsOfEachOperation() {
        long word = 0x5594540f9208L;
        assertThat(h.call("futex", 0, word, 9 | FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME, 0, 0, 0, 0xffffffffL))
                .isEqualTo("futex(0x5594540f9208, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL,"
                        + " FUTEX_BITSET_MATCH_ANY) = 0");
        assertThat(h.call("futex", 1, word, 1 | FUTEX_PRIVATE, 1, 0x55, 0x66, 0x77))
                .isEqualTo("futex(0x5594540f9208, FUTEX_WAKE_PRIVATE, 1) = 1");
        assertThat(h.call("futex", 0, word, 1 | FUTEX_PRIVATE, 2147483647, 0, 0, 0))
                .isEqualTo("futex(0x5594540f9208, FUTEX_WAKE_PRIVATE, 2147483647) = 0");
        long timeout = t.put(le64(0, 999000000));
        assertThat(h.call("futex", -110, word, FUTEX_PRIVATE, 2, timeout, 0, 0))
                .isEqualTo("futex(0x5594540f9208, FUTEX_WAIT_PRIVATE, 2, {tv_sec=0, tv_nsec=999000000}) = -1"
                        + " ETIMEDOUT (Connection timed out)");
        long v = 0x7fff0dc5a670L;
        long v2 = 0x7fff0dc5a674L;
        assertThat(h.call("futex", 0, v, 5, 1, 0, v2, (1 << 28) | (4 << 24) | (3 << 12) | 9))
                .isEqualTo("futex(0x7fff0dc5a670, FUTEX_WAKE_OP, 1, 0, 0x7fff0dc5a674, FUTEX_OP_ADD<<28|0x3<<12"
                        + "|FUTEX_OP_CMP_GT<<24|0x9) = 0");
        assertThat(h.call("futex", -38, v, 5 | FUTEX_PRIVATE, 1, 0, v2, (15L << 28) | (9 << 24) | 1))
                .isEqualTo("futex(0x7fff0dc5a670, FUTEX_WAKE_OP_PRIVATE, 1, 0, 0x7fff0dc5a674, FUTEX_OP_OPARG_SHIFT<<28"
                        + "|0x7<<28 /* FUTEX_OP_??? */|0<<12|0x9<<24 /* FUTEX_OP_CMP_??? */|0x1) = -1 ENOSYS (Function"
                        + " not implemented)");
        assertThat(h.call("futex", -3, v, 13 | FUTEX_PRIVATE, 1, 0, v2, 0))
                .isEqualTo("futex(0x7fff0dc5a670, FUTEX_LOCK_PI2_PRIVATE, NULL) = -1 ESRCH (No such process)");
        assertThat(h.call("futex", 0, v, 10, 1, 0, v2, 0x13)).isEqualTo("futex(0x7fff0dc5a670, FUTEX_WAKE_BITSET, 1, 0x13) = 0");
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
