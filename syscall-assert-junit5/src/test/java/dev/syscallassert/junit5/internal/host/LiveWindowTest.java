package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracer's side of the live snapshots on a hand-made timeline: a call in flight leaves a gap that is filled, in
 * its place, once it completes; a mark that a later event changes is sent again, and nothing else is. The noise
 * rules are the real ones: the JDK's vfork clone completes after its child's execve of jspawnhelper.
 */
class LiveWindowTest {

    private static final long O_RDONLY = Constants.value("open_access", "O_RDONLY");
    private static final long CLONE_VM_VFORK = Constants.value("clone_flags", "CLONE_VM")
            | Constants.value("clone_flags", "CLONE_VFORK");
    private static final int JVM = 100;

    private final NoiseFilter filter = new NoiseFilter("/opt/jdk", List.of("/app/classes"),
            Path.of("/tmp/syscall-assert-123"));

    /** A tracer's timeline: each place's event, null while its call is in flight. */
    private final List<TraceEvent> places = new ArrayList<>();

    private static SyscallEvent.Builder call(String syscall) {
        return SyscallEvent.builder().pid(JVM).tid(JVM).thread("java").syscall(syscall).finished(true);
    }

    private static SyscallEvent open(int pid, String path) {
        return call("openat").pid(pid).tid(pid).path(path).openFlags(O_RDONLY).returnValue(3).build();
    }

    private final MarkerCall marker = new MarkerCall() {
        public int pid() { return JVM; }
        public int tid() { return JVM; }
        public long command() { return 0; }
        public String argument() { return ""; }
        public SyscallTrace snapshot() { throw new UnsupportedOperationException(); }
        public int eventCount() { throw new UnsupportedOperationException(); }
        public SyscallTrace snapshot(int from, int to) { throw new UnsupportedOperationException(); }
        public int timelinePosition() { return places.size(); }
        public void forgetTimelineBefore(int position) { throw new UnsupportedOperationException(); }
        public SyscallTrace timeline(int from, int to) {
            List<TraceEvent> completed = new ArrayList<>();
            for (int i = Math.max(0, from); i < Math.min(to, places.size()); i++) {
                if (places.get(i) != null) {
                    completed.add(places.get(i));
                }
            }
            return SyscallTrace.ofTimeline(completed);
        }
    };

    /** One snapshot: what it sends, as "+place path" and "=place path hidden|shown". */
    private List<String> snapshot(LiveWindow live) {
        live.catchUp(marker, places.size());
        SnapshotDelta delta = live.sameAsSent() ? live.unchanged()
                : live.delta(filter.mark(live.events(), JVM, java.util.Set.of()));
        live.sent();
        return delta.changes().stream().map(c -> (c.insert() ? "+" : "=") + c.place() + " "
                + ((SyscallEvent) c.event()).path().orElse(((SyscallEvent) c.event()).syscall())
                + (c.insert() ? "" : c.event().harness() ? " hidden" : " shown")).collect(Collectors.toList());
    }

    @Test
    void aCallThatCompletesLateGoesToItsPlaceAndTheMarksItChangesAreSentAgain() {
        places.add(open(JVM, "/data/a"));
        places.add(null); // the JDK's vfork clone of its spawn helper, in flight
        places.add(call("execve").pid(200).tid(200).thread("jspawnhelper").path("/opt/jdk/lib/jspawnhelper")
                .returnValue(0).build());
        places.add(open(200, "/etc/ld.so.cache"));
        places.add(open(JVM, "/data/b"));
        LiveWindow live = new LiveWindow(0, e -> true);
        assertThat(snapshot(live)).as("the helper's calls are the code's while its clone is unknown")
                .containsExactly("+0 /data/a", "+2 /opt/jdk/lib/jspawnhelper", "+3 /etc/ld.so.cache", "+4 /data/b");

        places.add(open(JVM, "/data/c"));
        places.set(1, call("clone3").cloneFlags(CLONE_VM_VFORK).returnValue(200).build());
        assertThat(snapshot(live)).as("the clone in its place; the helper's calls now hidden").containsExactly(
                "+1 clone3", "=2 /opt/jdk/lib/jspawnhelper hidden", "=3 /etc/ld.so.cache hidden", "+5 /data/c");
        assertThat(live.events().stream().map(e -> ((SyscallEvent) e).path().orElse("clone3")))
                .containsExactly("/data/a", "clone3", "/opt/jdk/lib/jspawnhelper", "/etc/ld.so.cache", "/data/b",
                        "/data/c");
        assertThat(snapshot(live)).as("nothing new, nothing sent").isEmpty();
    }

    @Test
    void aRangeWithCallsInFlightIsTakenPlaceByPlaceAndAnEventTheWindowDoesNotKeepIsNotAGap() {
        for (int i = 0; i < 100; i++) {
            places.add(i == 17 || i == 64 ? null : open(JVM, "/data/" + i));
        }
        LiveWindow live = new LiveWindow(10, e -> !((SyscallEvent) e).path().orElse("").endsWith("/3"));
        assertThat(snapshot(live)).hasSize(100 - 10 - 2).doesNotContain("+17 /data/17")
                .contains("+16 /data/16", "+18 /data/18", "+63 /data/63", "+65 /data/65");
        places.set(64, open(JVM, "/data/64"));
        places.set(17, open(JVM, "/data/3")); // completed, but not one of the window's
        places.add(open(JVM, "/data/100"));
        assertThat(snapshot(live)).containsExactly("+64 /data/64", "+100 /data/100");
        List<String> order = live.events().stream().map(e -> ((SyscallEvent) e).path().orElseThrow())
                .collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        for (int i = 10; i <= 100; i++) {
            if (i != 17) {
                expected.add("/data/" + i);
            }
        }
        assertThat(order).isEqualTo(expected);
        assertThat(snapshot(live)).isEmpty();
    }
}
