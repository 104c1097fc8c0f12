package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

import static dev.syscallassert.assertj.Events.*;
// Both entry points imported statically, as users will: the overloads must not be ambiguous.
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(SoftAssertionsExtension.class)
class SoftAndNavigationTest {

    private static final SyscallTrace T = trace(
            openat("/etc/hosts", O_RDONLY).build(),
            openat("/etc/hosts", O_RDONLY).build(),
            fail(openat("/etc/missing", O_RDONLY), "ENOENT").build(),
            sockCall("connect", 3, "[::ffff:10.0.0.1]:443").build(),
            execve("/usr/bin/curl", "curl").pid(101).tid(101).build())
            .savedTo(Path.of("/tmp/t.strace"));

    @InjectSoftAssertions
    private SyscallSoftAssertions injected;

    @Test
    void bothAssertThatsResolve() {
        assertThat("plain AssertJ").startsWith("plain");
        assertThat(T).openedFile("/etc/hosts");
        assertThat(T.events().get(0).syscall()).isEqualTo("openat");
    }

    @Test
    void navigationGivesPlainListAsserts() {
        assertThat(T).openedFiles().containsExactly("/etc/hosts");
        assertThat(T).connections().containsExactly("10.0.0.1:443");
        assertThat(T).spawnedProcesses().containsExactly("/usr/bin/curl");
        assertThat(T).syscalls().hasSize(5).extracting(SyscallEvent::syscall).contains("connect");
        assertThatThrownBy(() -> assertThat(T).as("curl run").openedFiles().contains("/etc/passwd"))
                .hasMessageStartingWith("[curl run, files opened (full trace: /tmp/t.strace)]");
    }

    @Test
    void softAssertionsCollectEveryFailure() {
        SyscallSoftAssertions softly = new SyscallSoftAssertions();
        softly.assertThat(T).openedFile("/etc/passwd").noNetworkCalls().openedFile("/etc/hosts");
        softly.assertThat(T).openedFiles().contains("/etc/shadow");
        softly.assertThat(T).byThread("nobody").calledSyscall("openat");
        softly.assertThat(T).onlyEvents(e -> e.pid() == 101).syscalls().isEmpty();
        softly.assertThat(T).spawnedProcess("curl");
        AssertionError error = catchThrowableOfType(AssertionError.class, softly::assertAll);
        assertThat(softly.errorsCollected()).hasSize(5);
        assertThat(error).hasMessageContainingAll("\"/etc/passwd\"", "make no network calls", "/etc/shadow",
                "calls by thread \"nobody\"", "matching events", "The full trace is in /tmp/t.strace");
    }

    @Test
    void assertSoftlyPassesWhenAllHold() {
        SyscallSoftAssertions.assertSoftly(softly -> softly.assertThat(T).openedFile("/etc/hosts")
                .connectedTo("10.0.0.1", 443).didNotOpenFile("/etc/missing"));
        assertThatThrownBy(() -> SyscallSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(T).didNotConnectTo("10.0.0.1", 443);
            softly.assertThat(T).noProcessSpawned();
        })).hasMessageContainingAll("Multiple Failures (2 failures)", "10.0.0.1:443", "execve(\"/usr/bin/curl\"");
    }

    /** A user's own soft-assertions class gets both kinds of assertThat into one collector. */
    static class Softly extends SoftAssertions implements SyscallSoftAssertionsProvider {
    }

    @Test
    void mixesIntoAssertJsSoftAssertions() {
        Softly softly = new Softly();
        softly.assertThat("x").isEqualTo("y");
        softly.assertThat(T).openedFile("/etc/passwd");
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void theJUnitExtensionInjectsThem() {
        injected.assertThat(T).openedFile("/etc/hosts");
        injected.assertThat(T).connections().hasSize(1);
        assertThat(injected.errorsCollected()).isEmpty();
    }
}
