package dev.syscallassert.compare;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            "getuid", "getgid", "geteuid", "getegid", "getpid", "brk", "mmap", "munmap", "mprotect");

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void rendersAsStraceDoes(String workload, List<String> command, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + Path.of(command.get(0)).getFileName()))
                || Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is not installed");
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
                .filter(d -> RENDERED_AS_STRACE.contains(name(d.strace())) && !d.strace().equals(d.ours()))
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
