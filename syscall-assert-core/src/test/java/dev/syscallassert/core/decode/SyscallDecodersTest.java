package dev.syscallassert.core.decode;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.core.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected lines were recorded with strace 6.1 on x86_64 (strace -f ./prog), running small C programs that make the
 * same calls; the fake tracee holds the same bytes the real process had.
 */
class SyscallDecodersTest {

    /** The current table, with strace's argument counts for the few undecoded calls these tests use. */
    private static final SyscallTable TABLE = new SyscallTable() {
        private final SyscallTable real = SyscallTable.current();
        private final Map<String, Integer> nargs = Map.of("rseq", 4, "getpid", 0);
        public String architecture() { return real.architecture(); }
        public String name(int number) { return real.name(number); }
        public OptionalInt number(String name) { return real.number(name); }
        public Set<SyscallCategory> categories(int number) { return Collections.emptySet(); }
        public int argumentCount(int number) { return nargs.getOrDefault(name(number), 6); }
        public int[] numbersIn(SyscallCategory category) { return new int[0]; }
        public List<String> names() { return real.names(); }
        public int maxNumber() { return real.maxNumber(); }
        public List<String> nearestNames(String name, int max) { return List.of(); }
    };

    private static final long AT_FDCWD = -100;
    private static final long O_WRONLY = 01, O_RDWR = 02, O_CREAT = 0100, O_TRUNC = 01000, O_APPEND = 02000,
            O_NONBLOCK = 04000, O_DIRECT = 040000, O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000,
            O_NOATIME = 01000000, O_CLOEXEC = 02000000, O_SYNC = 04010000, O_PATH = 010000000,
            O_TMPFILE = 020200000;

    private final SyscallDecoders decoders = new SyscallDecoders(TABLE);
    private final FakeTracee t = new FakeTracee().cwd("/tmp/dec");
    private DecodedCall last;

    private int nr(String name) {
        return TABLE.number(name).orElseThrow();
    }

    /** Decodes entry and exit as the tracer would and renders the strace line. */
    private String call(String name, long ret, long... args) {
        return call(name, ret, () -> { }, args);
    }

    /** {@code kernel} changes the tracee's memory between the entry and the exit, as the call would. */
    private String call(String name, long ret, Runnable kernel, long... args) {
        DecodedCall d = decoders.decodeEntry(nr(name), args, t);
        kernel.run();
        boolean failed = ret < 0 && ret > -4096;
        decoders.decodeExit(nr(name), args, ret, failed, t, d);
        last = d;
        return name + "(" + String.join(", ", d.renderedArgs) + ") = "
                + (d.renderedReturn != null ? d.renderedReturn : Long.toString(ret));
    }

    // ------------------------------------------------------------------------------------------------ files

    @Test
    void openatWithFlagsAndMode() {
        assertThat(call("openat", 3, AT_FDCWD, t.string("/etc/hosts"), O_CLOEXEC))
                .isEqualTo("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3");
        assertThat(last.path).isEqualTo("/etc/hosts");
        assertThat(last.fdPath).isNull();

        assertThat(call("openat", 5, AT_FDCWD, t.string("/tmp/dec/x.txt"),
                O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NONBLOCK, 0640))
                .isEqualTo("openat(AT_FDCWD, \"/tmp/dec/x.txt\", O_WRONLY|O_CREAT|O_TRUNC|O_APPEND|O_NONBLOCK, 0640) = 5");
        assertThat(call("openat", -2, AT_FDCWD,
                t.string("/tmp/dec/this/is/a/very/long/path/name/that/goes/beyond/thirty-two/chars"),
                O_DIRECTORY | O_NOFOLLOW))
                .isEqualTo("openat(AT_FDCWD, \"/tmp/dec/this/is/a/very/long/path/name/that/goes/beyond/thirty-two/chars\","
                        + " O_RDONLY|O_NOFOLLOW|O_DIRECTORY) = -1 ENOENT (No such file or directory)");
        assertThat(call("openat", 3, AT_FDCWD, t.string("/etc"), O_SYNC | O_DIRECT | O_NOATIME | O_PATH | 0x40000000))
                .isEqualTo("openat(AT_FDCWD, \"/etc\", O_RDONLY|O_SYNC|O_DIRECT|O_NOATIME|O_PATH|0x40000000) = 3");
        assertThat(call("openat", -2, AT_FDCWD, t.string("/tmp/dec/é"), O_RDWR | O_TMPFILE, 0600))
                .isEqualTo("openat(AT_FDCWD, \"/tmp/dec/\\303\\251\", O_RDWR|O_TMPFILE, 0600)"
                        + " = -1 ENOENT (No such file or directory)");
        assertThat(call("open", 5, t.string("/etc/hosts"), 0)).isEqualTo("open(\"/etc/hosts\", O_RDONLY) = 5");
        assertThat(call("creat", 5, t.string("/tmp/dec/c.txt"), 0600)).isEqualTo("creat(\"/tmp/dec/c.txt\", 0600) = 5");
    }

    @Test
    void relativePathsAreResolvedAgainstCwdOrDirfdWithoutTouchingSymlinks() {
        call("openat", -2, AT_FDCWD, t.string("a/../b/./c//d"), 0);
        assertThat(last.path).isEqualTo("/tmp/dec/b/c/d");
        call("open", -2, t.string("../../../../x/"), 0);
        assertThat(last.path).isEqualTo("/x");

        t.fd(4, "/tmp");
        assertThat(call("openat", 5, 4, t.string("dec/t.c"), 0)).isEqualTo("openat(4, \"dec/t.c\", O_RDONLY) = 5");
        assertThat(last.path).isEqualTo("/tmp/dec/t.c");
        assertThat(last.fdPath).isEqualTo("/tmp");

        // an absolute path ignores the dirfd
        call("openat", 5, 4, t.string("//etc//./passwd"), 0);
        assertThat(last.path).isEqualTo("/etc/passwd");
    }

