package dev.syscallassert.core.linux;

import dev.syscallassert.fixtures.ModuleJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's native library as a user's jar carries it: the CLI run for real with {@code java -jar} on a jar made
 * from this module's classes, with a cache directory and a java.io.tmpdir of its own, so that what it leaves behind
 * can be listed.
 */
class BundledLibraryTest {
    @TempDir
    static Path work;
    private static Path jar;
    private static long librarySize;

    @BeforeAll
    static void buildTheJar() throws IOException {
        jar = ModuleJar.writeTo(work.resolve("syscall-assert.jar"));
        try (InputStream in = LibC.class.getResourceAsStream(BundledLibrary.FILE)) {
            librarySize = in.readAllBytes().length;
        }
    }

    @Test
    void fromAJarItIsUnpackedOnceIntoTheUsersCacheAndThatCopyIsLoadedFromThenOn() throws Exception {
        Path cache = Files.createDirectory(work.resolve("cache"));
        Path tmp = Files.createDirectory(work.resolve("tmp-cached"));
        Run first = traceTrue(cache.toString(), tmp);
        assertThat(first.status).as(first.stderr).isZero();
        assertThat(first.trace).contains("execve(\"/bin/true\"").contains("+++ exited with 0 +++");
        Path dir = cache.resolve("syscall-assert").resolve("native");
        List<Path> copies = list(dir);
        assertThat(copies).as("one copy, no .part left").hasSize(1);
        Path copy = copies.get(0);
        assertThat(copy.getFileName().toString()).matches("libsyscallassert-" + librarySize + "-[0-9a-f]+\\.so");
        assertThat(Files.size(copy)).isEqualTo(librarySize);
        BasicFileAttributes before = Files.readAttributes(copy, BasicFileAttributes.class);

        Run second = traceTrue(cache.toString(), tmp);
        assertThat(second.status).as(second.stderr).isZero();
        BasicFileAttributes after = Files.readAttributes(copy, BasicFileAttributes.class);
        assertThat(after.fileKey()).as("the same file, not written again").isEqualTo(before.fileKey());
        assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
        assertThat(list(dir)).containsExactly(copy);
        assertThat(list(tmp)).as("nothing in java.io.tmpdir").isEmpty();
    }

    @Test
    void aCopyOfTheWrongSizeIsReplacedNotLoaded() throws Exception {
        Path cache = Files.createDirectory(work.resolve("cache-cut"));
        Path tmp = Files.createDirectory(work.resolve("tmp-cut"));
        assertThat(traceTrue(cache.toString(), tmp).status).isZero();
        Path copy = list(cache.resolve("syscall-assert").resolve("native")).get(0);
        byte[] whole = Files.readAllBytes(copy);
        // what a full disk or a killed writer of an older version could have left
        Files.write(copy, java.util.Arrays.copyOf(whole, 4096));

        Run run = traceTrue(cache.toString(), tmp);
        assertThat(run.status).as(run.stderr).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(whole);
    }

    @Test
    void withoutAUsableCacheATemporaryCopyIsLoadedAndDeletedAtOnce() throws Exception {
        // a cache "directory" that is a file: nothing can be made under it (root could write a read-only one)
        Path notADirectory = Files.writeString(work.resolve("not-a-directory"), "a file");
        Path tmp = Files.createDirectory(work.resolve("tmp-temporary"));
        Run run = traceTrue(notADirectory.toString(), tmp);
        assertThat(run.status).as(run.stderr).isZero();
        assertThat(run.trace).contains("+++ exited with 0 +++");
        assertThat(list(tmp)).as("the temporary copy is gone").isEmpty();
    }

    @Test
    void whenNoCopyCanBeWrittenTheCliSaysWhereItTriedAndWhy() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("not-a-directory-either"), "a file");
        Path missing = work.resolve("no-such-tmp");
        Run run = traceTrue(notADirectory.toString(), missing);
        assertThat(run.status).isEqualTo(1);
        // JDK 25 warns of the missing java.io.tmpdir first
        String said = run.stderr.lines().filter(l -> !l.startsWith("WARNING: java.io.tmpdir"))
                .collect(Collectors.joining("\n"));
        assertThat(said).startsWith("syscall-assert: Cannot load syscall-assert's native library "
                        + BundledLibrary.FILE)
                .contains(notADirectory.resolve("syscall-assert").toString() + ": Not a directory")
                .contains(missing.toString())
                .contains("must be writable and allow executable mappings")
                .doesNotContain("\tat ");
        assertThat(said.lines()).hasSize(1);
        assertThat(run.trace).isEmpty();
    }

    private record Run(int status, String trace, String stderr) {
    }

    private static Run traceTrue(String cacheHome, Path tmp) throws Exception {
        Path out = Files.createTempFile(work, "trace", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "-e", "trace=execve",
                "-o", out.toString(), "--", "/bin/true"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("XDG_CACHE_HOME", cacheHome);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the CLI did not end within 60 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }
}
