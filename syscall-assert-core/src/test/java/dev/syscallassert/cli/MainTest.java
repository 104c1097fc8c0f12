package dev.syscallassert.cli;

import dev.syscallassert.core.format.JsonLinesFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line tracer, run in process on real commands. */
class MainTest {

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsStraceLikeLinesAndExitsWithTheCommandsStatus() {
        int status = Main.run(new String[] {"-e", "trace=openat,execve", "--", "/bin/sh", "-c",
                "cat /etc/hostname >/dev/null; exit 5"}, err);
        assertThat(status).isEqualTo(5);
        assertThat(err()).contains("execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"cat /etc/hostname >/dev/null; ex\"...]")
                .containsPattern("\\[pid +\\d+\\] openat\\(AT_FDCWD, \"/etc/hostname\", O_RDONLY\\) = 3")
                .contains("+++ exited with 5 +++")
                .doesNotContain("mmap(");
    }

    @Test
    void writesJsonLinesToAFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("trace.jsonl");
        int status = Main.run(new String[] {"-o", out.toString(), "--json", "-e", "trace=%file", "--", "cat",
                "/etc/hostname"}, err);
        assertThat(status).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).allMatch(l -> l.startsWith("{\"pid\":"));
        assertThat(lines.stream().map(JsonLinesFormat::parse).map(e -> e.path().orElse("")).collect(Collectors.toList()))
                .contains("/etc/hostname", "/usr/bin/cat");
        assertThat(err()).isEmpty();
    }

    @Test
    void printsASummaryTableWithMinusC() {
        int status = Main.run(new String[] {"-c", "--", "ls", "/"}, err);
        assertThat(status).isZero();
        assertThat(err()).contains("% time     seconds  usecs/call     calls    errors syscall")
                .containsPattern("openat\\n").containsPattern("\\d+ total")
                .doesNotContain("openat(");
    }

    @Test
    void reportsTheSignalThatKilledTheCommand() {
        int status = Main.run(new String[] {"-e", "trace=none", "--", "/bin/sh", "-c", "kill -TERM $$"}, err);
        assertThat(status).isEqualTo(128 + 15);
        assertThat(err()).contains("+++ killed by SIGTERM +++");
    }

    @Test
    void killsTheCommandAtTheTimeout() {
        int status = Main.run(new String[] {"--timeout", "0.5", "-e", "trace=execve", "--", "sleep", "30"}, err);
        assertThat(status).isEqualTo(128 + 9);
        assertThat(err()).contains("did not finish within 500 ms");
    }

    @Test
    void explainsBadUsage() {
        assertThat(Main.run(new String[] {"-e", "trace=opne", "--", "ls"}, err)).isEqualTo(2);
        assertThat(err()).contains("Unknown syscall \"opne\"").contains("open");
        errBytes.reset();
        assertThat(Main.run(new String[] {"--frobnicate", "--", "ls"}, err)).isEqualTo(2);
        assertThat(err()).contains("unknown option \"--frobnicate\"").contains("usage:");
        errBytes.reset();
        assertThat(Main.run(new String[] {"-o"}, err)).isEqualTo(2);
        assertThat(err()).contains("-o needs a value");
        errBytes.reset();
        assertThat(Main.run(new String[] {}, err)).isEqualTo(2);
        assertThat(err()).contains("no command to trace");
        errBytes.reset();
        assertThat(Main.run(new String[] {"--", "no-such-program-xyz"}, err)).isEqualTo(1);
        assertThat(err()).contains("no such program on the PATH");
        errBytes.reset();
        assertThat(Main.run(new String[] {"--help"}, err)).isZero();
        assertThat(err()).contains("usage: java -jar syscall-assert.jar");
    }
}