    @Test
    void emptyPathWithAtEmptyPathNamesTheDirfd() {
        t.fd(3, "/usr/lib/x86_64-linux-gnu/libc.so.6");
        long st = t.put(stat(0100755, 0, 1926232));
        assertThat(call("newfstatat", 0, 3, t.string(""), st, 0x1000))
                .isEqualTo("newfstatat(3, \"\", {st_mode=S_IFREG|0755, st_size=1926232, ...}, AT_EMPTY_PATH) = 0");
        assertThat(last.path).isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(last.fdPath).isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6");

        // without the flag an empty path names nothing (the kernel says ENOENT)
        call("newfstatat", -2, 3, t.string(""), st, 0);
        assertThat(last.path).isNull();
    }

    @Test
    void statBuffersAtExitAndPointersOnFailure() {
        long st = t.put(stat(0100644, 0, 49));
        assertThat(call("newfstatat", 0, AT_FDCWD, t.string("/etc/hosts"), st, 0))
                .isEqualTo("newfstatat(AT_FDCWD, \"/etc/hosts\", {st_mode=S_IFREG|0644, st_size=49, ...}, 0) = 0");
        assertThat(call("newfstatat", -2, AT_FDCWD, t.string("/nonexistent/x"), 0x7ffe7cb11400L, 0x100))
                .isEqualTo("newfstatat(AT_FDCWD, \"/nonexistent/x\", 0x7ffe7cb11400, AT_SYMLINK_NOFOLLOW)"
                        + " = -1 ENOENT (No such file or directory)");
        long dev = t.put(stat(020666, 0x103, 0));
        assertThat(call("newfstatat", 0, AT_FDCWD, t.string("/dev/null"), dev, 0))
                .isEqualTo("newfstatat(AT_FDCWD, \"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, 0) = 0");
        long tmp = t.put(stat(041777, 0, 4096));
        assertThat(call("newfstatat", 0, AT_FDCWD, t.string("/tmp"), tmp, 0))
                .isEqualTo("newfstatat(AT_FDCWD, \"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}, 0) = 0");
        t.fd(3, "/etc/hosts");
        assertThat(call("fstat", 0, 3, st)).isEqualTo("fstat(3, {st_mode=S_IFREG|0644, st_size=49, ...}) = 0");
        assertThat(last.fdPath).isEqualTo("/etc/hosts");
        assertThat(call("stat", 0, t.string("hosts"), st)).isEqualTo("stat(\"hosts\", {st_mode=S_IFREG|0644, st_size=49, ...}) = 0");
        assertThat(last.path).isEqualTo("/tmp/dec/hosts");
    }

