package dev.syscallassert.junit5.internal.wire;

import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.marker.Marker;

import java.util.Optional;

/**
 * The commands a traced child sends its tracer through the marker syscall ({@link Marker}), with the test's unique id
 * as the argument, and the answers they get: the child sends them ({@link #send}), the test JVM's marker handler reads
 * them on the tracer thread ({@link #of}) and answers 0, a snapshot's length, or one of the errors below.
 */
public enum MarkerCommand {
    /** The test method begins: the window of events it sees starts here. */
    BEGIN(Marker.BEGIN, "begin"),
    /**
     * Write what changed in the window since its previous snapshot to the snapshot file ({@link SnapshotDelta}); the
     * answer is its length in bytes.
     */
    SNAPSHOT(Marker.SNAPSHOT, "snapshot"),
    /** The test method has ended. */
    END(Marker.END, "end"),
    /**
     * A worker JVM has finished its test (its outcome is written) and waits for the next one: the tracer answers when
     * the test JVM has put the next request in place ({@link #NEXT_TEST}) or retires the worker ({@link #RETIRE}).
     * The argument is empty, {@link #RETIRE_BECAUSE} and why the worker cannot run another test, or {@link #KEEP} and
     * the threads of the class it runs. Only the JUnit harness knows this command, so
     * its code is defined here, apart from the tracer's own.
     */
    NEXT(0x4E58, "next"),
    /**
     * As {@link #SNAPSHOT}, followed in the file by the whole window as a full cut gives it at the same stop: for the
     * harness's own tests, which compare the two. Only the JUnit harness knows this command.
     */
    CHECK(0x5343, "check");

    /** {@link #NEXT}'s answer: the next test's request is in the work directory. */
    public static final long NEXT_TEST = 0;
    /** {@link #NEXT}'s answer: no more tests for this worker, it exits. */
    public static final long RETIRE = 1;
    /** {@link #NEXT}'s argument, before why the worker cannot run another test (it exits after this one). */
    public static final String RETIRE_BECAUSE = "retire=";
    /**
     * {@link #NEXT}'s argument in a worker that runs a whole class, before the threads its class's set-up started
     * ({@link ThreadStarts}): they are the class's, which every test of it sees, not an earlier test's.
     */
    public static final String KEEP = "keep=";

    /** The answer to a command this version does not know. */
    public static final long UNKNOWN = -Errnos.ENOSYS;
    /** The answer when the test JVM failed to carry out the command. */
    public static final long FAILED = -Errnos.EIO;

    private final long code;
    private final String verb;

    MarkerCommand(long code, String verb) {
        this.code = code;
        this.verb = verb;
    }

    /** How a message names the command: "begin", "snapshot", "end". */
    public String verb() {
        return verb;
    }

    /** Test JVM, tracer thread: the command of a marker call; empty for one this version does not know. */
    public static Optional<MarkerCommand> of(long code) {
        for (MarkerCommand c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Child: sends the command for the test {@code uniqueId}; returns the answer, which is never an error.
     *
     * @throws TraceChannelException when the tracer answered with an error; the test JVM knows why and says so
     */
    public long send(String uniqueId) {
        long answer = Marker.send(code, uniqueId);
        if (Marker.isUntracedAnswer(answer)) {
            throw new IllegalStateException("The marker \"" + verb + "\" got no answer (ENOSYS): this JVM is not "
                    + "traced by syscall-assert, so its trace cannot be read");
        }
        if (answer < 0) {
            throw new TraceChannelException("The tracer failed to " + verb + " the trace (errno " + -answer + ")");
        }
        return answer;
    }
}
