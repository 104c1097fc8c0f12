package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.seccomp.SeccompInstaller;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;
import dev.syscallassert.junit5.internal.wire.SnapshotDelta;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The traced child JVM's side of one test: which test it runs, the markers around its method, and the live trace
 * injected into it. Exists only in a child started by {@link ChildMain}; in the test JVM {@link #current()} is empty,
 * which is how the extension knows where it runs. Child JVM only: set up on its main thread, used on the test's.
 */
public final class ChildSession {

    private static volatile ChildSession current;

    private final String uniqueId;
    private final int[] syscallNumbers;
    /** Null in a warm-up, which never reads a snapshot. */
    private final SnapshotReader snapshots;
    /** What this test's snapshots have brought so far. */
    private final HeldWindow held;
    private final Path reportFile;
    private final SyscallTrace liveTrace;
    /**
     * For the whole JVM, not the session: a worker runs many sessions, and a filter can never be taken off again, so
     * a second one would only double every recorded syscall's filter cost (all of a worker's tests record the same).
     */
    private static volatile boolean filterInstalled;
    private volatile boolean begun;
    /** A spare child's rehearsal: the markers and the filter are left out, the trace stays empty. */
    private final boolean warmUp;

    private ChildSession(String uniqueId, int[] syscallNumbers, SnapshotReader snapshots, Path reportFile,
                         boolean includeJvmNoise, boolean warmUp) {
        this.warmUp = warmUp;
        this.uniqueId = uniqueId;
        this.syscallNumbers = syscallNumbers;
        this.snapshots = snapshots;
        this.reportFile = reportFile;
        this.held = new HeldWindow(reportFile);
        SyscallTrace live = SyscallTrace.live(this::snapshot);
        this.liveTrace = includeJvmNoise ? live.withHarnessNoise() : live;
    }

    /** The session of the test this child runs; the snapshot file is opened now, before the test begins. */
    static ChildSession start(String uniqueId, int[] syscallNumbers, Path snapshotFile, Path reportFile,
                              boolean includeJvmNoise) throws IOException {
        ChildSession session = new ChildSession(uniqueId, syscallNumbers, new SnapshotReader(snapshotFile),
                reportFile, includeJvmNoise, false);
        current = session;
        return session;
    }

    /**
     * The session of one test of a worker JVM, which runs one test after another: the snapshot file is the worker's,
     * opened once for all its tests ({@code snapshots}), so that no test's session opens it again.
     */
    static ChildSession startInWorker(String uniqueId, int[] syscallNumbers, SnapshotReader snapshots,
                                      Path reportFile, boolean includeJvmNoise) {
        ChildSession session = new ChildSession(uniqueId, syscallNumbers, snapshots, reportFile, includeJvmNoise,
                false);
        current = session;
        return session;
    }

    /**
     * For a spare child warming up on {@link SpareWarmUp} before it knows its test: the extension takes the same path
     * as for a real test, but nothing reaches the tracer, because the filter could never be taken off again and
     * the syscalls to select are not known yet. {@link #endWarmUp()} leaves the JVM as if nothing had run.
     */
    static void startWarmUp(Path reportFile) {
        current = new ChildSession("", new int[0], null, reportFile, false, true);
    }

    static void endWarmUp() {
        current = null;
    }

    /** This JVM's session: present in a traced child (once its main has read the request), empty elsewhere. */
    public static Optional<ChildSession> current() {
        return Optional.ofNullable(current);
    }

    boolean runs(String uniqueId) {
        return warmUp || this.uniqueId.equals(uniqueId);
    }

    SyscallTrace liveTrace() {
        return liveTrace;
    }

    /**
     * Installs the seccomp filter, then marks the beginning of the test method. Only now: until the filter is in,
     * no syscall stops, so the JVM's start-up, the launcher's discovery and the lifecycle methods before the test ran
     * at native speed, and a filter can never be removed. (The marker itself only reaches the tracer through it.)
     */
    void begin() {
        if (warmUp) {
            return;
        }
        installFilter(syscallNumbers);
        MarkerCommand.BEGIN.send(uniqueId);
        begun = true;
    }

    /**
     * Installs this JVM's seccomp filter unless it is in: before a test method, and in a worker before its first
     * "next" when its first test never began (the marker only reaches the tracer through the filter).
     */
    static void installFilter(int[] syscallNumbers) {
        if (!filterInstalled) {
            SeccompInstaller.install(syscallNumbers);
            filterInstalled = true;
        }
    }

    void end() {
        if (warmUp) {
            return;
        }
        MarkerCommand.END.send(uniqueId);
    }

    /** Asks the tracer for what changed in the test method's window since the last read, and applies it. */
    private synchronized SyscallTrace snapshot() {
        if (!begun) { // in a warm-up too, where it never begins
            return SyscallTrace.empty().savedTo(reportFile); // read in @BeforeEach: the method has made no call yet
        }
        long length = MarkerCommand.SNAPSHOT.send(uniqueId); // when it fails, neither side has changed
        return held.apply(read(length, 1).get(0));
    }

    /**
     * For this module's own tests, in a traced test's body: one reading of the live trace (it counts as the next
     * snapshot: the deltas go on from it) and, taken by the tracer at the same stop, the whole window as a full cut
     * gives it. The two must be equal, event by event and mark by mark.
     */
    public synchronized Checked checkedSnapshot() {
        if (!begun) {
            throw new IllegalStateException("the test method has not begun");
        }
        List<SnapshotDelta> deltas = read(MarkerCommand.CHECK.send(uniqueId), 2);
        return new Checked(held.apply(deltas.get(0)), new HeldWindow(reportFile).apply(deltas.get(1)));
    }

    /** The deltas the tracer has just written; when they cannot be read, the window held is lost. */
    private List<SnapshotDelta> read(long length, int expected) {
        try {
            List<SnapshotDelta> deltas = snapshots.read(length);
            if (deltas.size() != expected) {
                throw new IllegalStateException("The tracer wrote " + deltas.size() + " trace snapshots, not "
                        + expected);
            }
            return deltas;
        } catch (RuntimeException e) {
            held.lost(e);
            throw e;
        }
    }

    /** {@link #checkedSnapshot()}: the live trace's reading, and the whole window at the same moment. */
    public record Checked(SyscallTrace live, SyscallTrace whole) {
    }
}
