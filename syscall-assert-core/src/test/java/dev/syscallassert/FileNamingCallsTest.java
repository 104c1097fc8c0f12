package dev.syscallassert;

import dev.syscallassert.core.format.JsonLinesFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call that names a file by path or fd carries it on the event (issue 9 item 5: getxattr, lgetxattr, statfs
 * and their families had none, 369 calls in {@code ls -la /etc} alone), on real processes: ls, which asks every entry
 * for its ACL and SELinux label, and a Python program that makes the xattr, statfs and timestamp calls by path and
 * by fd.
 */
class FileNamingCallsTest {

    /** Calls of strace's file class that name no file of their own: getcwd's argument is where it writes. */
    private static final Set<String> NAME_NO_FILE = Set.of("getcwd");

    @Test
    void lsCarriesThePathOfEveryEntryItAsksForAttributes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("plain.txt"), "x");
        Files.createDirectory(dir.resolve("sub"));
        TraceResult result = Tracer.command("ls", "-la", dir.toString()).run();

        List<SyscallEvent> xattrs = result.trace().stream()
                .filter(e -> e.syscall().equals("getxattr") || e.syscall().equals("lgetxattr"))
                .collect(Collectors.toList());
        assertThat(xattrs).as("ls asks every entry for its attributes").isNotEmpty();
        assertThat(xattrs).allSatisfy(e -> assertThat(e.path()).as(e.toString()).isPresent());
        assertThat(xattrs.stream().map(e -> e.path().orElseThrow()).collect(Collectors.toSet()))
                .contains(dir.resolve("plain.txt").toString(), dir.resolve("sub").toString());
        everyFileCallNamesItsFile(result);
    }

    @Test
    void theXattrStatfsAndTimestampFamiliesCarryTheirFileByPathAndByFd(@TempDir Path dir) {
        String script = String.join("\n",
                "import os",
                "os.chdir(" + quoted(dir.toString()) + ")",
                "open('f', 'w').close()",
                "os.setxattr('f', 'user.k', b'v')",
                "os.getxattr('f', 'user.k')",
                "os.getxattr('f', 'user.k', follow_symlinks=False)",
                "os.listxattr('f')",
                "os.removexattr('f', 'user.k')",
                "os.statvfs('f')",
                "os.utime('f', (1, 2))",
                "fd = os.open('f', os.O_RDONLY)",
                "os.setxattr(fd, 'user.k', b'w')",
                "os.getxattr(fd, 'user.k')",
                "os.listxattr(fd)",
                "os.statvfs(fd)",
                "os.close(fd)");
        TraceResult result = Tracer.command("/usr/bin/python3", "-c", script).run();
        String f = dir.resolve("f").toString();

        for (String byPath : List.of("setxattr", "getxattr", "lgetxattr", "listxattr", "removexattr", "statfs")) {
            assertThat(result.trace().stream().filter(e -> e.syscall().equals(byPath)))
                    .as(byPath).isNotEmpty().allSatisfy(e -> assertThat(e.path()).as(e.toString()).hasValue(f));
        }
        for (String byFd : List.of("fsetxattr", "fgetxattr", "flistxattr", "fstatfs")) {
            assertThat(result.trace().stream().filter(e -> e.syscall().equals(byFd) && e.pid() == e.tid()))
                    .as(byFd).isNotEmpty().anySatisfy(e -> assertThat(e.fdPath()).as(e.toString()).hasValue(f));
        }
        SyscallEvent utime = result.trace().stream().filter(e -> e.syscall().equals("utimensat")).findFirst()
                .orElseThrow();
        assertThat(utime.path()).hasValue(f);
        SyscallEvent getxattr = result.trace().stream().filter(e -> e.syscall().equals("getxattr")).findFirst()
                .orElseThrow();
        assertThat(JsonLinesFormat.format(getxattr)).contains("\"path\":" + quoted(f));
        assertThat(JsonLinesFormat.parse(JsonLinesFormat.format(getxattr)).path()).hasValue(f);
        everyFileCallNamesItsFile(result);
    }

    /** strace's file class is the calls that take a file name: each one's event says which file. */
    private static void everyFileCallNamesItsFile(TraceResult result) {
        List<SyscallEvent> nameless = result.trace().stream()
                .filter(e -> e.categories().contains(SyscallCategory.FILE) && !NAME_NO_FILE.contains(e.syscall()))
                .filter(e -> e.path().isEmpty() && e.fdPath().isEmpty())
                // a NULL path names nothing (utimensat(fd, NULL, ...) names its fd, which fdPath carries)
                .filter(e -> e.renderedArgs().isEmpty() || !e.renderedArgs().get(0).equals("NULL"))
                .collect(Collectors.toList());
        assertThat(nameless).as("file calls without the file they name").isEmpty();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
