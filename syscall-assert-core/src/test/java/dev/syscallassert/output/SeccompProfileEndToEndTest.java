package dev.syscallassert.output;

import dev.syscallassert.SeccompProfile;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles generated from real traces, loaded by the real consumer (libseccomp, as runc and crun compile them): the
 * traced command succeeds under its profile, one that needs one more syscall fails with the profile's errno.
 */
class SeccompProfileEndToEndTest {

    /** sysinfo only when asked: the "one more syscall". */
    private static final String ONE_MORE = """
            #include <errno.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/sysinfo.h>
            int main(int argc, char **argv) {
                if (argc > 1) {
                    struct sysinfo info;
                    if (sysinfo(&info) != 0) { printf("sysinfo: %s\\n", strerror(errno)); return 3; }
                }
                printf("done\\n");
                return 0;
            }
            """;

    @BeforeAll
    static void theConsumerIsInstalled() throws Exception {
        Programs.Run probe = Programs.run(List.of("/usr/bin/python3", "-c", "import seccomp"), Path.of("/tmp"));
        assertThat(probe.status()).as("python3-seccomp (apt-get install python3-seccomp): %s", probe.stderr())
                .isZero();
    }

    @Test
    void lsRunsUnderItsOwnProfileAndLsMinusLDoesNot(@TempDir Path dir) throws Exception {
        TraceResult traced = Tracer.command("ls", "/etc").run();
        Path profile = dir.resolve("ls.json");
        traced.seccompProfile().withoutRuntimeSyscalls().writeTo(profile);

        Programs.Run same = Programs.underProfile(profile, List.of("ls", "/etc"), dir);
        assertThat(same.stderr()).isEmpty();
        assertThat(same.status()).isZero();
        assertThat(same.stdout()).isEqualTo(traced.stdout());

        // ls -l needs more (lgetxattr, getxattr, readlink, the name service's sockets): refused with EPERM
        Programs.Run more = Programs.underProfile(profile, List.of("ls", "-l", "/etc/hostname"), dir);
        assertThat(more.status()).isNotZero();
        assertThat(more.stderr()).contains("Operation not permitted");
    }

    @Test
    void oneMoreSyscallFailsWithTheProfilesErrno(@TempDir Path dir) throws Exception {
        Path program = Programs.compile(dir, "one-more", ONE_MORE);
        TraceResult traced = Tracer.command(program.toString()).run();
        assertThat(traced.trace().events()).noneMatch(e -> e.syscall().equals("sysinfo"));
        Path profile = dir.resolve("p.json");
        traced.seccompProfile().writeTo(profile);

        assertThat(Programs.underProfile(profile, List.of(program.toString()), dir))
                .isEqualTo(new Programs.Run(0, "done\n", ""));
        assertThat(Programs.underProfile(profile, List.of(program.toString(), "more"), dir))
                .isEqualTo(new Programs.Run(3, "sysinfo: Operation not permitted\n", ""));
        // untraced and unfiltered it works: the refusal is the profile's
        assertThat(Programs.run(List.of(program.toString(), "more"), dir).status()).isZero();
    }

    @Test
    void aJvmRunsUnderItsProfileThroughTheClone3Fallback(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        TraceResult traced = Tracer.command(java, "-Xshare:auto", "-version").run();
        assertThat(traced.exitCode()).isZero();
        SeccompProfile profile = traced.seccompProfile();
        Path file = dir.resolve("jvm.json");
        profile.writeTo(file);
        String json = Files.readString(file);
        // its threads were made with clone3, which the profile answers ENOSYS: glibc then uses clone, narrowed
        assertThat(profile.syscalls()).contains("clone3");
        assertThat(json).contains("\"names\": [\"clone\"],\n      \"action\": \"SCMP_ACT_ALLOW\",\n      \"args\": "
                + "[{\"index\": 0, \"value\": 2114060288, \"valueTwo\": 0, \"op\": \"SCMP_CMP_MASKED_EQ\"}]");

        Programs.Run run = Programs.underProfile(file, List.of(java, "-Xshare:auto", "-version"), dir);
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEqualTo(traced.stderr());
    }

    @Test
    void theLoaderSkipsANameItsLibseccompDoesNotKnowAsRuncDoes(@TempDir Path dir) throws Exception {
        TraceResult traced = Tracer.command("true").run();
        String json = traced.seccompProfile().toJson().replace("\"names\": [\"", "\"names\": [\"no_such_call\", \"");
        Path file = dir.resolve("p.json");
        Files.writeString(file, json);
        Programs.Run run = Programs.underProfile(file, List.of("true"), dir);
        assertThat(run.status()).isZero();
        assertThat(run.stderr()).contains("this libseccomp does not know no_such_call, skipped (as runc does)");
    }
}
