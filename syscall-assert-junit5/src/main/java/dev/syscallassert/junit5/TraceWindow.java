package dev.syscallassert.junit5;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test JVM's side of the marker channel, run on the tracer thread while the child's calling thread is stopped:
 * remembers where the test method's window begins and ends (as event indices, so lifecycle methods and start-up stay
 * out), and answers a snapshot request by writing the window's events, noise marked, to the snapshot file the child
 * keeps open. The answer is the snapshot's length.
 */
final class TraceWindow implements MarkerHandler {

    private final Path snapshotFile;
    private final NoiseFilter noise;
    private FileChannel channel;
    // Written on the tracer thread; read by the test thread after Tracer.run() returned (it joined the tracer).
    private int begin = -1;
    private int end = -1;
    private int snapshots;
    private Exception snapshotFailure;
    /**
     * The test's syscalls, when the tracer records more: a spare child is traced before its test, and so its
     * categories, are known. Set before the child learns its test, read on the tracer thread.
     */
    private volatile Set<Integer> recordOnly;
    /** Told when the test method begins and ends (SpareChildren pauses its spares meanwhile). */
    private Runnable bodyBegins;
    private Runnable bodyEnds;
    private boolean bodyRuns;

    TraceWindow(Path snapshotFile, NoiseFilter noise) {
        this.snapshotFile = snapshotFile;
        this.noise = noise;
    }

    /** Keeps only these syscalls in the window (the child's filter stops a few more, such as prctl). */
    void recordOnly(int[] numbers) {
        recordOnly = Arrays.stream(numbers).boxed().collect(Collectors.toUnmodifiableSet());
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

    private List<SyscallEvent> selected(List<SyscallEvent> events) {
        Set<Integer> only = recordOnly;
        return only == null ? events : events.stream().filter(e -> only.contains(e.number()))
                .collect(Collectors.toList());
    }

    @Override
    public long handle(MarkerCall call) {
        Optional<MarkerCommand> command = MarkerCommand.of(call.command());
        if (command.isEmpty()) {
            return MarkerCommand.UNKNOWN;
        }
        switch (command.get()) {
            case BEGIN:
                begin = call.eventCount();
                end = -1;
                bodyBegins();
                return 0;
            case END:
                end = call.eventCount();
                bodyEnds();
                return 0;
            default:
                return writeSnapshot(call);
        }
    }

    private long writeSnapshot(MarkerCall call) {
        List<SyscallEvent> events = begin < 0 ? List.of()
                : noise.mark(selected(call.snapshot(begin, end < 0 ? Integer.MAX_VALUE : end).allEvents()));
        byte[] bytes = EventCodec.encode(events);
        try {
            if (channel == null) {
                channel = FileChannel.open(snapshotFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            }
            // Overwritten in place, never replaced: the child reads through the descriptor it opened once.
            channel.truncate(0);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            snapshots++;
            return bytes.length;
        } catch (IOException e) {
            snapshotFailure = e;
            return MarkerCommand.FAILED;
        }
    }

    /** The test method's events out of the whole trace, noise marked; empty when the method never began. */
    SyscallTrace window(SyscallTrace whole) {
        if (begin < 0) {
            return SyscallTrace.empty();
        }
        List<SyscallEvent> all = whole.allEvents();
        int from = Math.min(begin, all.size());
        int to = end < 0 ? all.size() : Math.min(end, all.size());
        return SyscallTrace.of(noise.mark(selected(all.subList(from, Math.max(from, to)))));
    }

    boolean began() {
        return begin >= 0;
    }

    boolean ended() {
        return end >= 0;
    }

    int snapshots() {
        return snapshots;
    }

    Exception snapshotFailure() {
        return snapshotFailure;
    }

    /** The child has ended: a test method that began and never ended (a crash, a timeout) has ended now. */
    void close() {
        bodyEnds();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the directory is deleted next; a failed close changes nothing
            }
        }
    }
}
