package dev.syscallassert.cli;

import dev.syscallassert.ProcessExit;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.fixtures.BoundedWait;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        List<TraceEvent> events = lines.stream().map(JsonLinesFormat::parseEvent).collect(Collectors.toList());
        assertThat(events.stream().filter(e -> e instanceof SyscallEvent)
                .map(e -> ((SyscallEvent) e).path().orElse("")).collect(Collectors.toList()))
                .contains("/etc/hostname", "/usr/bin/cat");
        // the end of the process is a line of its own, the last one
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(ProcessExit.class,
                exit -> assertThat(exit.exitCode()).hasValue(0));
        assertThat(err()).isEmpty();
    }

    /**
     * strace -f -o's layout: each line after its pid, the return in column 40 (-a). A single-threaded program's file
     * is strace's line for line once what differs between two runs (addresses, pids, random bytes) is masked.
     */
    @Test
    void writesAFileLaidOutAsStraceDoes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path ours = dir.resolve("ours.txt");
        Path theirs = dir.resolve("strace.txt");
        assertThat(Main.run(new String[] {"-o", ours.toString(), "--", "cat", "/etc/hostname"}, err)).isZero();
        Process strace = new ProcessBuilder("strace", "-f", "-o", theirs.toString(), "--", "cat", "/etc/hostname")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start(); // the same stdout as ours: this JVM's
        assertThat(BoundedWait.endedWithin(strace, 60)).as("strace ended").isTrue();
        assertThat(strace.exitValue()).isZero();
        List<String> mine = Files.readAllLines(ours);
        assertThat(mine).allMatch(l -> l.matches("\\d+ +\\S.*"));
        assertThat(mine.stream().filter(l -> l.contains(" brk(NULL) ")).findFirst().orElseThrow())
                .as("padded to column 40").matches("\\d+ +brk\\(NULL\\) += 0x[0-9a-f]+").satisfies(
                        l -> assertThat(l.indexOf("= ")).isEqualTo(40));
        assertThat(masked(mine)).containsExactlyElementsOf(masked(Files.readAllLines(theirs)));
    }

    private static List<String> masked(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst("^\\d+ ", "PID ").replaceAll("0x[0-9a-f]{6,}", "ADDR")
                .replaceAll("^(PID +getrandom\\()\"[^\"]*\"", "$1BYTES")
                .replaceAll("^(PID +set_tid_address\\(ADDR\\) += )\\d+$", "$1TID")).collect(Collectors.toList());
    }

    @Test
    void takesStracesReturnColumn() throws Exception {
        assertThat(Main.run(new String[] {"-a", "20", "-e", "trace=brk", "--", "true"}, err)).isZero();
        assertThat(err()).containsPattern("(?m)^brk\\(NULL\\)           = 0x[0-9a-f]+$");
        errBytes.reset();
        assertThat(Main.run(new String[] {"-a", "x", "--", "true"}, err)).isEqualTo(2);
        assertThat(err()).contains("-a takes a column, 0 or more, not \"x\"");
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

    @Test
    void printsEverySignalAndEveryProcesssEndWhereTheyHappen() {
        int status = Main.run(new String[] {"-e", "trace=none", "--", "/bin/sh", "-c", "(exit 3); kill -9 $$"}, err);
        assertThat(status).isEqualTo(128 + 9);
        assertThat(err()).containsPattern("\\[pid +\\d+\\] \\+\\+\\+ exited with 3 \\+\\+\\+\\n"
                        + "--- SIGCHLD \\{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=\\d+, si_uid=\\d+, si_status=3, ")
                .endsWith("\n+++ killed by SIGKILL +++\n");
        assertThat(err().split("killed by", -1)).as("the end is told once").hasSize(2);
    }

    /** With the time columns left out, the table is exactly strace's: the same calls and errors, sorted alike. */
    @Test
    void aSummaryOfCallsAndErrorsIsStraces(@TempDir Path dir) throws Exception {
        String[] command = {"/bin/sh", "-c", "i=0; while [ $i -lt 50 ]; do [ -e /etc/hostname ]; i=$((i+1)); done;"
                + " ls / > /dev/null; cat /nonexistent 2>/dev/null; true"};
        Path theirs = dir.resolve("strace.txt");
        Path ours = dir.resolve("ours.txt");
        List<String> strace = new java.util.ArrayList<>(List.of("strace", "-f", "-c", "-S", "calls", "-U",
                "calls,errors,name", "-o", theirs.toString()));
        strace.addAll(List.of(command));
        assertThat(new ProcessBuilder(strace).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile())
                .start().waitFor()).isZero();
        List<String> args = new java.util.ArrayList<>(List.of("-c", "-S", "calls", "-U", "calls,errors,name", "-o",
                ours.toString(), "--"));
        args.addAll(List.of(command));
        assertThat(Main.run(args.toArray(new String[0]), err)).isZero();
        assertThat(Files.readString(ours)).isEqualTo(Files.readString(theirs));
    }

    @Test
    void theSummarysTimeIsSystemTimeAndWithMinusWWallClockTime() {
        assertThat(Main.run(new String[] {"-c", "-U", "max-time,min-time,calls", "--", "/bin/true"}, err)).isZero();
        assertThat(err()).startsWith(" longest shortest     calls syscall\n");
        errBytes.reset();
        assertThat(Main.run(new String[] {"-c", "-w", "-S", "name", "--", "/bin/true"}, err)).isZero();
        assertThat(err()).startsWith("% time     seconds  usecs/call     calls    errors syscall\n");
        errBytes.reset();
        assertThat(Main.run(new String[] {"-c", "-S", "fastest", "--", "/bin/true"}, err)).isEqualTo(2);
        assertThat(err()).contains("invalid sortby: 'fastest'");
        errBytes.reset();
        assertThat(Main.run(new String[] {"-c", "-U", "calls,calls", "--", "/bin/true"}, err)).isEqualTo(2);
        assertThat(err()).contains("call summary column has been provided more than once: 'calls'");
    }

    @Test
    void injectsAFaultInStracesSyntax(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        int status = Main.run(new String[] {"-e", "trace=write", "-e", "inject=write:error=ENOSPC:when=3", "--",
                "/bin/sh", "-c", "exec >\"$0\"; echo a; echo b; echo c; echo d", out.toString()}, err);
        assertThat(status).isZero();
        assertThat(Files.readString(out)).isEqualTo("a\nb\nd\n");
        // the return in strace's column 40, as strace -e inject= prints it
        assertThat(err()).contains("write(1, \"c\\n\", 2)                      = -1 ENOSPC (No space left on device) "
                + "(INJECTED)\n");
    }

    @Test
    void deniesTheNetworkAndSaysWhatIsWrongBeforeRunning() {
        int status = Main.run(new String[] {"--deny=%network", "--allow=[::1]:*", "-e", "trace=connect", "--",
                "/usr/bin/python3", "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"}, err);
        assertThat(status).as("python's exit status: the connect failed").isEqualTo(1);
        assertThat(err()).contains("connect(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16)"
                        + " = -1 ENETUNREACH (Network is unreachable) (INJECTED)");
        for (String[] bad : new String[][] {{"-e", "inject=write:error=ENOSCP", "--", "true"},
                {"--allow=127.0.0.1:*", "--", "true"}, {"--deny=%file", "--", "true"},
                {"--deny=%network", "--allow=localhost:80", "--", "true"}}) {
            errBytes.reset();
            assertThat(Main.run(bad, err)).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(err()).doesNotContain("execve(").startsWith("syscall-assert: ");
        }
    }
}
