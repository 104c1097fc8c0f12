package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test method's window of one child's trace, in the test JVM: where it begins and ends (as places in the
 * tracer's timeline, so start-up and lifecycle methods stay out and the signals and ends between the markers are in),
 * which events it keeps and how they are marked, and who is told when the method runs (the spares are paused
 * meanwhile).
 *
 * <p>{@link #handle} is the child's marker handler: it runs on the tracer thread while the child's calling thread is
 * stopped, so it must be quick, and it must not throw (the child would only see EIO): a failure is answered with an
 * error and kept, for the test's failure to say why. The rest runs on the test's thread, before the child starts or
 * after its trace has ended (the tracer thread has been joined then, so what it wrote is seen).
 */
final class TestWindow implements MarkerHandler {

    private final SnapshotWriter snapshots;
    private final NoiseFilter noise;
    /** What this window's snapshots have sent the child; made anew at each begin marker. */
    private LiveWindow live;
    private int begin = -1;
    /** The traced JVM's pid, from its begin marker: the process whose own work the noise rules hide. */
    private int jvm = -1;
    private int end = -1;
    /** What went wrong answering the child first, if anything. */
    private String failure;
    /**
     * The test's syscalls, when the tracer records more: a spare child is traced before its test, and so its
     * categories, are known. Set before the child learns its test, read on the tracer thread.
     */
    private volatile Set<Integer> recordOnly;
    /**
     * In a worker JVM, the threads that already ran when this test was handed to it and still ran when its method
     * began: theirs is not this test's ({@link NoiseRule#EARLIER_TEST_THREAD}). Set on the tracer thread at the begin
     * marker, before the window's first cut.
     */
    private volatile Set<Integer> earlierThreads = Set.of();
    /** Told when the test method begins and ends (SpareChildren pauses its spares meanwhile). */
    private Runnable bodyBegins;
    private Runnable bodyEnds;
    private boolean bodyRuns;

    /**
     * In a worker JVM: at its begin marker the window has the trace forget everything before it (the earlier tests',
     * nobody reads them again), so that the worker's trace does not grow with every test; the places below
     * {@link #forgottenBefore} are then gone from the trace's result too.
     */
    private boolean forgetsEarlier;
    private int forgottenBefore;

    TestWindow(Path snapshotFile, NoiseFilter noise) {
        this.snapshots = new SnapshotWriter(snapshotFile);
        this.noise = noise;
    }

    /** A worker's window: see {@link #forgetsEarlier}. */
    void forgetEarlierTests() {
        forgetsEarlier = true;
    }

    /** Keeps only these syscalls in the window (the child's filter stops a few more, such as prctl). */
    void recordOnly(int[] numbers) {
        recordOnly = Arrays.stream(numbers).boxed().collect(Collectors.toUnmodifiableSet());
    }

    /** Tracer thread, at the begin marker of a test in a worker JVM: see {@link #earlierThreads}. */
    void earlierThreads(Set<Integer> tids) {
        earlierThreads = Set.copyOf(tids);
    }

    /**
     * Tracer thread, while the worker JVM that ran this window's test still runs (at its "next" marker): the window
     * as the end of the test leaves it, cut out of the trace so far.
     */
    NoiseFilter.Marked windowAt(MarkerCall call) {
        return windowOf((from, to) -> call.timeline(from, to).allTimeline());
    }

    /** Runs {@code begins} when the test method begins and {@code ends} when it ends, or at the latest at close. */
    synchronized void whileBodyRuns(Runnable begins, Runnable ends) {
        bodyBegins = begins;
        bodyEnds = ends;
    }

    private synchronized void bodyBegins() {
        if (!bodyRuns && bodyBegins != null) {
            bodyRuns = true;
            bodyBegins.run();
        }
    }

    private synchronized void bodyEnds() {
        if (bodyRuns) {
            bodyRuns = false;
            bodyEnds.run();
        }
    }

    @Override
    public long handle(MarkerCall call) {
        Optional<MarkerCommand> command = MarkerCommand.of(call.command());
        if (command.isEmpty()) {
            return MarkerCommand.UNKNOWN;
        }
        try {
            switch (command.get()) {
                case BEGIN:
                    begin = call.timelinePosition();
                    if (forgetsEarlier) {
                        call.forgetTimelineBefore(begin);
                        forgottenBefore = begin;
                    }
                    jvm = call.pid();
                    end = -1;
                    live = new LiveWindow(begin, this::keeps);
                    bodyBegins();
                    return 0;
                case END:
                    end = call.timelinePosition();
                    bodyEnds();
                    return 0;
                case SNAPSHOT:
                    return snapshot(call, false);
                case CHECK:
                    return snapshot(call, true);
                default:
                    return MarkerCommand.UNKNOWN; // a worker's "next" is its WorkerMarkers', never a window's
            }
        } catch (IOException e) {
            return failed("The test JVM could not write the trace snapshot " + snapshots.file() + ": " + e);
        } catch (RuntimeException e) {
            return failed("The test JVM failed to answer the marker \"" + command.get().verb() + "\": " + e);
        }
    }

    /**
     * Writes what changed in the window since its previous snapshot (with {@code whole}, followed by the whole window
     * as a full cut gives it, for the harness's own exactness checks); returns the length written.
     */
    private long snapshot(MarkerCall call, boolean whole) throws IOException {
        byte[] bytes;
        if (live == null) { // the method never began: its window is empty
            bytes = SnapshotDelta.whole(0, List.of()).encode();
        } else {
            live.catchUp(call, end < 0 ? call.timelinePosition() : end);
            bytes = (live.sameAsSent() ? live.unchanged()
                    : live.delta(noise.mark(live.events(), jvm, earlierThreads))).encode();
            if (whole) {
                byte[] all = SnapshotDelta.whole(0,
                        windowOf((from, to) -> call.timeline(from, to).allTimeline()).timeline()).encode();
                bytes = Arrays.copyOf(bytes, bytes.length + all.length);
                System.arraycopy(all, 0, bytes, bytes.length - all.length, all.length);
            }
        }
        snapshots.write(bytes);
        if (live != null) {
            live.sent();
        }
        return bytes.length;
    }

    private long failed(String why) {
        if (failure == null) {
            failure = why;
        }
        return MarkerCommand.FAILED;
    }

    /**
     * The test method's calls, signals and ends out of the whole trace, noise marked, with the rule that hid each;
     * empty when the method never began.
     */
    NoiseFilter.Marked window(SyscallTrace whole) {
        // the whole trace's timeline: its places are its indices, but for the ones forgotten, all before the window
        List<TraceEvent> all = whole.allTimeline();
        return windowOf((from, to) -> {
            int first = Math.min(Math.max(0, from - forgottenBefore), all.size());
            int last = to == Integer.MAX_VALUE ? all.size() : to - forgottenBefore;
            return all.subList(first, Math.max(first, Math.min(last, all.size())));
        });
    }

    /**
     * The one way the window is cut out of a trace, for every snapshot on the tracer thread and once at the end: the
     * timeline between the markers, of its calls the test's syscalls only (signals and ends all stay), noise marked.
     */
    private NoiseFilter.Marked windowOf(TimelineRange trace) {
        if (begin < 0) {
            return NoiseFilter.Marked.EMPTY;
        }
        List<TraceEvent> timeline = trace.between(begin, end < 0 ? Integer.MAX_VALUE : end);
        if (recordOnly != null) {
            timeline = timeline.stream().filter(this::keeps).collect(Collectors.toList());
        }
        return noise.mark(timeline, jvm, earlierThreads);
    }

    /** Whether the window keeps this entry of its places: signals and ends all, of the calls the test's syscalls. */
    private boolean keeps(TraceEvent e) {
        Set<Integer> only = recordOnly;
        // a call the tracer acted on is always the test's, whatever its syscall
        return only == null || !(e instanceof SyscallEvent call) || only.contains(call.number())
                || call.injection().isPresent();
    }

    /** The timeline's entries at the places in {@code [fromPlace, toPlace)}, as many of them as there are. */
    @FunctionalInterface
    private interface TimelineRange {
        List<TraceEvent> between(int fromPlace, int toPlace);
    }

    Outcome.Reached reached() {
        if (begin < 0) {
            return Outcome.Reached.BEFORE_METHOD;
        }
        return end < 0 ? Outcome.Reached.IN_METHOD : Outcome.Reached.AFTER_METHOD;
    }

    /** Why the test JVM failed to answer one of the child's markers, if it did: the child only got an errno. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The child has ended: a test method that began and never ended (a crash, a timeout) has ended now. */
    void close() {
        bodyEnds();
        snapshots.close();
    }
}
