package dev.syscallassert;

import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced program starts exactly as it does untraced from the same shell: a C program writes down everything it
 * started with (argv, environment in order, cwd, umask, every resource limit, signal mask and dispositions,
 * credentials, nice, scheduling, affinity, personality, process group and session, prctl states, timers, its open
 * descriptors and their close-on-exec flags) and one shell runs it untraced, under strace -f, under the command-line
 * tracer and under the Java API (each in a JVM of its own started from that shell, as a user starts them). The shell
 * has {@code ulimit -Sn 1024} (the JVMs raise their own to the hard limit), other soft limits changed, umask 027,
 * SIGHUP and SIGINT ignored, and runs each with SIGUSR1 and SIGWINCH blocked, under {@code env -i} with an environment that
 * a shell would reorder or drop (a name that is no shell name, a value that is not UTF-8, a PWD that is wrong), and an
 * argument that is not UTF-8. Only the TracerPid line may differ.
 */
class StartStateEndToEndTest {
    private static final String SCRIPT = String.join("\n",
            "ulimit -Sn 1024",
            "ulimit -Ss 16384",
            "ulimit -Sc 1000",
            "umask 027",
            "trap '' HUP INT",
            "work=$1 java=$2 classes=$3 mask=$4",
            "cd \"$work\"",
            "V=$(printf 'x\\377')",
            "D=$(printf 'd\\377')",
            "run() { name=$1; shift",
            "  env -i Z=1 a-b=1 \"V=$V\" PWD=/nonexistent A=2 PATH=/usr/bin:/bin \"$mask\" \"$@\" ./startstate report 'b c' \"$D\" é",
            "  mv report $name.txt; }",
            "run untraced",
            "run strace strace -f -qq -o /dev/null",
            "run cli \"$java\" -cp \"$classes\" dev.syscallassert.cli.Main -o /dev/null --",
            "run api \"$java\" -cp \"$classes\" dev.syscallassert.fixtures.TraceCommand",
            "run filtered \"$java\" -cp \"$classes\" dev.syscallassert.cli.Main -o /dev/null -e trace=openat --",
            "");

    @Test
    void theProgramStartsAsUntracedFromTheSameShell(@TempDir Path dir) throws Exception {
        Path program = compile(dir, "startstate");
        Path cleanStart = compile(dir, "clean-start");
        Path script = Files.writeString(dir.resolve("run.sh"), SCRIPT, StandardCharsets.UTF_8);
        Process shell = new ProcessBuilder(cleanStart.toString(), "-d", "/bin/sh", script.toString(), dir.toString(),
                TracerEndToEndTest.JAVA, TracerEndToEndTest.CLASS_PATH, cleanStart.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(BoundedWait.endedWithin(shell, 120)).isTrue();
        assertThat(shell.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(program).exists();

        Map<String, List<String>> runs = Map.of("untraced", lines(dir, "untraced"), "strace", lines(dir, "strace"),
                "cli", lines(dir, "cli"), "api", lines(dir, "api"));
        List<String> reference = runs.get("strace");
        // what the shell set up is there, so that the comparison compares something
        assertThat(reference).contains("argv[3]=d\\xff", "argv[4]=\\xc3\\xa9", "env V=x\\xff", "env a-b=1",
                "env PWD=/nonexistent", "umask 0027", "rlimit 7 1024 " + hardFileLimit(), "signal 1 ignored",
                "signal 2 ignored", "SigBlk:\t0000000008000200", "SigIgn:\t0000000000000003",
                "fd 0 cloexec 0 flags 0100000 -> /dev/null");
        assertThat(reference.stream().filter(l -> l.startsWith("fd "))).hasSize(3);
        assertThat(runs.get("untraced")).containsExactlyElementsOf(reference);
        assertThat(runs.get("cli")).as("the command-line tracer").containsExactlyElementsOf(reference);
        assertThat(runs.get("api")).as("the Java API").containsExactlyElementsOf(reference);
        // with a selection the filter is installed too, with no_new_privs (README, Limits), and nothing else differs
        List<String> filtered = lines(dir, "filtered");
        assertThat(filtered).contains("NoNewPrivs:\t1", "Seccomp:\t2", "Seccomp_filters:\t1");
        assertThat(withoutSeccomp(filtered)).as("with a seccomp filter").containsExactlyElementsOf(withoutSeccomp(reference));
        for (String traced : List.of("strace", "cli", "api", "filtered")) {
            assertThat(tracerPid(dir, traced)).as(traced).isNotEqualTo("0");
        }
        assertThat(tracerPid(dir, "untraced")).isEqualTo("0");
    }

    /** The report without its "traced " lines (TracerPid). */
    private static List<String> lines(Path dir, String run) throws IOException {
        return Files.readAllLines(dir.resolve(run + ".txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("traced ")).collect(Collectors.toList());
    }

    private static List<String> withoutSeccomp(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("NoNewPrivs:") && !l.startsWith("Seccomp"))
                .collect(Collectors.toList());
    }

    private static String tracerPid(Path dir, String run) throws IOException {
        return Files.readAllLines(dir.resolve(run + ".txt")).stream().filter(l -> l.startsWith("traced TracerPid:"))
                .map(l -> l.substring("traced TracerPid:".length()).trim()).findFirst().orElseThrow();
    }

    /** This JVM's hard RLIMIT_NOFILE, which the shell keeps. */
    private static String hardFileLimit() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                .map(l -> l.trim().split("\\s+")[4]).findFirst().orElseThrow();
    }

    /** gcc of the test resource {@code NAME.c} into the directory. */
    private static Path compile(Path dir, String name) throws Exception {
        Path source = dir.resolve(name + ".c");
        try (InputStream in = StartStateEndToEndTest.class.getResourceAsStream("startstate/" + name + ".c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve(name);
        Process gcc = new ProcessBuilder("gcc", "-O", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = BoundedWait.outputWithin(gcc, 60);
        assertThat(gcc.exitValue()).as(output).isZero();
        return binary;
    }
}
