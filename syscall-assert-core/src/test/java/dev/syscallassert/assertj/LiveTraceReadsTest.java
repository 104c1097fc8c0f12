package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A live trace (every traced test's) is a round trip to the tracer per reading: a check reads it once, and its failure
 * message is built from that same reading. Before, a new assert read it in its constructor, a failing check four more
 * times for its message, and a scoped assert once more on creation.
 */
class LiveTraceReadsTest {
    private static final SyscallTrace T = trace(execve("/usr/bin/app", "app").build(),
            openat("/etc/hosts", O_RDONLY).build(),
            execve("/usr/bin/curl", "curl").pid(101).tid(101).build()).savedTo(Path.of("/tmp/t.strace"));

    private final AtomicInteger reads = new AtomicInteger();
    private final SyscallTrace live = SyscallTrace.live(() -> {
        reads.incrementAndGet();
        return T;
    });

    private int readsSinceLast() {
        return reads.getAndSet(0);
    }

    @Test
    void creatingAnAssertOrScopingItReadsNothing() {
        assertThat(live).byThread("app").inProcess(100).onlyEvents(e -> true).withHarnessNoise();
        assertThat(readsSinceLast()).isZero();
    }

    @Test
    void aPassingCheckReadsOnce() {
        assertThat(live).openedFile("/etc/hosts");
        assertThat(readsSinceLast()).as("was 2: the constructor and the check").isEqualTo(1);
    }

    @Test
    void chainedChecksReadOnceEach() {
        assertThat(live).openedFile("/etc/hosts").readFile("/etc/hosts").noNetworkCalls();
        assertThat(readsSinceLast()).as("was 4").isEqualTo(3);
    }

    @Test
    void aFailingCheckReadsOnceAndItsMessageUsesThatReading() {
        assertThatThrownBy(() -> assertThat(live).openedFile("/etc/passwd"))
                .hasMessageEndingWith(String.format("%n%nThe full trace is in /tmp/t.strace"));
        assertThat(readsSinceLast()).as("was 6: constructor, check, isEmpty and three savedTo").isEqualTo(1);
        assertThatThrownBy(() -> assertThat(live).noProcessSpawned()).hasMessageContaining("/usr/bin/curl")
                .hasMessageNotContaining("/usr/bin/app");
        assertThat(readsSinceLast()).as("was 6").isEqualTo(1);
    }

    @Test
    void aScopedCheckReadsOnce() {
        assertThat(live).byThread("app").openedFile("/etc/hosts");
        assertThat(readsSinceLast()).as("was 3: two constructors and the check").isEqualTo(1);
        // The launch exec is still found on the whole trace, not on the scoped one.
        assertThat(live).inProcess(101).spawnedProcess("curl");
    }

    @Test
    void navigationReadsOnce() {
        assertThat(live).openedFiles().containsExactly("/etc/hosts");
        assertThat(readsSinceLast()).as("was 3: constructor, events and the description's savedTo").isEqualTo(1);
        assertThatThrownBy(() -> assertThat(live).syscalls().isEmpty())
                .hasMessageStartingWith("[syscalls (full trace: /tmp/t.strace)]");
        assertThat(readsSinceLast()).isEqualTo(1);
    }

    @Test
    void softChecksReadOnceEach() {
        SyscallSoftAssertions softly = new SyscallSoftAssertions();
        softly.assertThat(live).openedFile("/etc/passwd").byThread("app").noNetworkCalls();
        softly.assertThat(live).spawnedProcesses().contains("/usr/bin/curl");
        assertThat(softly.errorsCollected()).hasSize(1);
        assertThat(readsSinceLast()).isEqualTo(3);
    }
}
