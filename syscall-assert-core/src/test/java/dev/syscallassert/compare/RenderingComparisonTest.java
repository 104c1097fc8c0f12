package dev.syscallassert.compare;

import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ordinary programs nobody here wrote, traced by strace and by us, compared line by line (see
 * {@link StraceComparison}). Prints each workload's share of identical argument lists and return values, and writes
 * the differing pairs to target/strace-comparison/ for a reader. A syscall listed in {@link #RENDERED_AS_STRACE}
 * must render identically in every pair: that is the guard; the shares are the progress report.
 */
class RenderingComparisonTest {

    /** Syscalls whose decoders have been compared with strace 6.1 and must stay identical wherever they appear. */
    static final List<String> RENDERED_AS_STRACE = List.of(
            "openat", "close", "read", "write", "newfstatat", "access", "execve", "lseek", "pread64", "dup2",
            "getuid", "getgid", "geteuid", "getegid", "getpid", "brk", "mmap", "munmap", "mprotect",
            // files and descriptors
            "fcntl", "ioctl", "getdents64", "flock", "fadvise64", "readahead", "sync_file_range", "fallocate",
            "copy_file_range", "sendfile", "splice", "tee", "vmsplice", "statfs", "fstatfs", "getxattr", "lgetxattr",
            "fgetxattr", "setxattr", "lsetxattr", "fsetxattr", "listxattr", "llistxattr", "flistxattr",
            "removexattr", "lremovexattr", "fremovexattr", "utimensat", "futimesat", "utimes", "utime", "umask",
            "fchmod", "ftruncate", "fsync", "fdatasync", "syncfs", "fchdir", "chdir", "getcwd", "faccessat",
            "faccessat2", "mknod", "mknodat", "mkdir", "rmdir", "unlink", "symlink", "readv", "writev", "preadv",
            "pwritev", "preadv2", "pwritev2", "pipe2", "dup3", "close_range", "memfd_create", "eventfd2",
            "timerfd_create", "timerfd_settime", "timerfd_gettime", "inotify_init1", "inotify_add_watch",
            "inotify_rm_watch",
            // waiting on descriptors
            "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait",
            "epoll_pwait", "epoll_pwait2");

    private static final Path REPORTS = Path.of("target", "strace-comparison");
    private static final List<String> SUMMARY = new ArrayList<>();
    private static final int[] TOTAL = new int[3]; // strace calls, identical arguments, identical returns

    @BeforeAll
    static void needsStrace() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Files.createDirectories(REPORTS);
    }

    @AfterAll
    static void printSummary() {
        System.out.println("Rendering compared with strace, line by line:");
        SUMMARY.forEach(s -> System.out.println("  " + s));
        if (TOTAL[0] > 0) {
            System.out.printf("  %-28s strace %5d calls: args identical %5.1f%%, returns identical %5.1f%%%n", "all",
                    TOTAL[0], 100.0 * TOTAL[1] / TOTAL[0], 100.0 * TOTAL[2] / TOTAL[0]);
        }
    }

    static Stream<Object[]> workloads() {
        String python = String.join("\n",
                "import socket",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "cli = socket.create_connection(srv.getsockname())",
                "conn, _ = srv.accept()",
                "cli.sendall(b'ping'); print(conn.recv(4))",
                "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))",
                "v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); v.sendto(b'x', u.getsockname())",
                "print(u.recvfrom(8)[0])");
        return Stream.of(
                new Object[] {"ls -la /etc", List.of("ls", "-la", "/etc")},
                new Object[] {"cat two files", List.of("cat", "/etc/hostname", "/etc/passwd")},
                new Object[] {"sh pipeline", List.of("/bin/sh", "-c",
                        "cat /etc/hostname | wc -c; ls /no/such/dir; test -d /etc && echo yes")},
                new Object[] {"find", List.of("find", "/etc/apt", "-maxdepth", "2")},
                new Object[] {"tar", List.of("tar", "cf", "-", "/etc/hostname", "/etc/passwd")},
                new Object[] {"gzip", List.of("gzip", "-c", "/etc/passwd")},
                new Object[] {"python3 tcp+udp loopback", List.of("/usr/bin/python3", "-c", python)},
                new Object[] {"sqlite3", List.of("sqlite3", ":memory:", "create table t(x); insert into t values(1);"
                        + " select x from t;")},
                new Object[] {"git", List.of("git", "--version")});
    }

    /**
     * cp -a copies a tree with its attributes (ACL xattrs by fd and by path, copy_file_range, FICLONE, utimensat),
     * du and df ask the file systems (statfs of every mount), rm -rf reads and removes the tree again: each run starts
     * from the same files. The tree copied is a copy of /etc/apt whose access times are put an hour ahead: under
     * relatime, strace's run reading a file whose access time is over a day old (as on a new machine) would move it
     * to now, and the second run's utimensat would then copy another time than the first's.
     */
    @Test
    void rendersCoreutilsCopyingATreeAsStraceDoes(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source");
        Path copy = dir.resolve("copy");
        long ahead = System.currentTimeMillis() / 1000 + 3600;
        Process setUp = new ProcessBuilder("/bin/sh", "-c", "cp -a /etc/apt " + source + " && find " + source
                + " -exec touch -a -h -d @" + ahead + " {} +").redirectErrorStream(true).start();
        String output = BoundedWait.outputWithin(setUp, 60);
        assertThat(setUp.exitValue()).as("copying /etc/apt: " + output).isZero();
        check("cp -a, du, df, rm -rf", List.of("/bin/sh", "-c", "cp -a " + source + " " + copy + " && du -s " + copy
                + " > /dev/null && df " + dir + " > /dev/null && rm -rf " + copy), dir, Set.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void rendersAsStraceDoes(String workload, List<String> command, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + Path.of(command.get(0)).getFileName()))
                || Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is not installed");
        check(workload, command, dir, Set.of());
    }

    /**
     * C programs written for this comparison (test resources), compiled into the test's directory: each makes the
     * calls of one family in the forms ordinary programs use and strace prints differently (flags, structs, return
     * annotations, failures). The argument says where each may work: desc_calls makes and removes a directory in
     * it, ioctl_calls takes a regular file for the requests that fail on one.
     */
    static Stream<Object[]> cPrograms() {
        return Stream.of(new Object[] {"desc_calls", "dir"}, new Object[] {"poll_calls", null},
                new Object[] {"ioctl_calls", "source"});
    }

    @ParameterizedTest(name = "{0}.c")
    @MethodSource("cPrograms")
    void rendersCProgramsAsStraceDoes(String program, String argument, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path source = dir.resolve(program + ".c");
        try (InputStream in = RenderingComparisonTest.class.getResourceAsStream(program + ".c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve(program);
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = BoundedWait.outputWithin(gcc, 60);
        assertThat(gcc.exitValue()).as("gcc: " + output).isZero();
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (argument != null) {
            command.add(argument.equals("dir") ? dir.toString() : source.toString());
        }
        check(program + ".c", command, dir, Set.of());
    }

    /**
     * curl fetching a page from a Python HTTP server on loopback (started here, stopped before the test returns).
     * The server sends fixed dates so that both runs read the same bytes; poll timeouts curl computes from its clock
     * are normalised ({@link StraceComparison}).
     */
    @Test
    void rendersCurlAgainstALocalServerAsStraceDoes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Files.writeString(dir.resolve("index.html"), "<p>hello</p>\n");
        String server = String.join("\n",
                "import http.server, time",
                "class H(http.server.SimpleHTTPRequestHandler):",
                "    def log_message(self, *a): pass",
                // curl polls once without waiting right after sending: a reply that is never that fast keeps that
                // poll's answer (and so curl's calls) the same in both runs.
                "    def do_GET(self):",
                "        time.sleep(0.1)",
                "        super().do_GET()",
                "    def date_time_string(self, t=None): return 'Thu, 01 Jan 1970 00:00:00 GMT'",
                "    def version_string(self): return 'test'",
                // HTTP/1.1 keeps the connection open, so curl's last check of it never races the server's close.
                "    protocol_version = 'HTTP/1.1'",
                "s = http.server.HTTPServer(('127.0.0.1', 0), H)",
                "print(s.server_address[1], flush=True)",
                "s.serve_forever()");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", server).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(port).as("the server's port").matches("\\d+");
            // curl's loop polls with timeouts from its own timers, so how often it polls and what each poll finds
            // depends on how fast it runs (slower traced): its polls are compared, but not guarded, here. The
            // C programs guard poll's rendering with readiness fixed in advance.
            check("curl 127.0.0.1", List.of("curl", "-s", "-o", dir.resolve("page.html").toString(),
                    "http://127.0.0.1:" + port + "/index.html"), dir, Set.of("poll"));
        } finally {
            python.destroy();
            if (!python.waitFor(10, TimeUnit.SECONDS)) {
                python.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Compares one command, records its figures and report, and checks the guarded syscalls, but for the ones whose
     * arguments or results depend on timing in this workload ({@code timed}).
     */
    private static void check(String workload, List<String> command, Path dir, Set<String> timed) throws Exception {
        StraceComparison.Result r = StraceComparison.compare(workload, command, dir);
        SUMMARY.add(r.summary());
        synchronized (TOTAL) {
            TOTAL[0] += r.straceCalls;
            TOTAL[1] += r.sameArgs;
            TOTAL[2] += r.sameReturn;
        }
        Files.write(REPORTS.resolve(workload.replaceAll("\\W+", "_") + ".txt"), report(r));

        assertThat(r.paired).as("calls paired with strace's").isGreaterThan(r.straceCalls / 2);
        List<String> broken = r.differences().stream()
                .filter(d -> RENDERED_AS_STRACE.contains(name(d.strace())) && !timed.contains(name(d.strace()))
                        && !d.strace().equals(d.ours()))
                .map(d -> "strace: " + d.strace() + "\n  ours: " + d.ours())
                .collect(Collectors.toList());
        assertThat(broken).as("calls of syscalls that must render exactly as strace's").isEmpty();
    }

    private static String name(String line) {
        int paren = line.indexOf('(');
        return paren < 0 ? line : line.substring(0, paren);
    }

    private static List<String> report(StraceComparison.Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.summary());
        lines.add("syscalls that differed (pairs): " + r.differingSyscalls());
        for (StraceComparison.Difference d : r.differences()) {
            lines.add("strace: " + d.strace());
            lines.add("  ours: " + d.ours());
        }
        return lines;
    }
}
