package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileChecksTest {

    private static final SyscallTrace CAT_HOSTS = trace(
            openat("/etc/ld.so.cache", O_RDONLY | O_CLOEXEC).build(),
            openat("/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY | O_CLOEXEC).build(),
            fail(openat("/etc/hosts.allow", O_RDONLY), "ENOENT").build(),
            openat("/etc/host.conf", O_RDONLY).build(),
            openat("/etc/hostname", O_RDONLY).build(),
            fdCall("read", 3, "/etc/hostname").build());

    @Test
    void openedFilePassesOnASuccessfulOpen() {
        assertThat(CAT_HOSTS).openedFile("/etc/hostname").openedFile("/etc/ld.so.cache");
    }

    @Test
    void openedFileFailureListsOpenedFilesClosestFirstWithFailuresMarked() {
        assertThatThrownBy(() -> assertThat(CAT_HOSTS).openedFile("/etc/hosts"))
                .isInstanceOf(AssertionError.class)
                .hasMessage(String.format("%n"
                        + "Expecting the traced process to have opened%n"
                        + "  \"/etc/hosts\"%n"
                        + "but it did not.%n"
                        + "Files it opened, closest first (5 entries, failed opens marked):%n"
                        + "  /etc/hostname%n"
                        + "  /etc/host.conf%n"
                        + "  /etc/hosts.allow  (failed: ENOENT)%n"
                        + "  /etc/ld.so.cache%n"
                        + "  /lib/x86_64-linux-gnu/libc.so.6"));
    }

    @Test
    void aFailedOpenOfTheFileIsShownAndDoesNotCount() {
        SyscallTrace t = trace(fail(openat("/etc/shadow", O_RDONLY), "EACCES").build());
        assertThatThrownBy(() -> assertThat(t).openedFile("/etc/shadow"))
                .hasMessageContaining("It tried, and the open failed:")
                .hasMessageContaining("[pid 100 \"app\"] openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES")
                .hasMessageContaining("/etc/shadow  (failed: EACCES)");
        assertThat(t).didNotOpenFile("/etc/shadow");
    }

    @Test
    void theMessageNamesTheSavedTraceFileAndTheDescription() {
        SyscallTrace saved = CAT_HOSTS.savedTo(Path.of("/tmp/traces/test-42.strace"));
        assertThatThrownBy(() -> assertThat(saved).as("cat").openedFile("/etc/passwd"))
                .hasMessageStartingWith("[cat] ")
                .hasMessageEndingWith(String.format("%n%nThe full trace is in /tmp/traces/test-42.strace"));
    }

    @Test
    void anEmptyTraceSaysSo() {
        assertThatThrownBy(() -> assertThat(SyscallTrace.empty()).openedFile("/etc/hosts"))
                .hasMessageContaining("  (none)")
                .hasMessageContaining("The trace has no events");
    }

    @Test
    void didNotOpenFileFailsWithTheCall() {
        assertThat(CAT_HOSTS).didNotOpenFile("/etc/passwd");
        assertThatThrownBy(() -> assertThat(CAT_HOSTS).didNotOpenFile("/etc/hostname"))
                .hasMessage(String.format("%nExpecting the traced process not to have opened%n  \"/etc/hostname\"%n"
                        + "but it did, once:%n"
                        + "  [pid 100 \"app\"] openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3"));
    }

    @Test
    void pathsAreComparedAbsoluteAndNormalised() {
        String cwd = Path.of("").toAbsolutePath().toString();
        SyscallTrace t = trace(openat(cwd + "/target/out.txt", O_WRONLY | O_CREAT).build(),
                // the engine resolves openat(dirfd, "x.txt") against the dirfd; a "." or ".." left in it still matches
                call("openat").args(7, 0, O_RDONLY).path("/srv/data/./sub/../x.txt")
                        .renderedArgs(List.of("7</srv/data>", "\"x.txt\"", "O_RDONLY")).returnValue(3).build());
        assertThat(t).openedFile("target/out.txt")
                .openedFile("./target/../target/out.txt")
                .wroteFile("target/out.txt")
                .openedFile("/srv/data/x.txt")
                .readFile("/srv//data/x.txt");
        assertThatThrownBy(() -> assertThat(t).openedFile("out.txt"))
                .hasMessageContaining("\"" + cwd + "/out.txt\"")
                .hasMessageContaining("  " + cwd + "/target/out.txt");
    }

    @Test
    void openedFileMatchingTakesGlobsAndRegexes() {
        assertThat(CAT_HOSTS).openedFileMatching("glob:/etc/**")
                .openedFileMatching("/etc/host*")
                .openedFileMatching("regex:.*\\.so\\.\\d+")
                .openedNoFileMatching("glob:/home/**")
                .openedNoFileMatching("glob:/etc/hosts.*"); // only a failed open matches
        assertThatThrownBy(() -> assertThat(CAT_HOSTS).openedFileMatching("glob:/usr/**"))
                .hasMessageContaining("Expecting the traced process to have opened a file matching")
                .hasMessageContaining("\"glob:/usr/**\"")
                .hasMessageContaining("/etc/hosts.allow  (failed: ENOENT)");
        assertThatThrownBy(() -> assertThat(CAT_HOSTS).openedNoFileMatching("glob:/etc/host*"))
                .hasMessageContaining("not to have opened a file matching")
                .hasMessageContaining("but it did, 2 times:")
                .hasMessageContaining("/etc/host.conf  [pid 100 \"app\"] openat(");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(CAT_HOSTS).openedFileMatching("regex:(("))
                .withMessageContaining("Not a path pattern");
    }

    @Test
    void readAndWriteFollowTheOpenFlags() {
        SyscallTrace t = trace(
                openat("/data/in", O_RDONLY).build(),
                openat("/data/both", O_RDWR).build(),
                openat("/data/out", O_WRONLY | O_TRUNC | O_CREAT).build(),
                open("/data/log", O_WRONLY | O_APPEND).build(),
                openat("/data/handle", O_PATH).build(),
                call("creat").path("/data/new").renderedArgs(List.of("\"/data/new\"", "0644")).returnValue(4).build());
        assertThat(t).readFile("/data/in").readFile("/data/both").wroteFile("/data/both")
                .wroteFile("/data/out").createdFile("/data/out").wroteFile("/data/log")
                .wroteFile("/data/new").createdFile("/data/new")
                .openedFile("/data/handle").didNotWriteFile("/data/in");
        assertThatThrownBy(() -> assertThat(t).wroteFile("/data/in"))
                .hasMessageContaining("Expecting the traced process to have written")
                .hasMessageContaining("Calls on that path that do not count:")
                .hasMessageContaining("openat(AT_FDCWD, \"/data/in\", O_RDONLY) = 3  (read)")
                .hasMessageContaining(String.format("Files it wrote, closest first:%n  /data/out%n"));
        assertThatThrownBy(() -> assertThat(t).readFile("/data/handle"))
                .hasMessageContaining("(O_PATH)");
        assertThatThrownBy(() -> assertThat(t).readFile("/data/log")).hasMessageContaining("(write)");
        assertThatThrownBy(() -> assertThat(t).createdFile("/data/log"));
        assertThatThrownBy(() -> assertThat(t).didNotWriteFile("/data/out"))
                .hasMessageContaining("not to have written");
    }

    @Test
    void writingThroughADescriptorThatNamesTheFileCounts() {
        SyscallTrace t = trace(fdCall("write", 1, "/var/log/app.log").build(),
                fdCall("pread64", 4, "/var/lib/db").build(),
                fail(fdCall("write", 5, "/var/lib/full"), "ENOSPC").build(),
                fdCall("write", 2, "pipe:[12345]").build());
        assertThat(t).wroteFile("/var/log/app.log").readFile("/var/lib/db").wroteNoFilesOutside("/var/log");
        assertThatThrownBy(() -> assertThat(t).wroteFile("/var/lib/full"))
                .hasMessageContaining("write(5, \"...\", 5) = -1 ENOSPC");
    }

    @Test
    void openat2FlagsComeFromTheDecodedStruct() {
        SyscallTrace t = trace(
                call("openat2").path("/etc/a").openFlags(O_RDONLY | O_CLOEXEC).renderedArgs(List.of("AT_FDCWD",
                        "\"/etc/a\"", "{flags=O_RDONLY|O_CLOEXEC, mode=0, resolve=RESOLVE_NO_SYMLINKS}", "24"))
                        .returnValue(3).build(),
                call("openat2").path("/tmp/b").openFlags(O_WRONLY | O_CREAT | O_EXCL).renderedArgs(List.of("AT_FDCWD",
                        "\"/tmp/b\"", "{flags=O_WRONLY|O_CREAT|O_EXCL, mode=0600, resolve=0}", "24"))
                        .returnValue(4).build(),
                // the engine could not read the struct: no decoded flags, the address shown instead
                call("openat2").path("/tmp/c").renderedArgs(List.of("AT_FDCWD", "\"/tmp/c\"",
                        "0x7ffc1000", "24")).returnValue(5).build());
        assertThat(t).readFile("/etc/a").wroteFile("/tmp/b").createdFile("/tmp/b").openedFile("/tmp/c")
                .didNotWriteFile("/etc/a");
        assertThatThrownBy(() -> assertThat(t).readFile("/tmp/c")).hasMessageContaining("(flags unknown)");
    }

    @Test
    void theDecodedFlagsDecideAndTheRegistersStandInForAnEventWithoutThem() {
        SyscallTrace t = trace(
                // the decoded value is the kernel's view: it wins over a register (here a contrived mismatch)
                call("openat").args(AT_FDCWD, 0, O_RDONLY).openFlags(O_WRONLY).path("/w/decoded")
                        .renderedArgs(List.of("AT_FDCWD", "\"/w/decoded\"", "O_WRONLY")).returnValue(3).build(),
                // a hand-built event, or one read from an older trace file, has no decoded flags
                call("openat").args(AT_FDCWD, 0, O_WRONLY | O_CREAT).path("/w/register").returnValue(4).build(),
                call("open").args(0, O_RDWR).path("/w/open").returnValue(5).build(),
                call("creat").path("/w/creat").returnValue(6).build(),
                call("openat2").path("/w/how").returnValue(7).build());
        assertThat(t).wroteFile("/w/decoded").didNotWriteFile("/w/how")
                .wroteFile("/w/register").createdFile("/w/register")
                .readFile("/w/open").wroteFile("/w/open")
                .wroteFile("/w/creat").createdFile("/w/creat")
                .openedFile("/w/how");
        assertThatThrownBy(() -> assertThat(t).readFile("/w/decoded")).hasMessageContaining("(write)");
        assertThatThrownBy(() -> assertThat(t).readFile("/w/how")).hasMessageContaining("(flags unknown)");
    }

    @Test
    void aFailedCreateIsNotACreate() {
        SyscallTrace t = trace(fail(openat("/ro/x", O_WRONLY | O_CREAT), "EROFS").build());
        assertThatThrownBy(() -> assertThat(t).createdFile("/ro/x"))
                .hasMessageContaining("= -1 EROFS");
        assertThat(t).wroteNoFilesOutside("/tmp");
    }

    @Test
    void createdIncludesMknodMkdirLinksAndRenameTargets() {
        SyscallTrace t = trace(pathCall("mkdir", "/w/dir").build(), pathCall("mknodat", "/w/fifo").build(),
                call("symlink").path("/w/target").path2("/w/link").returnValue(0).build(),
                rename("/w/tmp", "/w/final").build());
        assertThat(t).createdFile("/w/dir").createdFile("/w/fifo").createdFile("/w/link").createdFile("/w/final")
                .deletedFile("/w/tmp");
        assertThatThrownBy(() -> assertThat(t).createdFile("/w/target"))
                .hasMessageContaining("Files it created, closest first:");
    }

    @Test
    void deletedFile() {
        SyscallTrace t = trace(pathCall("unlink", "/tmp/a").build(),
                call("unlinkat").args(AT_FDCWD, 0, AT_REMOVEDIR).path("/tmp/d").returnValue(0).build(),
                fail(pathCall("unlink", "/tmp/busy"), "EBUSY").build());
        assertThat(t).deletedFile("/tmp/a").deletedFile("/tmp/d");
        assertThatThrownBy(() -> assertThat(t).deletedFile("/tmp/busy"))
                .hasMessageContaining("Expecting the traced process to have deleted")
                .hasMessageContaining("unlink(\"/tmp/busy\") = -1 EBUSY")
                .hasMessageContaining(String.format("closest first:%n  /tmp/a%n  /tmp/d"));
    }

    @Test
    void renamedFileNeedsBothNamesAndSuccess() {
        SyscallTrace t = trace(rename("/w/a.tmp", "/w/a").build(),
                fail(rename("/w/b.tmp", "/w/b"), "EXDEV").build(),
                call("renameat2").path("/w/c").path2("/w/d").returnValue(0).build());
        assertThat(t).renamedFile("/w/a.tmp", "/w/a").renamedFile("/w/c", "/w/d");
        assertThatThrownBy(() -> assertThat(t).renamedFile("/w/b.tmp", "/w/b"))
                .hasMessageContaining(String.format("to have renamed%n  \"/w/b.tmp\"%nto%n  \"/w/b\"%n"))
                .hasMessageContaining(String.format("closest first:%n  /w/b.tmp -> /w/b  (failed: EXDEV)"));
        assertThatThrownBy(() -> assertThat(t).renamedFile("/w/a", "/w/a.tmp"));
    }

    @Test
    void onlyOpenedFilesUnder() {
        assertThat(CAT_HOSTS).onlyOpenedFilesUnder("/etc", "/lib/");
        assertThatThrownBy(() -> assertThat(CAT_HOSTS).onlyOpenedFilesUnder("/etc"))
                .hasMessageContaining(String.format("to have opened files only under%n  [\"/etc\"]%n"
                        + "but this call went outside:%n  /lib/x86_64-linux-gnu/libc.so.6  [pid 100 \"app\"] openat("));
        // a directory's sibling with the same prefix is not under it
        assertThatThrownBy(() -> assertThat(trace(openat("/etc2/x", O_RDONLY).build())).onlyOpenedFilesUnder("/etc"));
        // (a call without directories no longer compiles: it could be the String, Path or File form)
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(CAT_HOSTS).onlyOpenedFilesUnder(new String[0]));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(CAT_HOSTS).onlyOpenedFilesUnder(new Path[0]));
    }

    @Test
    void wroteNoFilesOutsideIgnoresDeviceSinksButNotOtherChanges() {
        SyscallTrace t = trace(openat("/dev/null", O_WRONLY).build(), fdCall("write", 1, "/dev/pts/3").build(),
                openat("/work/out/report.txt", O_WRONLY | O_CREAT).build(), openat("/etc/passwd", O_RDONLY).build());
        assertThat(t).wroteNoFilesOutside("/work/out");
        SyscallTrace changes = trace(pathCall("unlink", "/home/u/.cache/x").build(),
                rename("/work/out/a", "/work/elsewhere/a").build());
        assertThatThrownBy(() -> assertThat(changes).wroteNoFilesOutside("/work/out"))
                .hasMessageContaining("to have changed files only under")
                .hasMessageContaining("these 2 calls went outside")
                .hasMessageContaining("/home/u/.cache/x  [pid 100 \"app\"] unlink(")
                .hasMessageContaining("/work/elsewhere/a  [pid 100 \"app\"] rename(");
    }
}
