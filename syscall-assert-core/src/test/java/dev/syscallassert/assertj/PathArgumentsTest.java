package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertAll;

/** The Path and File forms of the path checks: the same verdict and the same message as the String form. */
class PathArgumentsTest {
    private static final String CWD = Path.of("").toAbsolutePath().toString();
    private static final SyscallTrace T = trace(
            openat("/etc/hosts", O_RDONLY).build(),
            openat(CWD + "/out/report.txt", O_WRONLY | O_CREAT | O_TRUNC).build(),
            pathCall("unlink", "/tmp/old.lock").build(),
            rename("/tmp/a.part", "/tmp/a").build(),
            execve("/usr/bin/app", "app").build(),
            execve("/usr/bin/ls", "ls").startNanos(2).build());

    @Test
    void eachFormPassesAndFailsAsTheStringFormDoes() {
        assertAll(
                same(a -> a.openedFile("/etc/hosts"), a -> a.openedFile(Path.of("/etc/hosts")),
                        a -> a.openedFile(new File("/etc/hosts"))),
                same(a -> a.openedFile("/etc/passwd"), a -> a.openedFile(Path.of("/etc/passwd")),
                        a -> a.openedFile(new File("/etc/passwd"))),
                same(a -> a.didNotOpenFile("/etc/hosts"), a -> a.didNotOpenFile(Path.of("/etc/hosts")),
                        a -> a.didNotOpenFile(new File("/etc/hosts"))),
                same(a -> a.readFile("/etc/hosts"), a -> a.readFile(Path.of("/etc/hosts")),
                        a -> a.readFile(new File("/etc/hosts"))),
                same(a -> a.readFile("out/report.txt"), a -> a.readFile(Path.of("out/report.txt")),
                        a -> a.readFile(new File("out/report.txt"))),
                same(a -> a.wroteFile("out/report.txt"), a -> a.wroteFile(Path.of("out/./x/../report.txt")),
                        a -> a.wroteFile(new File("out/report.txt"))),
                same(a -> a.didNotWriteFile("out/report.txt"), a -> a.didNotWriteFile(Path.of("out/report.txt")),
                        a -> a.didNotWriteFile(new File("out/report.txt"))),
                same(a -> a.createdFile("/etc/hosts"), a -> a.createdFile(Path.of("/etc/hosts")),
                        a -> a.createdFile(new File("/etc/hosts"))),
                same(a -> a.deletedFile("/tmp/old.lock"), a -> a.deletedFile(Path.of("/tmp/old.lock")),
                        a -> a.deletedFile(new File("/tmp/old.lock"))),
                same(a -> a.renamedFile("/tmp/a.part", "/tmp/a"),
                        a -> a.renamedFile(Path.of("/tmp/a.part"), Path.of("/tmp/a")),
                        a -> a.renamedFile(new File("/tmp/a.part"), new File("/tmp/a"))),
                same(a -> a.renamedFile("/tmp/a", "/tmp/a.part"),
                        a -> a.renamedFile(Path.of("/tmp/a"), Path.of("/tmp/a.part")),
                        a -> a.renamedFile(new File("/tmp/a"), new File("/tmp/a.part"))),
                same(a -> a.onlyOpenedFilesUnder("/etc", "out"),
                        a -> a.onlyOpenedFilesUnder(Path.of("/etc"), Path.of("out")),
                        a -> a.onlyOpenedFilesUnder(new File("/etc"), new File("out"))),
                same(a -> a.onlyOpenedFilesUnder("/etc"), a -> a.onlyOpenedFilesUnder(Path.of("/etc")),
                        a -> a.onlyOpenedFilesUnder(new File("/etc"))),
                same(a -> a.wroteNoFilesOutside("out", "/tmp"),
                        a -> a.wroteNoFilesOutside(Path.of("out"), Path.of("/tmp")),
                        a -> a.wroteNoFilesOutside(new File("out"), new File("/tmp"))),
                same(a -> a.wroteNoFilesOutside("/tmp"), a -> a.wroteNoFilesOutside(Path.of("/tmp")),
                        a -> a.wroteNoFilesOutside(new File("/tmp"))),
                same(a -> a.spawnedProcess("ls"), a -> a.spawnedProcess(Path.of("ls")),
                        a -> a.spawnedProcess(new File("ls"))),
                same(a -> a.spawnedProcess("/bin/ls"), a -> a.spawnedProcess(Path.of("/bin/ls")),
                        a -> a.spawnedProcess(new File("/bin/ls"))),
                same(a -> a.didNotSpawnProcess("/usr/bin/ls"), a -> a.didNotSpawnProcess(Path.of("/usr/bin/ls")),
                        a -> a.didNotSpawnProcess(new File("/usr/bin/ls"))),
                same(a -> a.didNotSpawnProcess("cp"), a -> a.didNotSpawnProcess(Path.of("cp")),
                        a -> a.didNotSpawnProcess(new File("cp"))));
    }

    /** The three forms give the same outcome: all pass, or all fail with the same message. */
    private static Executable same(Consumer<SyscallTraceAssert> string, Consumer<SyscallTraceAssert> path,
                                   Consumer<SyscallTraceAssert> file) {
        return () -> {
            Throwable expected = catchThrowable(() -> string.accept(assertThat(T)));
            for (Consumer<SyscallTraceAssert> other : List.of(path, file)) {
                Throwable actual = catchThrowable(() -> other.accept(assertThat(T)));
                if (expected == null) {
                    assertThat(actual).isNull();
                } else {
                    assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
                }
            }
        };
    }

    @Test
    void theyPassAndFailBothWays() {
        // (so that the comparison above is not between two passes only)
        assertThat(T).openedFile(Path.of("/etc/hosts")).wroteFile(new File("out/report.txt"))
                .wroteNoFilesOutside(Path.of("out"), Path.of("/tmp"));
        assertThat(catchThrowable(() -> assertThat(T).openedFile(Path.of("/etc/passwd"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/etc/passwd");
        // /proc, which the working directory cannot be under (a checkout may well be under /tmp)
        assertThat(catchThrowable(() -> assertThat(T).wroteNoFilesOutside(new File("/proc"))))
                .hasMessageContaining(CWD + "/out/report.txt");
    }

    @Test
    void nullsAreRefusedAsForStrings() {
        assertThatNullPointerException().isThrownBy(() -> assertThat(T).openedFile((Path) null)).withMessage("path");
        assertThatNullPointerException().isThrownBy(() -> assertThat(T).openedFile((File) null)).withMessage("path");
        assertThatNullPointerException().isThrownBy(() -> assertThat(T).wroteNoFilesOutside((Path[]) null))
                .withMessage("directories");
        assertThatNullPointerException().isThrownBy(() -> assertThat(T).onlyOpenedFilesUnder(Path.of("/etc"), null))
                .withMessage("path");
    }

    @Test
    void softAssertionsCollectEachFailureOnce() {
        SyscallSoftAssertions softly = new SyscallSoftAssertions();
        softly.assertThat(T).openedFile(Path.of("/etc/passwd")).wroteFile(new File("out/report.txt"))
                .didNotWriteFile(new File("out/report.txt")).byThread("app").openedFile(Path.of("/etc/hosts"));
        assertThat(softly.errorsCollected()).hasSize(2);
    }
}
