package dev.syscallassert.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The take-away outputs of the command-line tracer, run in process on real commands. */
class OutputsCliTest {

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesAProfileAndEnforcesIt(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("sub/profile.json");
        int status = Main.run(new String[] {"--seccomp-profile=" + profile, "--", "ls", "/etc"}, err);
        assertThat(status).isZero();
        assertThat(err()).contains("syscall-assert: wrote " + profile + ": ")
                .contains(" syscalls seen in 1 run; it allows only what this run exercised")
                .doesNotContain("openat("); // the profile replaces the listing
        assertThat(Files.readString(profile)).startsWith("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
                + "  \"defaultErrnoRet\": 1,\n  \"architectures\": [\"SCMP_ARCH_X86_64\"],\n");

        errBytes.reset();
        assertThat(Main.run(new String[] {"--enforce-profile=" + profile, "--", "ls", "/etc"}, err)).isZero();
        assertThat(err()).contains(profile + " allows every call of the trace");

        errBytes.reset();
        assertThat(Main.run(new String[] {"--enforce-profile=" + profile, "--", "ls", "-l", "/etc/hostname"}, err))
                .isEqualTo(1);
        assertThat(err()).containsPattern("\\[pid +\\d+\\] lgetxattr\\(\"/etc/hostname\", .*  # refused: EPERM by "
                        + "defaultAction\n")
                .containsPattern(" would refuse \\d+ calls: .*lgetxattr \\(EPERM\\) x\\d+");
    }

    @Test
    void runsAreMergedIntoOneProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("p.json");
        int status = Main.run(new String[] {"--runs=2", "--seccomp-profile=" + profile, "--", "/bin/sh", "-c",
                "test -e " + dir.resolve("flag") + " && cat /dev/null; touch " + dir.resolve("flag")}, err);
        assertThat(status).isZero();
        assertThat(err()).contains(" syscalls seen in 2 runs; it allows only what these runs exercised");
        assertThat(Files.readString(profile)).contains("seen in 2 traced runs");
    }

    @Test
    void aSecondInvocationMergesIntoTheProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("p.json");
        assertThat(Main.run(new String[] {"--seccomp-profile=" + profile, "--", "true"}, err)).isZero();
        assertThat(dev.syscallassert.SeccompProfile.read(profile).syscalls()).doesNotContain("statx");
        assertThat(Main.run(new String[] {"--seccomp-merge", "--seccomp-profile=" + profile, "--", "ls", "/"}, err))
                .isZero();
        assertThat(dev.syscallassert.SeccompProfile.read(profile).syscalls()).contains("statx", "exit_group");
        assertThat(Files.readString(profile)).contains("seen in 2 traced runs");
    }

    @Test
    void writesATimelineBesideTheListing(@TempDir Path dir) throws Exception {
        Path timeline = dir.resolve("t.json");
        assertThat(Main.run(new String[] {"--timeline=" + timeline, "-e", "trace=execve", "--", "/bin/sh", "-c",
                "true"}, err)).isZero();
        assertThat(err()).startsWith("execve(\"/bin/sh\""); // the listing stays
        String json = Files.readString(timeline);
        assertThat(json).startsWith("{\"displayTimeUnit\": \"ms\", ").endsWith("\n]}\n")
                .contains("{\"ph\": \"X\", \"name\": \"execve\", \"cat\": \"file,process\", ")
                .contains("\"name\": \"exited with 0\"");
    }

    @Test
    void printsTheProcessTreeAtTheEnd() {
        assertThat(Main.run(new String[] {"--tree", "--", "/bin/sh", "-c", "ls / | wc -l"}, err)).isZero();
        assertThat(err()).containsPattern("^\\d+ /bin/sh -c ls / \\| wc -l  \\[exited with 0, \\d+ calls")
                .containsPattern("\n├── \\d+ ls /  \\[exited with 0, ")
                .containsPattern("\n└── \\d+ wc -l  \\[exited with 0, ")
                .doesNotContain("execve("); // the tree replaces the listing
    }

    @Test
    void refusesAProfileOfASelection() {
        assertThat(Main.run(new String[] {"-e", "trace=%file", "--seccomp-profile=x.json", "--", "true"}, err))
                .isEqualTo(2);
        assertThat(err()).contains("syscall-assert: --seccomp-profile and --enforce-profile need every syscall: a "
                + "trace of -e trace=%file does not show the others");
    }
}
