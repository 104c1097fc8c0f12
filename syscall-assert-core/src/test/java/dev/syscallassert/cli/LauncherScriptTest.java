package dev.syscallassert.cli;

import dev.syscallassert.fixtures.ModuleJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/syscall-assert, the launcher that gives the CLI a class data sharing archive, C1 and the serial collector: run
 * for real on a jar made here as the build makes it (this module's classes, the native library among them), with its
 * own cache directory.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "bin", "syscall-assert").toAbsolutePath().normalize();

    @TempDir
    static Path work;
    private static Path jar;

    @BeforeAll
    static void buildTheJar() throws IOException {
        jar = ModuleJar.writeTo(work.resolve("syscall-assert.jar"));
    }

    @Test
    void makesItsArchiveOnceThenStartsWithItAndTracesAsJavaJarDoes() throws Exception {
        Path cache = work.resolve("cache");
        // archives of three earlier jars: making the new one deletes the oldest, the two newest stay
        Path archives = cache.resolve("syscall-assert").resolve("cli");
        Files.createDirectories(archives);
        List<Path> earlier = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path old = archives.resolve("cli-" + i + "-2-3-4.jsa");
            Files.writeString(old, "an archive of an earlier jar");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L + i * 1000L));
            earlier.add(old);
        }
        Result first = run(cache, "", "-e", "trace=openat,exit_group", "--", "/bin/cat", "/etc/hostname");
        assertThat(first.status).isZero();
        List<Path> made;
        try (Stream<Path> s = Files.list(archives)) {
            made = s.filter(p -> !earlier.contains(p)).toList();
        }
        // JDK 25 and later: an AOT cache; an older JDK: a static archive
        boolean aot = Runtime.version().feature() >= 25;
        assertThat(made).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).endsWith(aot ? ".aot" : ".jsa"));
        assertThat(earlier.get(0)).doesNotExist();
        assertThat(earlier.subList(1, 3)).allSatisfy(p -> assertThat(p).exists());
        // -Xshare:on (-XX:AOTMode=on for an AOT cache) makes the JVM fail rather than start without the archive: the
        // second run maps it
        Result second = run(cache, aot ? "-XX:AOTMode=on" : "-Xshare:on", "-e", "trace=openat,exit_group", "--",
                "/bin/cat", "/etc/hostname");
        assertThat(second.status).isZero();
        assertThat(second.stdout).isEqualTo(first.stdout).isEqualTo(Files.readString(Path.of("/etc/hostname")));
        assertThat(second.stderr).isEqualTo(first.stderr)
                .contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3").endsWith("+++ exited with 0 +++\n");
        try (Stream<Path> s = Files.list(archives)) {
            assertThat(s.filter(p -> !earlier.contains(p)).toList()).isEqualTo(made); // no second one, no part file
        }
    }

    @Test
    void passesTheProgramsExitStatusAndAUsageErrorThrough() throws Exception {
        Path cache = work.resolve("cache-status");
        assertThat(run(cache, "", "-o", "/dev/null", "--", "/bin/sh", "-c", "exit 7").status).isEqualTo(7);
        Result usage = run(cache, "", "--no-such-option");
        assertThat(usage.status).isEqualTo(2);
        assertThat(usage.stderr).contains("--no-such-option");
    }

    private record Result(int status, String stdout, String stderr) {
    }

    private static Result run(Path cache, String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("SYSCALL_ASSERT_JAR", jar.toString());
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", javaOpts);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            // nothing to the program's stdin
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not end within 60 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