    @Test
    void statx() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x1fff).putLong(8, 0).putShort(28, (short) 040755).putLong(40, 4096);
        long buf = t.put(b.array());
        assertThat(call("statx", 0, AT_FDCWD, t.string("/etc"), 0x100, 0xfff, buf))
                .isEqualTo("statx(AT_FDCWD, \"/etc\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_ALL,"
                        + " {stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0");
        b.putInt(0, 0x17ff).putLong(8, 0x2000).putShort(28, (short) 040555).putLong(40, 0);
        long buf2 = t.put(b.array());
        assertThat(call("statx", 0, AT_FDCWD, t.string("/proc"), 0, 0x100001, buf2))
                .isEqualTo("statx(AT_FDCWD, \"/proc\", AT_STATX_SYNC_AS_STAT, STATX_TYPE|0x100000, {stx_mask="
                        + "STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0555,"
                        + " stx_size=0, ...}) = 0");
    }

    @Test
    void accessFamily() {
        assertThat(call("access", 0, t.string("/etc/passwd"), 6)).isEqualTo("access(\"/etc/passwd\", R_OK|W_OK) = 0");
        assertThat(call("access", 0, t.string("/etc"), 0)).isEqualTo("access(\"/etc\", F_OK) = 0");
        assertThat(call("faccessat2", -2, AT_FDCWD, t.string("x"), 1, 0x200))
                .isEqualTo("faccessat2(AT_FDCWD, \"x\", X_OK, AT_EACCESS) = -1 ENOENT (No such file or directory)");
        assertThat(call("faccessat2", 0, AT_FDCWD, t.string("/etc"), 4, 0x300))
                .isEqualTo("faccessat2(AT_FDCWD, \"/etc\", R_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS) = 0");
        assertThat(call("faccessat2", -22, 1, 0x1000, -1, 0))
                .isEqualTo("faccessat2(1, 0x1000, R_OK|W_OK|X_OK|0xfffffff8, 0) = -1 EINVAL (Invalid argument)");
    }

    @Test
    void openat2OpenHow() {
        long how = t.put(le64(O_CLOEXEC, 0, 0x0c));
        assertThat(call("openat2", -18, AT_FDCWD, t.string("/etc/hosts"), how, 24))
                .isEqualTo("openat2(AT_FDCWD, \"/etc/hosts\", {flags=O_RDONLY|O_CLOEXEC,"
                        + " resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24) = -1 EXDEV (Invalid cross-device link)");
        long how2 = t.put(le64(O_WRONLY | O_CREAT | O_TRUNC, 0644, 0));
        assertThat(call("openat2", 4, AT_FDCWD, t.string("/tmp/dec/oh"), how2, 24))
                .isEqualTo("openat2(AT_FDCWD, \"/tmp/dec/oh\", {flags=O_WRONLY|O_CREAT|O_TRUNC, mode=0644, resolve=0}, 24) = 4");
        assertThat(last.openFlags).isEqualTo(O_WRONLY | O_CREAT | O_TRUNC);
        assertThat(call("openat2", -14, AT_FDCWD, t.string("/x"), 0x10, 24))
                .isEqualTo("openat2(AT_FDCWD, \"/x\", 0x10, 24) = -1 EFAULT (Bad address)");
        assertThat(last.openFlags).as("open_how unreadable").isNull();
    }

    @Test
    void carriesTheSocketErrorOfGetsockoptSoError() {
        long value = t.put(le32(111));
        long len = t.put(le32(4));
        call("getsockopt", 0, 3, 1, 4, value, len); // SOL_SOCKET, SO_ERROR
        assertThat(last.socketError).isEqualTo(111);
        call("getsockopt", 0, 3, 1, 7, value, len); // SO_SNDBUF: not an error value
        assertThat(last.socketError).isNull();
        call("getsockopt", -9, 3, 1, 4, value, len); // EBADF: nothing was written
        assertThat(last.socketError).isNull();
        call("getsockopt", 0, 3, 1, 4, 0x10, len); // unreadable
        assertThat(last.socketError).isNull();
    }

    @Test
    void carriesOpenAndCloneFlagsAsValues() {
        call("openat", 3, AT_FDCWD, t.string("/etc/hosts"), O_CLOEXEC);
        assertThat(last.openFlags).isEqualTo(O_CLOEXEC);
        call("creat", 5, t.string("/tmp/dec/c.txt"), 0600);
        assertThat(last.openFlags).isEqualTo(O_WRONLY | O_CREAT | O_TRUNC);
        call("read", 0, 3, 0, 0);
        assertThat(last.openFlags).isNull();
        assertThat(last.cloneFlags).isNull();
        long cloneArgs = t.put(le64(0x3d0f00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        call("clone3", 4242, cloneArgs, 88);
        assertThat(last.cloneFlags).isEqualTo(0x3d0f00L);
        call("clone3", -14, 0x10, 88);
        assertThat(last.cloneFlags).as("clone_args unreadable").isNull();
        call("clone", 4243, 0x1200011, 0, 0, 0x7f0000000a10L, 0);
        assertThat(last.cloneFlags).isEqualTo(0x1200011L);
        call("fork", 4244);
        assertThat(last.cloneFlags).isEqualTo(17L); // SIGCHLD
        call("vfork", 4245);
        assertThat(last.cloneFlags).isEqualTo(0x4000L | 0x100L | 17L); // CLONE_VFORK|CLONE_VM|SIGCHLD
    }

    @Test
    void badPointersAreShownAsAddresses() {
        assertThat(call("openat", -14, AT_FDCWD, 0x10, 0))
                .isEqualTo("openat(AT_FDCWD, 0x10, O_RDONLY) = -1 EFAULT (Bad address)");
        assertThat(last.path).isNull();
        assertThat(call("write", -14, 1, 0x10, 3)).isEqualTo("write(1, 0x10, 3) = -1 EFAULT (Bad address)");
        assertThat(call("read", -9, 0x7ffff, 0x7fffb18f4906L, 10))
                .isEqualTo("read(524287, 0x7fffb18f4906, 10) = -1 EBADF (Bad file descriptor)");
        assertThat(call("connect", -14, 7, 0x10, 16)).isEqualTo("connect(7, 0x10, 16) = -1 EFAULT (Bad address)");
        assertThat(last.address).isNull();
    }

    @Test
    void namespaceCallsWithTwoPaths() {
        assertThat(call("rename", 0, t.string("/tmp/dec/x.txt"), t.string("/tmp/dec/y.txt")))
                .isEqualTo("rename(\"/tmp/dec/x.txt\", \"/tmp/dec/y.txt\") = 0");
        assertThat(call("renameat2", 0, AT_FDCWD, t.string("x.txt"), AT_FDCWD, t.string("z.txt"), 1))
                .isEqualTo("renameat2(AT_FDCWD, \"x.txt\", AT_FDCWD, \"z.txt\", RENAME_NOREPLACE) = 0");
        assertThat(last.path).isEqualTo("/tmp/dec/x.txt");
        assertThat(last.path2).isEqualTo("/tmp/dec/z.txt");
        t.fd(5, "/var");
        call("renameat", 0, AT_FDCWD, t.string("y.txt"), 5, t.string("log/x"));
        assertThat(last.path2).isEqualTo("/var/log/x");
        assertThat(call("linkat", 0, AT_FDCWD, t.string("l.txt"), AT_FDCWD, t.string("l2.txt"), 0x400))
                .isEqualTo("linkat(AT_FDCWD, \"l.txt\", AT_FDCWD, \"l2.txt\", AT_SYMLINK_FOLLOW) = 0");
        assertThat(call("link", 0, t.string("z.txt"), t.string("l.txt"))).isEqualTo("link(\"z.txt\", \"l.txt\") = 0");
        assertThat(call("symlink", 0, t.string("z.txt"), t.string("sub/s.txt")))
                .isEqualTo("symlink(\"z.txt\", \"sub/s.txt\") = 0");
        // the target is relative to the link's directory, not to the cwd
        assertThat(last.path).isEqualTo("/tmp/dec/sub/z.txt");
        assertThat(last.path2).isEqualTo("/tmp/dec/sub/s.txt");
        assertThat(call("symlinkat", 0, t.string("/etc"), AT_FDCWD, t.string("s2")))
                .isEqualTo("symlinkat(\"/etc\", AT_FDCWD, \"s2\") = 0");
        assertThat(last.path).isEqualTo("/etc");
        assertThat(last.path2).isEqualTo("/tmp/dec/s2");
    }

    @Test
    void modesOwnersAndDirectories() {
        assertThat(call("chmod", 0, t.string("z.txt"), 04755)).isEqualTo("chmod(\"z.txt\", 04755) = 0");
        assertThat(call("fchmodat", 0, AT_FDCWD, t.string("z.txt"), 0644)).isEqualTo("fchmodat(AT_FDCWD, \"z.txt\", 0644) = 0");
        assertThat(call("chown", 0, t.string("z.txt"), 0, 0)).isEqualTo("chown(\"z.txt\", 0, 0) = 0");
        assertThat(call("lchown", 0, t.string("s.txt"), 0xffffffffL, 1000)).isEqualTo("lchown(\"s.txt\", -1, 1000) = 0");
        assertThat(call("fchownat", 0, AT_FDCWD, t.string("z.txt"), 1, 2, 0x100))
                .isEqualTo("fchownat(AT_FDCWD, \"z.txt\", 1, 2, AT_SYMLINK_NOFOLLOW) = 0");
        assertThat(call("truncate", 0, t.string("z.txt"), 100)).isEqualTo("truncate(\"z.txt\", 100) = 0");
        assertThat(call("mkdir", -2, t.string("/nonexistent/x"), 0))
                .isEqualTo("mkdir(\"/nonexistent/x\", 000) = -1 ENOENT (No such file or directory)");
        assertThat(call("mkdirat", 0, AT_FDCWD, t.string("d2"), 0700)).isEqualTo("mkdirat(AT_FDCWD, \"d2\", 0700) = 0");
        assertThat(last.path).isEqualTo("/tmp/dec/d2");
        assertThat(call("rmdir", 0, t.string("d2"))).isEqualTo("rmdir(\"d2\") = 0");
        assertThat(call("unlinkat", -2, AT_FDCWD, t.string("/tmp/dec/d"), 0x200))
                .isEqualTo("unlinkat(AT_FDCWD, \"/tmp/dec/d\", AT_REMOVEDIR) = -1 ENOENT (No such file or directory)");
        assertThat(call("unlink", 0, t.string("/tmp/dec/c.txt"))).isEqualTo("unlink(\"/tmp/dec/c.txt\") = 0");
        assertThat(call("chdir", 0, t.string("/tmp"))).isEqualTo("chdir(\"/tmp\") = 0");
    }

    @Test
    void readlinkShowsTheResultAtExit() {
        long buf = t.put(new byte[300]);
        assertThat(call("readlink", 3, () -> t.write(buf, "/tmp/dec/t3".getBytes(StandardCharsets.US_ASCII)),
                t.string("/proc/self/exe"), buf, 3))
                .isEqualTo("readlink(\"/proc/self/exe\", \"/tm\", 3) = 3");
        assertThat(call("readlinkat", -2, AT_FDCWD, t.string("/nonexist"), 0x7ffe7cb11490L, 10))
                .isEqualTo("readlinkat(AT_FDCWD, \"/nonexist\", 0x7ffe7cb11490, 10) = -1 ENOENT (No such file or directory)");
    }

    @Test
    void pathsAreNeverShortenedButDataIs() {
        String dir = "/tmp/dec/a-rather-long-directory-name-for-testing/and-more";
        long buf = t.put(new byte[300]);
        assertThat(call("getcwd", 59, () -> t.write(buf, (dir + "\0").getBytes(StandardCharsets.US_ASCII)), buf, 300))
                .isEqualTo("getcwd(\"" + dir + "\", 300) = 59");
        assertThat(call("symlink", 0, t.string(dir), t.string("/tmp/dec/lnk")))
                .isEqualTo("symlink(\"" + dir + "\", \"/tmp/dec/lnk\") = 0");
        long link = t.put(new byte[300]);
        assertThat(call("readlink", 58, () -> t.write(link, dir.getBytes(StandardCharsets.US_ASCII)),
                t.string("/tmp/dec/lnk"), link, 300))
                .isEqualTo("readlink(\"/tmp/dec/lnk\", \"/tmp/dec/a-rather-long-directory\"..., 300) = 58");
        assertThat(call("write", 0, 1, t.string(""), 0)).isEqualTo("write(1, \"\", 0) = 0");
        assertThat(call("write", 32, 1, t.string("0123456789012345678901234567890123"), 32))
                .isEqualTo("write(1, \"01234567890123456789012345678901\", 32) = 32");
    }

    // ------------------------------------------------------------------------------------------------ fds and data

    @Test
    void readWriteAndTheirFdPath() {
        t.fd(3, "/etc/hosts").fd(5, "/tmp/dec/x.txt");
        byte[] data = "hello\n\t\"x\\\001\377end of a very long string that goes on".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(data).hasSize(50);
        assertThat(call("write", 50, 5, t.put(data), 50))
                .isEqualTo("write(5, \"hello\\n\\t\\\"x\\\\\\1\\377end of a very long s\"..., 50) = 50");
        assertThat(last.fdPath).isEqualTo("/tmp/dec/x.txt");

        long buf = t.put(new byte[300]);
        assertThat(call("read", 10, () -> t.write(buf, "127.0.0.1 localhost".getBytes(StandardCharsets.US_ASCII)), 3, buf, 10))
                .isEqualTo("read(3, \"127.0.0.1 \", 10) = 10");
        assertThat(last.fdPath).isEqualTo("/etc/hosts");
        assertThat(call("pread64", 5, () -> t.write(buf, ".0.0.".getBytes(StandardCharsets.US_ASCII)), 3, buf, 5, 3))
                .isEqualTo("pread64(3, \".0.0.\", 5, 3) = 5");
        assertThat(call("pwrite64", 1, 5, t.string("z"), 1, 7)).isEqualTo("pwrite64(5, \"z\", 1, 7) = 1");
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, '>', 0, 1, 0, 0, 0, 0x10, 't', 2, 0, 0, 0, 0, 0, 0x40};
        assertThat(call("read", 832, 3, t.put(elf), 832))
                .isEqualTo("read(3, \"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\20t\\2\\0\\0\\0\\0\\0\"..., 832) = 832");

        assertThat(call("close", 0, 5)).isEqualTo("close(5) = 0");
        assertThat(last.fdPath).isEqualTo("/tmp/dec/x.txt");
        assertThat(call("fsync", 0, 5)).isEqualTo("fsync(5) = 0");
        assertThat(call("ftruncate", 0, 5, 3)).isEqualTo("ftruncate(5, 3) = 0");
        assertThat(call("lseek", 49, 3, 0, 2)).isEqualTo("lseek(3, 0, SEEK_END) = 49");
        assertThat(call("lseek", -22, 4, 0, 7)).isEqualTo("lseek(4, 0, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)");
        assertThat(call("dup3", 50, 5, 50, O_CLOEXEC)).isEqualTo("dup3(5, 50, O_CLOEXEC) = 50");
    }

    @Test
    void iovecs() {
        long iov = t.put(iovec(t.string("ab"), 2, t.string("cd"), 2));
        assertThat(call("writev", 4, 5, iov, 2))
                .isEqualTo("writev(5, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\", iov_len=2}], 2) = 4");
        long b1 = t.put(new byte[2]);
        long b2 = t.put(new byte[30]);
        long riov = t.put(iovec(b1, 2, b2, 30));
        assertThat(call("readv", 32, () -> {
            t.write(b1, "12".getBytes(StandardCharsets.US_ASCII));
            t.write(b2, "7.0.0.1 localhost\n127.0.0.1 ru".getBytes(StandardCharsets.US_ASCII));
        }, 5, riov, 2)).isEqualTo("readv(5, [{iov_base=\"12\", iov_len=2},"
                + " {iov_base=\"7.0.0.1 localhost\\n127.0.0.1 ru\", iov_len=30}], 2) = 32");
    }

    @Test
    void fdPairsAndSendfileOffset() {
        long fds = t.put(new byte[8]);
        assertThat(call("pipe2", 0, () -> { t.writeInt(fds, 16); t.writeInt(fds + 4, 17); }, fds, O_CLOEXEC))
                .isEqualTo("pipe2([16, 17], O_CLOEXEC) = 0");
        assertThat(call("socketpair", 0, () -> { t.writeInt(fds, 14); t.writeInt(fds + 4, 15); }, 1, 1, 0, fds))
                .isEqualTo("socketpair(AF_UNIX, SOCK_STREAM, 0, [14, 15]) = 0");
        long off = t.put(new byte[8]);
        assertThat(call("sendfile", 10, () -> t.writeInt(off, 10), 14, 20, off, 10))
                .isEqualTo("sendfile(14, 20, [0] => [10], 10) = 10");
        assertThat(call("sendfile", 10, 14, 20, 0, 10)).isEqualTo("sendfile(14, 20, NULL, 10) = 10");
    }

    // ------------------------------------------------------------------------------------------------ network

    @Test
    void socketArguments() {
        assertThat(call("socket", 6, 10, 1 | 02000000, 0)).isEqualTo("socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 6");
        assertThat(call("socket", 8, 2, 2 | 04000, 17)).isEqualTo("socket(AF_INET, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_UDP) = 8");
        assertThat(call("socket", 9, 1, 1, 0)).isEqualTo("socket(AF_UNIX, SOCK_STREAM, 0) = 9");
        assertThat(call("socket", 6, 10, 3, 58)).isEqualTo("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6) = 6");
        assertThat(call("socket", -22, 12345, 77, 3))
                .isEqualTo("socket(0x3039 /* AF_??? */, 0x4d /* SOCK_??? */, 3) = -1 EINVAL (Invalid argument)");
        assertThat(call("listen", 0, 9, 5)).isEqualTo("listen(9, 5) = 0");
    }

    @Test
    void inetAddresses() {
        t.fd(6, "socket:[1234]");
        long v4mapped = t.put(sockaddrIn6(8080, 0, "::ffff:127.0.0.1", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1}, 0));
        assertThat(call("connect", -111, 6, v4mapped, 28))
                .isEqualTo("connect(6, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0),"
                        + " inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr), sin6_scope_id=0}, 28)"
                        + " = -1 ECONNREFUSED (Connection refused)");
        assertThat(last.address).isEqualTo("127.0.0.1:8080");
        assertThat(last.fdPath).isEqualTo("socket:[1234]");

        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertThat(call("connect", -115, 7, t.put(sockaddrIn6(8080, 5, null, loopback, 0)), 28))
                .isEqualTo("connect(7, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(5),"
                        + " inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28)"
                        + " = -1 EINPROGRESS (Operation now in progress)");
        assertThat(last.address).isEqualTo("[::1]:8080");

        byte[] doc = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42};
        assertThat(call("sendto", -101, 11, t.string("x"), 1, 0, t.put(sockaddrIn6(443, 0, null, doc, 0)), 28))
                .isEqualTo("sendto(11, \"x\", 1, 0, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0),"
                        + " inet_pton(AF_INET6, \"2001:db8::42\", &sin6_addr), sin6_scope_id=0}, 28)"
                        + " = -1 ENETUNREACH (Network is unreachable)");
        assertThat(last.address).isEqualTo("[2001:db8::42]:443");

        assertThat(call("bind", 0, 8, t.put(sockaddrIn(0, 127, 0, 0, 1)), 16))
                .isEqualTo("bind(8, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
        assertThat(last.address).isEqualTo("127.0.0.1:0");

        // shorter than sockaddr_in: strace shows the raw sa_data, and there is no address to report
        assertThat(call("connect", -22, 12, t.put(sockaddrIn(80, 10, 0, 0, 1)), 8))
                .isEqualTo("connect(12, {sa_family=AF_INET, sa_data=\"\\0P\\n\\0\\0\\1\"}, 8) = -1 EINVAL (Invalid argument)");
        assertThat(last.address).isNull();
    }

    @Test
    void ipv6TextMatchesInetNtop() {
        assertThat(Sockaddrs.inet6Text(new byte[16])).isEqualTo("::");
        byte[] fe80 = new byte[16];
        fe80[0] = (byte) 0xfe;
        fe80[1] = (byte) 0x80;
        fe80[15] = 1;
        assertThat(Sockaddrs.inet6Text(fe80)).isEqualTo("fe80::1");
        byte[] compat = new byte[16];
        compat[12] = 10;
        compat[15] = 2;
        assertThat(Sockaddrs.inet6Text(compat)).isEqualTo("::10.0.0.2");
        byte[] single = {0x20, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        assertThat(Sockaddrs.inet6Text(single)).isEqualTo("2001:0:1:1:1:1:1:1");
        byte[] two = {0x20, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
        assertThat(Sockaddrs.inet6Text(two)).isEqualTo("2001:0:0:1::1");
    }

    @Test
    void unixAddresses() {
        byte[] named = new byte[110];
        named[0] = 1;
        System.arraycopy("/tmp/dec/sock".getBytes(StandardCharsets.US_ASCII), 0, named, 2, 13);
        assertThat(call("bind", 0, 9, t.put(named), 110))
                .isEqualTo("bind(9, {sa_family=AF_UNIX, sun_path=\"/tmp/dec/sock\"}, 110) = 0");
        assertThat(last.address).isEqualTo("unix:/tmp/dec/sock");

        byte[] abstractName = {1, 0, 0, 'a', 'b', 's', 't', 'r', 'a', 'c', 't'};
        assertThat(call("bind", 0, 11, t.put(abstractName), 11))
                .isEqualTo("bind(11, {sa_family=AF_UNIX, sun_path=@\"abstract\"}, 11) = 0");
        assertThat(last.address).isEqualTo("unix:@abstract");

        byte[] odd = {1, 0, 0, 'a', 'b', 0, 'c', '\n'};
        assertThat(call("connect", -111, 9, t.put(odd), 8))
                .isEqualTo("connect(9, {sa_family=AF_UNIX, sun_path=@\"ab\\0c\\n\"}, 8) = -1 ECONNREFUSED (Connection refused)");
        assertThat(last.address).isEqualTo("unix:@ab\0c\n");

        assertThat(call("bind", 0, 9, t.put(new byte[] {1, 0}), 2)).isEqualTo("bind(9, {sa_family=AF_UNIX}, 2) = 0");
        assertThat(last.address).isEqualTo("unix:");
    }

    @Test
    void acceptLikeCallsDecodeTheAddressAtExit() {
        long peer = t.put(new byte[110]);
        long len = t.int32(110);
        assertThat(call("accept4", 13, () -> {
            t.write(peer, new byte[] {1, 0});
            t.writeInt(len, 2);
        }, 9, peer, len, 02000000)).isEqualTo("accept4(9, {sa_family=AF_UNIX}, [110 => 2], SOCK_CLOEXEC) = 13");
        assertThat(last.address).isEqualTo("unix:");

        long in = t.put(new byte[16]);
        long inLen = t.int32(16);
        assertThat(call("getsockname", 0, () -> t.write(in, sockaddrIn(33103, 127, 0, 0, 1)), 8, in, inLen))
                .isEqualTo("getsockname(8, {sa_family=AF_INET, sin_port=htons(33103), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");
        assertThat(last.address).isEqualTo("127.0.0.1:33103");

        long unix = t.put(new byte[110]);
        long unixLen = t.int32(110);
        byte[] named = new byte[16];
        named[0] = 1;
        System.arraycopy("/tmp/dec/sock".getBytes(StandardCharsets.US_ASCII), 0, named, 2, 13);
        assertThat(call("getpeername", 0, () -> { t.write(unix, named); t.writeInt(unixLen, 16); }, 12, unix, unixLen))
                .isEqualTo("getpeername(12, {sa_family=AF_UNIX, sun_path=\"/tmp/dec/sock\"}, [110 => 16]) = 0");
        assertThat(last.address).isEqualTo("unix:/tmp/dec/sock");

        long small = t.int32(1);
        long smallBuf = t.put(new byte[110]);
        assertThat(call("getsockname", 0, () -> t.writeInt(small, 2), 3, smallBuf, small))
                .isEqualTo("getsockname(3, 0x" + Long.toHexString(smallBuf) + ", [1 => 2]) = 0");

        assertThat(call("accept", 25, 21, 0, 0)).isEqualTo("accept(21, NULL, NULL) = 25");
        assertThat(call("accept", -11, 21, in, t.int32(16)))
                .isEqualTo("accept(21, 0x" + Long.toHexString(in) + ", [16]) = -1 EAGAIN (Resource temporarily unavailable)");
    }

    @Test
    void sendtoRecvfrom() {
        long to = t.put(sockaddrIn(33103, 127, 0, 0, 1));
        assertThat(call("sendto", 2, 8, t.string("hi"), 2, 0x4040, to, 16))
                .isEqualTo("sendto(8, \"hi\", 2, MSG_DONTWAIT|MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(33103),"
                        + " sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 2");
        assertThat(last.address).isEqualTo("127.0.0.1:33103");
        long buf = t.put(new byte[100]);
        long from = t.put(new byte[16]);
        long fromLen = t.int32(16);
        assertThat(call("recvfrom", 2, () -> {
            t.write(buf, "hi".getBytes(StandardCharsets.US_ASCII));
            t.write(from, sockaddrIn(33103, 127, 0, 0, 1));
        }, 8, buf, 100, 0, from, fromLen))
                .isEqualTo("recvfrom(8, \"hi\", 100, 0, {sa_family=AF_INET, sin_port=htons(33103),"
                        + " sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 2");
        assertThat(last.address).isEqualTo("127.0.0.1:33103");
        assertThat(call("sendto", 1, 3, t.string("x"), 1, 0, 0, 0)).isEqualTo("sendto(3, \"x\", 1, 0, NULL, 0) = 1");
        assertThat(last.address).isNull();
        assertThat(call("recvfrom", 1, () -> t.write(buf, "x".getBytes(StandardCharsets.US_ASCII)), 4, buf, 64, 0, 0, 0))
                .isEqualTo("recvfrom(4, \"x\", 64, 0, NULL, NULL) = 1");
    }

    @Test
    void sendmsgRecvmsg() {
        long iov = t.put(iovec(t.string("hello"), 5));
        long msg = t.put(msghdr(0, 0, iov, 1, 0));
        assertThat(call("sendmsg", 5, 3, msg, 0x40))
                .isEqualTo("sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=5}],"
                        + " msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_DONTWAIT) = 5");

        long name = t.put(new byte[128]);
        long data = t.put(new byte[64]);
        long riov = t.put(iovec(data, 64));
        long rmsg = t.put(msghdr(name, 128, riov, 1, 0));
        assertThat(call("recvmsg", 3, () -> {
            t.write(name, sockaddrIn(9, 127, 0, 0, 1));
            t.writeInt(rmsg + 8, 16);
            t.write(data, "abc".getBytes(StandardCharsets.US_ASCII));
        }, 6, rmsg, 0x40)).isEqualTo("recvmsg(6, {msg_name={sa_family=AF_INET, sin_port=htons(9),"
                + " sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=128 => 16, msg_iov=[{iov_base=\"abc\", iov_len=64}],"
                + " msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_DONTWAIT) = 3");
        assertThat(last.address).isEqualTo("127.0.0.1:9");
        assertThat(call("recvmsg", -11, 6, rmsg, 0x40))
                .isEqualTo("recvmsg(6, {msg_namelen=16}, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)");
    }

    // ------------------------------------------------------------------------------------------------ exec

    @Test
    void execveArgvAndEnvironment() {
        long argv = t.pointers(t.string("/bin/true"), t.string("-l"), t.string("a \"q\""));
        long envp = t.pointers(t.string("A=1"), t.string("B=2"));
        assertThat(call("execve", 0, t.string("/bin/true"), argv, envp))
                .isEqualTo("execve(\"/bin/true\", [\"/bin/true\", \"-l\", \"a \\\"q\\\"\"], 0x" + Long.toHexString(envp)
                        + " /* 2 vars */) = 0");
        assertThat(last.argv).containsExactly("/bin/true", "-l", "a \"q\"");
        assertThat(last.path).isEqualTo("/bin/true");

        assertThat(call("execve", -2, t.string("/nonexistent"), t.pointers(t.string("x"), 0x10), 0))
                .isEqualTo("execve(\"/nonexistent\", [\"x\", 0x10], NULL) = -1 ENOENT (No such file or directory)");
        assertThat(last.argv).containsExactly("x");
        assertThat(call("execve", -2, t.string("/nonexistent"), 0x10, 0x20))
                .isEqualTo("execve(\"/nonexistent\", 0x10, 0x20) = -1 ENOENT (No such file or directory)");
        assertThat(last.argv).isNull();

        long[] many = new long[39];
        long a = t.string("a");
        java.util.Arrays.fill(many, a);
        long empty = t.pointers();
        String shown = String.join(", ", Collections.nCopies(32, "\"a\""));
        assertThat(call("execve", -2, t.string("/nonexistent"), t.pointers(many), empty))
                .isEqualTo("execve(\"/nonexistent\", [" + shown + ", ...], 0x" + Long.toHexString(empty)
                        + " /* 0 vars */) = -1 ENOENT (No such file or directory)");
        assertThat(last.argv).hasSize(39);

        String longArg = "x".repeat(40);
        call("execve", -2, t.string("/x"), t.pointers(t.string(longArg)), 0);
        assertThat(last.renderedArgs[1]).isEqualTo("[\"" + "x".repeat(32) + "\"...]");
        assertThat(last.argv).containsExactly(longArg);

        t.fd(4, "/usr/bin/env");
        long one = t.pointers(t.string("A=1"));
        assertThat(call("execveat", -13, 4, t.string(""), t.pointers(t.string("a")), one, 0x1000))
                .isEqualTo("execveat(4, \"\", [\"a\"], 0x" + Long.toHexString(one) + " /* 1 var */, AT_EMPTY_PATH)"
                        + " = -1 EACCES (Permission denied)");
        assertThat(last.path).isEqualTo("/usr/bin/env");
    }

    // ------------------------------------------------------------------------------------------------ the rest

    @Test
    void memoryCallsAndHexReturns() {
        assertThat(call("mmap", 0x7f3b877dd000L, 0, 8192, 3, 0x22, -1, 0))
                .isEqualTo("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f3b877dd000");
        assertThat(call("mmap", 0x7f3b87618000L, 0x7f3b87618000L, 1400832, 5, 0x812, 3, 0x26000))
                .isEqualTo("mmap(0x7f3b87618000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3,"
                        + " 0x26000) = 0x7f3b87618000");
        assertThat(call("brk", 0x559d81a85000L, 0)).isEqualTo("brk(NULL) = 0x559d81a85000");
        assertThat(call("mprotect", 0, 0x7f3b877c1000L, 16384, 1)).isEqualTo("mprotect(0x7f3b877c1000, 16384, PROT_READ) = 0");
    }

    @Test
    void undecodedCallsShowTheirArgumentsInHex() {
        assertThat(call("rseq", 0, 0x7f3b875f0060L, 0x20, 0, 0x53053053))
                .isEqualTo("rseq(0x7f3b875f0060, 0x20, 0, 0x53053053) = 0");
        assertThat(call("getpid", 12011)).isEqualTo("getpid() = 12011");
        t.fd(4, "/tmp");
        call("getdents64", 10, 4, 0x1000, 0x8000);
        assertThat(last.fdPath).isEqualTo("/tmp");
    }

    @Test
    void neverThrowsEvenWhenTheTraceeDoes() {
        TraceeAccess hostile = new TraceeAccess() {
            public int pid() { return 1; }
            public int tid() { return 1; }
            public byte[] read(long address, int length) { throw new IllegalStateException("boom"); }
            public String readString(long address, int maxBytes) { throw new IllegalStateException("boom"); }
            public boolean lastStringTruncated() { return false; }
            public String fdPath(int fd) { return null; }
            public String cwd() { return null; }
        };
        DecodedCall d = decoders.decodeEntry(nr("openat"), new long[] {AT_FDCWD, 0x1000, 0}, hostile);
        assertThat(d.renderedArgs).containsExactly("0xffffffffffffff9c", "0x1000", "0", "0", "0", "0");
        decoders.decodeExit(nr("read"), new long[] {3, 0x1000, 10}, 10, false, hostile, d);
        assertThat(decoders.decodeEntry(nr("openat"), null, t).renderedArgs).isNotNull();
    }

    @Test
    void theExitCarriesTheWholeReturn() {
        call("openat", 3, AT_FDCWD, t.string("/etc/hosts"), 0);
        assertThat(last.renderedReturn).isEqualTo("3");
        assertThat(last.finished).isTrue();
        assertThat(last.errno).isNull();
        assertThat(last.returnValue).isEqualTo(3);

        call("openat", -2, AT_FDCWD, t.string("/nonexistent"), 0);
        assertThat(last.renderedReturn).isEqualTo("-1 ENOENT (No such file or directory)");
        assertThat(last.finished).isTrue();
        assertThat(last.errno).isEqualTo("ENOENT");
        assertThat(last.returnValue).isEqualTo(-2);

        // interrupted by a signal and to be restarted: neither failed nor returned
        assertThat(call("read", -512, 3, 0x1000, 10)).isEqualTo("read(3, 0x1000, 10) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
        assertThat(last.finished).isFalse();
        assertThat(last.errno).isNull();
        assertThat(last.returnValue).isZero();
        assertThat(call("wait4", -514, -1, 0, 0, 0)).endsWith(" = ? ERESTARTNOHAND (To be restarted if no handler)");

        // a positive errno with failed=true means the same as the raw register
        DecodedCall d = decoders.decodeEntry(nr("close"), new long[] {9}, t);
        decoders.decodeExit(nr("close"), new long[] {9}, 9, true, t, d);
        assertThat(d.renderedReturn).isEqualTo("-1 EBADF (Bad file descriptor)");
        assertThat(d.returnValue).isEqualTo(-9);
    }

    @Test
    void theExitFillsTheReturnEvenWhenTheEntryWasNotDecoded() {
        DecodedCall d = new DecodedCall();
        decoders.decodeExit(nr("mmap"), null, 0x7f3b877dd000L, false, t, d);
        assertThat(d.renderedReturn).isEqualTo("0x7f3b877dd000");
        assertThat(d.finished).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ structs

    /** x86_64 struct stat with mode, rdev and size filled in. */
    private static byte[] stat(int mode, long rdev, long size) {
        return ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(24, mode).putLong(40, rdev).putLong(48, size).array();
    }

    private static byte[] le64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static byte[] le32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] iovec(long... baseLenPairs) {
        return le64(baseLenPairs);
    }

    private static byte[] msghdr(long name, int namelen, long iov, long iovlen, int flags) {
        return ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0, name).putInt(8, namelen).putLong(16, iov).putLong(24, iovlen).putInt(48, flags).array();
    }

    private static byte[] sockaddrIn(int port, int a, int b, int c, int d) {
        return new byte[] {2, 0, (byte) (port >> 8), (byte) port, (byte) a, (byte) b, (byte) c, (byte) d, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    private static byte[] sockaddrIn6(int port, int flowinfo, String ignored, byte[] address, int scope) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 10);
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port).putInt(4, flowinfo);
        b.put(8, address);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(24, scope);
        return b.array();
    }
}
