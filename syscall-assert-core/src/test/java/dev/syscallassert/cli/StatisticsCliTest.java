package dev.syscallassert.cli;

import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** -c over runs, -c per process and the file and network summaries, on real programs. */
class StatisticsCliTest {

    /**
     * Run k (a counter file in its directory says which) calls getppid k times, access() on a missing file k times
     * (ENOENT) and sysinfo only in odd runs: a syscall count that varies, known exactly.
     */
    private static final String VARYING = """
            #include <stdio.h>
            #include <unistd.h>
            #include <sys/sysinfo.h>
            int main(int argc, char **argv) {
                int k = 0;
                FILE *f = fopen(argv[1], "r");
                if (f) { fscanf(f, "%d", &k); fclose(f); }
                k++;
                f = fopen(argv[1], "w"); fprintf(f, "%d\\n", k); fclose(f);
                for (int i = 0; i < k; i++) { getppid(); access("/nonexistent/syscall-assert", F_OK); }
                if (k % 2) { struct sysinfo s; sysinfo(&s); }
                return 0;
            }
            """;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static Path compile(Path dir) throws Exception {
        Path c = dir.resolve("varying.c");
        Files.writeString(c, VARYING);
        Path binary = dir.resolve("varying");
        Process gcc = new ProcessBuilder("gcc", "-O", "-o", binary.toString(), c.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gcc.txt").toFile()).start();
        assertThat(BoundedWait.endedWithin(gcc, 60)).isTrue();
        assertThat(gcc.exitValue()).as(Files.readString(dir.resolve("gcc.txt"))).isZero();
        return binary;
    }

    @Test
    void fiveRunsOfAProgramWhoseSyscallCountVaries(@TempDir Path dir) throws Exception {
        Path program = compile(dir);
        Path counter = dir.resolve("counter");
        int status = Main.run(new String[] {"-c", "--runs=5", "--", program.toString(), counter.toString()}, err);
        assertThat(status).isZero();
        assertThat(Files.readString(counter)).isEqualTo("5\n");
        List<String> lines = List.of(err().split("\n"));
        assertThat(lines.get(0)).isEqualTo("5 runs of " + program + " " + counter);
        assertThat(lines.get(2)).startsWith("syscall                  min  median     max     min  median     max");
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("getppid +1 +3 +5 +0 +0 +0 +\\d+\\.\\d{6} +5/5"));
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("access +2 +4 +6 +2 +4 +6 +\\d+\\.\\d{6} +5/5")); // and ld.so's /etc/ld.so.preload
        assertThat(lines).anySatisfy(l -> assertThat(l) // the counter file is missing in the first run only
                .matches("openat +4 +4 +4 +0 +0 +1 +\\d+\\.\\d{6} +5/5"));
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("sysinfo +0 +1 +1 +0 +0 +0 +\\d+\\.\\d{6} +3/5"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("execve +1 +1 +1 +0 +0 +0 +\\d+\\.\\d{6} +5/5"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("in only some runs: sysinfo (3 of 5)");
    }

    @Test
    void perProcessTablesOfAPipeline() {
        int status = Main.run(new String[] {"-c", "--per-process", "-U", "calls,errors,name", "--", "/bin/sh", "-c",
                "ls / | wc -l"}, err);
        assertThat(status).isZero();
        assertThat(err()).containsPattern("(?m)^pid \\d+: /bin/sh -c ls / \\| wc -l \\(wall-clock time\\)$")
                .containsPattern("(?m)^pid \\d+: ls / \\(wall-clock time\\)$")
                .containsPattern("(?m)^pid \\d+: wc -l \\(wall-clock time\\)$")
                .containsPattern("(?m)^ +\\d+ +\\d* *getdents64$")
                .doesNotContain("getdents64(");
    }

    @Test
    void whatWasDoneToEachFile(@TempDir Path dir) {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        int status = Main.run(new String[] {"--summary=files", "--", "/bin/sh", "-c", "printf hello > " + a + "; cat "
                + a + " > /dev/null; mv " + a + " " + b + "; rm " + b + "; cat " + a + " 2>/dev/null; true"}, err);
        assertThat(status).isZero();
        String out = err();
        assertThat(out).contains(a + "\n    opened O_WRONLY|O_CREAT|O_TRUNC, O_RDONLY\n"
                        + "    failed openat ENOENT\n    read 5 bytes, wrote 5 bytes\n    renamed to " + b + "\n")
                .contains(b + "\n    renamed from " + a + "\n    deleted\n");
    }

    @Test
    void whatWasDoneWithEachAddressOnLoopback() {
        String script = "import socket\n"
                + "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)\n"
                + "c = socket.create_connection(srv.getsockname()); s, _ = srv.accept()\n"
                + "c.sendall(b'12345'); s.recv(5); s.sendall(b'abc'); c.recv(3)\n"
                + "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b'xy', ('127.0.0.1', 9))\n";
        int status = Main.run(new String[] {"--summary=network", "--", "/usr/bin/python3", "-c", script}, err);
        assertThat(status).isZero();
        // the listening address, with the port listen() got: connected to, then 5 bytes sent and 3 received
        assertThat(err()).containsPattern("127\\.0\\.0\\.1:[1-9]\\d*\\n    calls connect, .*listen\\n"
                        + "    sent 5 bytes, received 3 bytes\\n")
                .contains("127.0.0.1:0\n    calls bind\n")
                .contains("127.0.0.1:9\n    calls sendto\n    sent 2 bytes, received 0 bytes\n");
    }
}
