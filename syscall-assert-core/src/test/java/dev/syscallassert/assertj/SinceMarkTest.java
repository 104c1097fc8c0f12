package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code trace.since(trace.mark())}: the calls after a point, in live traces (a growing supplier) and plain ones. */
class SinceMarkTest {
    private static final SyscallEvent SETUP_WRITE = openat("/work/fixture.txt", O_WRONLY | O_CREAT).startNanos(10)
            .endNanos(11).build();
    private static final SyscallEvent ACT_READ = openat("/work/fixture.txt", O_RDONLY).startNanos(30).endNanos(31)
            .build();
    private static final SyscallEvent ACT_WRITE = openat("/work/out.txt", O_WRONLY | O_CREAT).startNanos(40)
            .endNanos(41).build();

    /** A live trace whose source holds what was "recorded so far", each reading a new copy of every event. */
    private final List<SyscallEvent> recorded = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final SyscallTrace live = SyscallTrace.live(() -> {
        reads.incrementAndGet();
        List<SyscallEvent> copies = new ArrayList<>();
        recorded.forEach(e -> copies.add(e.toBuilder().build()));
        return SyscallTrace.of(copies).savedTo(Path.of("/tmp/report.txt"));
    });

    @Test
    void aLiveTraceSinceAMarkSeesOnlyWhatCameAfterAndKeepsGrowing() {
        recorded.add(SETUP_WRITE);
        SyscallTrace.Mark mark = live.mark();
        assertThat(reads.getAndSet(0)).as("a mark reads the live trace once").isEqualTo(1);
        assertThat(mark.size()).isEqualTo(1);
        SyscallTrace act = live.since(mark);
        assertThat(act.isLive()).isTrue();
        assertThat(reads.get()).as("making the view reads nothing").isZero();
        assertThat(act.isEmpty()).isTrue();

        recorded.add(ACT_READ);
        recorded.add(ACT_WRITE);
        assertThat(act).readFile("/work/fixture.txt").didNotWriteFile("/work/fixture.txt").wroteFile("/work/out.txt")
                .wroteNoFilesOutside("/work/out.txt");
        assertThat(act).openedFiles().containsExactly("/work/fixture.txt", "/work/out.txt");
        assertThat(act).syscalls().hasSize(2);
        assertThat(act.savedTo()).hasValue(Path.of("/tmp/report.txt"));
        // The whole trace still has the setup write.
        assertThat(live).wroteFile("/work/fixture.txt");
        assertThatThrownBy(() -> assertThat(act).wroteFile("/work/fixture.txt"))
                .hasMessageContaining("The full trace is in /tmp/report.txt");
    }

    @Test
    void aCallInFlightAtTheMarkIsAfterIt() {
        // At the mark the accept on thread 101 has not returned, so the reading holds the calls around it only;
        // once it returns it shows up at its entry position, before calls that were in the marked reading.
        SyscallEvent before = openat("/work/a", O_RDONLY).startNanos(1).endNanos(2).build();
        SyscallEvent inFlight = call("accept4").tid(101).args(3).startNanos(3).endNanos(50).returnValue(4).build();
        SyscallEvent alsoBefore = openat("/work/b", O_RDONLY).startNanos(4).endNanos(5).build();
        SyscallEvent after = openat("/work/c", O_RDONLY).startNanos(60).endNanos(61).build();
        recorded.add(before);
        recorded.add(alsoBefore);
        SyscallTrace.Mark mark = live.mark();
        recorded.add(1, inFlight);
        recorded.add(after);
        assertThat(live.since(mark).events()).extracting(SyscallEvent::syscall, e -> e.path().orElse(""))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("accept4", ""),
                        org.assertj.core.groups.Tuple.tuple("openat", "/work/c"));
        assertThat(live.since(mark)).didNotOpenFile("/work/b").openedFile("/work/c").calledSyscall("accept4");
    }

    @Test
    void aPlainTraceSinceAMarkIsASlice() {
        SyscallTrace whole = trace(SETUP_WRITE, ACT_READ, ACT_WRITE);
        SyscallTrace.Mark atEnd = whole.mark();
        assertThat(whole.since(atEnd).isEmpty()).isTrue();
        assertThat(whole.since(atEnd).isLive()).isFalse();

        // A mark taken on a live trace slices a later plain reading of it the same way.
        recorded.add(SETUP_WRITE);
        SyscallTrace.Mark mark = live.mark();
        recorded.add(ACT_WRITE);
        SyscallTrace reading = live.current();
        SyscallTrace slice = reading.since(mark);
        assertThat(slice.isLive()).isFalse();
        assertThat(slice).wroteFile("/work/out.txt").didNotWriteFile("/work/fixture.txt");
        // Scoping and the harness switch work on a slice like on any trace.
        assertThat(slice).byThread("app").inProcess(100).withHarnessNoise().wroteFile("/work/out.txt");
    }

    @Test
    void identicalHandBuiltEventsAreMatchedOneForOne() {
        SyscallEvent write = fdCall("write", 1, "/dev/pts/0").build();
        SyscallTrace twice = trace(write, write);
        SyscallTrace.Mark mark = trace(write).mark();
        assertThat(twice.since(mark).size()).isEqualTo(1);
    }

    @Test
    void harnessNoiseIsMarkedToo() {
        SyscallEvent noise = openat("/tmp/snapshot", O_RDONLY).harness(true).build();
        SyscallEvent laterNoise = openat("/tmp/snapshot2", O_RDONLY).harness(true).startNanos(5).build();
        SyscallTrace.Mark mark = trace(noise).mark();
        SyscallTrace since = trace(noise, laterNoise, ACT_READ).since(mark);
        assertThat(since.events()).containsExactly(ACT_READ);
        assertThat(since.withHarnessNoise().events()).hasSize(2);
        assertThat(since).withHarnessNoise().didNotOpenFile("/tmp/snapshot").openedFile("/tmp/snapshot2");
    }

    @Test
    void anExecAfterTheMarkIsASpawnEvenWhenItIsTheFirstCallOfTheSlice() {
        // The shell forked before the mark; its child's exec comes after. It is not the traced command's launch.
        SyscallTrace whole = trace(execve("/bin/sh", "sh").build(), call("vfork").returnValue(101).build(),
                execve("/usr/bin/curl", "curl").pid(101).tid(101).startNanos(5).build());
        SyscallTrace.Mark mark = trace(whole.events().get(0), whole.events().get(1)).mark();
        SyscallTrace act = whole.since(mark);
        assertThat(act.startsAtRecordingStart()).isFalse();
        assertThatThrownBy(() -> assertThat(act).noProcessSpawned()).hasMessageContaining("/usr/bin/curl");
        assertThat(act).spawnedProcess("curl").spawnedProcesses().containsExactly("/usr/bin/curl");
        // A mark taken before anything: the slice is the whole trace, and its first exec is still the launch.
        SyscallTrace all = whole.since(SyscallTrace.empty().mark());
        assertThat(all.startsAtRecordingStart()).isTrue();
        assertThat(all).didNotSpawnProcess("sh");
        // The same holds for a filter that leaves the launch out.
        SyscallTrace curlOnly = whole.filter(e -> e.pid() == 101);
        assertThat(curlOnly.startsAtRecordingStart()).isFalse();
        assertThat(curlOnly).spawnedProcess("curl");
        assertThat(whole.filter(e -> e.syscall().equals("execve"))).didNotSpawnProcess("sh").spawnedProcess("curl");
    }

    @Test
    void aNullMarkIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> live.since(null)).withMessage("mark");
    }
}
