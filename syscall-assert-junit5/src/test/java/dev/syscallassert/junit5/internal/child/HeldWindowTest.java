package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta.Change;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot deltas as the child applies them: through their bytes, each event put at its timeline place, re-marks
 * replacing the event held there; a delta that does not follow what is held, or is not whole, is an error.
 */
class HeldWindowTest {

    private static SyscallEvent call(String path, boolean hidden) {
        return SyscallEvent.builder().pid(10).tid(11).thread("main").syscall("openat").number(257)
                .path(path).renderedArgs(List.of("AT_FDCWD", "\"" + path + "\"", "O_RDONLY")).returnValue(3)
                .renderedReturn("3").finished(true).harness(hidden).build();
    }

    private static SnapshotDelta viaBytes(int sequence, int before, int after, Change... changes) {
        byte[] bytes = new SnapshotDelta(sequence, before, after, Arrays.asList(changes)).encode();
        return SnapshotDelta.decode(bytes, bytes.length);
    }

    private static List<String> paths(SyscallTrace t) {
        return t.allEvents().stream().map(e -> e.path().orElseThrow() + (e.harness() ? " hidden" : ""))
                .collect(Collectors.toList());
    }

    @Test
    void eventsGoToTheirPlacesAndReMarksReplaceWhatIsHeld() {
        HeldWindow held = new HeldWindow(null);
        assertThat(paths(held.apply(viaBytes(1, 0, 2, new Change(true, 5, call("/b", false)),
                new Change(true, 7, call("/c", false)))))).containsExactly("/b", "/c");
        // a call that entered at place 3 completed after the others; /b turned out to be noise
        SyscallTrace second = held.apply(viaBytes(2, 2, 4, new Change(true, 3, call("/a", false)),
                new Change(false, 5, call("/b", true)), new Change(true, 9, call("/d", false))));
        assertThat(paths(second)).containsExactly("/a", "/b hidden", "/c", "/d");
        assertThat(second.events()).hasSize(3);
        SyscallTrace third = held.apply(viaBytes(3, 4, 4, new Change(false, 5, call("/b", false))));
        assertThat(paths(third)).containsExactly("/a", "/b", "/c", "/d");
        assertThat(held.apply(viaBytes(4, 4, 4))).as("nothing changed: the same reading").isSameAs(third);
        assertThat(paths(second)).as("an earlier reading does not change").contains("/b hidden");
    }

    @Test
    void aDeltaThatDoesNotFollowWhatIsHeldIsAnError() {
        HeldWindow held = new HeldWindow(null);
        held.apply(viaBytes(1, 0, 1, new Change(true, 5, call("/b", false))));
        assertThatThrownBy(() -> held.apply(viaBytes(1, 0, 1, new Change(true, 5, call("/b", false)))))
                .isInstanceOf(IllegalStateException.class).hasMessage("The trace snapshot the tracer wrote "
                        + "(number 1, for 0 events held) does not follow the one this JVM holds (number 1, 1 events)");
        HeldWindow other = new HeldWindow(null);
        other.apply(viaBytes(1, 0, 1, new Change(true, 5, call("/b", false))));
        assertThatThrownBy(() -> other.apply(viaBytes(2, 1, 1, new Change(false, 6, call("/x", true)))))
                .hasMessage("The trace snapshot number 2 re-marks an event at timeline place 6 that this JVM does "
                        + "not hold");
        assertThatThrownBy(() -> other.apply(viaBytes(3, 1, 1))).as("after a delta it could not apply")
                .hasMessageStartingWith("An earlier snapshot of this test's trace could not be read (The trace "
                        + "snapshot number 2 re-marks");
        assertThatThrownBy(() -> new HeldWindow(null).apply(viaBytes(1, 0, 1, new Change(true, 5, call("/b", false)),
                new Change(true, 5, call("/b", false))))).hasMessage("The trace snapshot number 1 adds an event at "
                        + "timeline place 5 again");
    }

    @Test
    void aDeltaThatIsNotWholeIsNotRead() {
        byte[] bytes = new SnapshotDelta(4, 0, 2, List.of(new Change(true, 1, call("/a", false)),
                new Change(true, 2, call("/b", false)))).encode();
        for (int cut : new int[] {bytes.length - 1, bytes.length - 6, bytes.length / 2, 10}) {
            assertThatThrownBy(() -> SnapshotDelta.decode(bytes, cut)).as("cut at " + cut)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        List<TraceEvent> timeline = List.of(call("/a", false), call("/b", true));
        byte[] two = concat(new SnapshotDelta(1, 0, 0, List.of()).encode(), SnapshotDelta.whole(0, timeline).encode());
        List<SnapshotDelta> read = SnapshotDelta.decodeAll(two, two.length);
        assertThat(read).hasSize(2);
        assertThat(paths(new HeldWindow(null).apply(read.get(1)))).containsExactly("/a", "/b hidden");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
