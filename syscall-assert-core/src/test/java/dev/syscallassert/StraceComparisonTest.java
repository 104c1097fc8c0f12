package dev.syscallassert;

import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces the same deterministic command with this tracer and with strace and requires the same syscall counts, the
 * same opened paths and the same execve arguments. strace is the reference: where we differ, we are wrong.
 */
class StraceComparisonTest {

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+([a-z0-9_]+)\\((.*)$");
    private static final Pattern OPENAT = Pattern.compile("^AT_FDCWD, \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern EXECVE = Pattern.compile("^\"((?:[^\"\\\\]|\\\\.)*)\", \\[(.*?)\\]");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** What strace saw, parsed from its -f -o output. */
    private static final class StraceRun {
        final Map<String, Integer> counts = new TreeMap<>();
        final List<String> opened = new ArrayList<>();
        final List<List<String>> execs = new ArrayList<>();
    }

    @Test
    void sameSyscallsOpenedPathsAndExecArgumentsAsStrace(@TempDir Path dir) throws Exception {
        List<String> command = List.of("/bin/sh", "-c",
                "cat /etc/hostname /etc/passwd > /dev/null; wc -l /etc/passwd; ls -a / > /dev/null; /bin/true one two");
        Path straceOut = dir.resolve("strace.txt");
        Path straceStdout = dir.resolve("strace-stdout.txt");
        List<String> straceCommand = new ArrayList<>(List.of("strace", "-f", "-qq", "-s", "4096", "-o",
                straceOut.toString()));
        straceCommand.addAll(command);
        Process strace;
        try {
            strace = new ProcessBuilder(straceCommand).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(straceStdout.toFile()).redirectError(dir.resolve("strace-stderr.txt").toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("strace is needed for this comparison: apt-get install -y strace", e);
        }
        assertThat(BoundedWait.endedWithin(strace, 120)).as("strace ended: " + straceCommand).isTrue();
        assertThat(strace.exitValue()).isZero();
        StraceRun reference = parse(Files.readAllLines(straceOut));

        TraceResult ours = Tracer.command(command).run();

        assertThat(ours.stdout()).isEqualTo(Files.readString(straceStdout));
        Map<String, Integer> ourCounts = new TreeMap<>();
        ours.trace().events().forEach(e -> ourCounts.merge(e.syscall(), 1, Integer::sum));
        assertThat(ourCounts).as("syscall counts, ours vs strace").isEqualTo(reference.counts);
        List<String> ourOpened = ours.trace().stream().filter(e -> e.syscall().equals("openat"))
                .map(e -> e.path().orElse("?")).sorted().collect(Collectors.toList());
        assertThat(ourOpened).as("paths opened").isEqualTo(reference.opened.stream().sorted().collect(Collectors.toList()));
        List<List<String>> ourExecs = ours.trace().stream().filter(e -> e.syscall().equals("execve"))
                .map(e -> e.argv().orElse(List.of())).collect(Collectors.toList());
        assertThat(ourExecs).as("execve argv").containsExactlyInAnyOrderElementsOf(reference.execs);
        assertThat(ourExecs).contains(List.of("/bin/true", "one", "two"), List.of("wc", "-l", "/etc/passwd"));
    }

    private static StraceRun parse(List<String> lines) {
        StraceRun run = new StraceRun();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.find() || line.contains("resumed>")) {
                continue; // exits, signals, and the second half of interrupted lines
            }
            String name = m.group(2);
            String args = m.group(3);
            run.counts.merge(name, 1, Integer::sum);
            if (name.equals("openat")) {
                Matcher o = OPENAT.matcher(args);
                if (o.find()) {
                    run.opened.add(o.group(1));
                }
            } else if (name.equals("execve")) {
                Matcher e = EXECVE.matcher(args);
                if (e.find()) {
                    List<String> argv = new ArrayList<>();
                    Matcher s = STRING.matcher(e.group(2));
                    while (s.find()) {
                        argv.add(s.group(1));
                    }
                    run.execs.add(argv);
                }
            }
        }
        return run;
    }
}
