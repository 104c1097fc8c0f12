package dev.syscallassert.junit5;

import dev.syscallassert.SeccompProfile;
import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code syscallassert.seccomp.profile}: the union of a plan's traced tests, written at the plan's end, loaded by
 * libseccomp (as runc and crun compile it) for a JVM that does the tests' work.
 */
class SeccompPlanProfileTest {

    private static final Path LOADER = Path.of("../syscall-assert-core/tools/seccomp/run-under-profile.py")
            .toAbsolutePath().normalize();

    @Test
    void thePlansProfileLetsAJvmDoTheTestsWorkAndRefusesMore(@TempDir Path dir) throws Exception {
        Path planProfile = dir.resolve("seccomp/profile.json");
        EngineExecutionResults results = Kit.run(Fixture.class,
                Map.of(PlanConfiguration.SECCOMP_PROFILE, planProfile.toString()));
        Kit.assertAllPassed(results, 3);
        SeccompProfile plan = SeccompProfile.read(planProfile);
        assertThat(plan.runs()).isEqualTo(2); // the two traced tests, not the untraced one
        assertThat(plan.syscalls()).contains("socket", "connect", "openat", "write", "futex", "mmap");
        assertThat(Files.readString(planProfile)).contains("\"comment\": \"socket with AF_INET6\"");

        // the tests' work, in a JVM of its own: the children were traced from their first instruction, so the
        // profile has a JVM's start and end too
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");

        Path work = Files.createDirectory(dir.resolve("work"));
        List<String> done = run(planProfile, java, "-cp", classPath, ProfiledWork.class.getName(), "work", work.toString());
        assertThat(done).containsExactly("0", "done");
        List<String> more = run(planProfile, java, "-cp", classPath, ProfiledWork.class.getName(), "more", work.toString());
        assertThat(more).containsExactly("3", "more: java.nio.file.FileSystemException: " + work.resolve("more")
                + ": Operation not permitted");
        assertThat(plan.syscalls()).doesNotContain("symlink", "symlinkat");
    }

    @Test
    void aClassPlaceholderMakesOneProfilePerTestClass(@TempDir Path dir) throws Exception {
        EngineExecutionResults results = Kit.run(Fixture.class,
                Map.of(PlanConfiguration.SECCOMP_PROFILE, dir.resolve("{class}.json").toString()));
        Kit.assertAllPassed(results, 3);
        Path file = dir.resolve(Fixture.class.getName() + ".json");
        assertThat(SeccompProfile.read(file).runs()).isEqualTo(2);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    /** The exit status, then the lines of stdout, of {@code command} under {@code profile}. */
    private static List<String> run(Path profile, String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("/usr/bin/python3", LOADER.toString(), profile.toString()));
        all.addAll(List.of(command));
        Path out = profile.resolveSibling("out.txt");
        Process p = new ProcessBuilder(all).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>();
        lines.add(String.valueOf(p.exitValue()));
        lines.addAll(Files.readAllLines(out, StandardCharsets.UTF_8));
        Files.delete(out);
        return lines;
    }

    static class Fixture {

        @Test
        @TraceSyscalls(SyscallCategory.FILE)
        void readsAFile(SyscallTrace trace, @TempDir Path dir) throws Exception {
            ProfiledWork.readAFile(dir);
            // every syscall is recorded for the profile; the test still sees its own selection only
            assertThat(trace.events()).isNotEmpty().allMatch(e -> e.isIn(SyscallCategory.FILE));
        }

        @Test
        @TraceSyscalls(SyscallCategory.NETWORK)
        void connects(SyscallTrace trace) throws Exception {
            ProfiledWork.refusedConnect();
            assertThat(trace.events()).isNotEmpty().allMatch(e -> e.isIn(SyscallCategory.NETWORK));
        }

        @Test
        void untraced() {
        }
    }
}
