package dev.syscallassert.junit5.internal.wire;

import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.format.JsonLinesFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot file's contents: what changed in a test's window since the previous snapshot of that window, from the
 * tracer (test JVM, tracer thread: {@link #encode}) to the traced child ({@link #decode}, the thread that reads the
 * trace). Each event travels once, as the project's JSON Lines form (lossless: harness marks included, the same form
 * the reports use, so there is one format to trust), with its place in the tracer's timeline; an event sent before
 * travels again only when its mark changed (a noise rule decided from what came after it).
 *
 * <pre>
 * syscall-assert delta SEQUENCE HELD_BEFORE HELD_AFTER OPERATIONS
 * + PLACE {json}      an event the child does not hold yet, at its timeline place (calls that entered earlier and
 *                     completed since come before events already held)
 * = PLACE {json}      an event the child holds, now marked otherwise (hidden, or shown again)
 * end SEQUENCE
 * </pre>
 *
 * A {@link #WHOLE} delta ({@code HELD_BEFORE} -1) holds the whole window, for a holder that starts from nothing. The
 * counts and the sequence are checked on reading: a delta the child cannot apply to what it holds (a lost, repeated
 * or torn one) is an error, never a trace.
 */
public final class SnapshotDelta {

    private static final String HEADER = "syscall-assert delta ";
    private static final String TRAILER = "end ";
    /** {@link #heldBefore()} of a delta that replaces whatever the holder had. */
    public static final int WHOLE = -1;

    /** One change: an event new to the holder ({@code insert}), or a held one marked anew, at its timeline place. */
    public record Change(boolean insert, int place, TraceEvent event) {
    }

    private final int sequence;
    private final int heldBefore;
    private final int heldAfter;
    private final List<Change> changes;

    public SnapshotDelta(int sequence, int heldBefore, int heldAfter, List<Change> changes) {
        this.sequence = sequence;
        this.heldBefore = heldBefore;
        this.heldAfter = heldAfter;
        this.changes = List.copyOf(changes);
    }

    /**
     * A {@link #WHOLE} delta of this timeline, its places the order given: for a holder that starts from nothing
     * (a window whose method never began holds nothing; the harness's own exactness checks take a whole cut).
     */
    public static SnapshotDelta whole(int sequence, List<? extends TraceEvent> timeline) {
        List<Change> changes = new ArrayList<>(timeline.size());
        for (int i = 0; i < timeline.size(); i++) {
            changes.add(new Change(true, i, timeline.get(i)));
        }
        return new SnapshotDelta(sequence, WHOLE, timeline.size(), changes);
    }

    /** The window's snapshots count from 1; the holder applies each in turn. */
    public int sequence() {
        return sequence;
    }

    /** How many events the holder must hold before this delta, or {@link #WHOLE}. */
    public int heldBefore() {
        return heldBefore;
    }

    /** How many it holds after it. */
    public int heldAfter() {
        return heldAfter;
    }

    public List<Change> changes() {
        return changes;
    }

    /** Test JVM, tracer thread. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(64 + changes.size() * 400);
        out.append(HEADER).append(sequence).append(' ').append(heldBefore).append(' ').append(heldAfter).append(' ')
                .append(changes.size()).append('\n');
        for (Change c : changes) {
            out.append(c.insert() ? '+' : '=').append(' ').append(c.place()).append(' ')
                    .append(JsonLinesFormat.format(c.event())).append('\n');
        }
        out.append(TRAILER).append(sequence).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Child JVM: the delta in the first {@code length} bytes of {@code data}.
     *
     * @throws IllegalArgumentException when they are not one whole delta (saying what is wrong)
     */
    public static SnapshotDelta decode(byte[] data, int length) {
        List<SnapshotDelta> deltas = decodeAll(data, length);
        if (deltas.size() != 1) {
            throw new IllegalArgumentException("expected one snapshot delta, got " + deltas.size());
        }
        return deltas.get(0);
    }

    /**
     * Child JVM: the deltas in the first {@code length} bytes of {@code data}, one after another (a snapshot and the
     * whole window at the same moment, for the harness's own exactness checks).
     *
     * @throws IllegalArgumentException when they are not whole deltas (saying what is wrong)
     */
    public static List<SnapshotDelta> decodeAll(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        List<SnapshotDelta> deltas = new ArrayList<>(1);
        int at = 0;
        do {
            at = decode(text, at, deltas);
        } while (at < text.length());
        return deltas;
    }

    /** Reads the delta that begins at {@code at} into {@code into}; returns where the next one begins. */
    private static int decode(String text, int at, List<SnapshotDelta> into) {
        int lineEnd = text.indexOf('\n', at);
        if (!text.startsWith(HEADER, at) || lineEnd < 0) {
            throw new IllegalArgumentException("not a snapshot delta: " + abbreviate(text.substring(at)));
        }
        String[] counts = text.substring(at + HEADER.length(), lineEnd).split(" ");
        if (counts.length != 4) {
            throw new IllegalArgumentException("a snapshot delta's header needs 4 numbers: "
                    + text.substring(at, lineEnd));
        }
        int sequence = Integer.parseInt(counts[0]);
        int operations = Integer.parseInt(counts[3]);
        List<Change> changes = new ArrayList<>(operations);
        at = lineEnd + 1;
        for (int i = 0; i < operations; i++) {
            int end = text.indexOf('\n', at);
            int space = end < 0 ? -1 : text.indexOf(' ', at + 2);
            char kind = end - at < 4 ? ' ' : text.charAt(at);
            if ((kind != '+' && kind != '=') || text.charAt(at + 1) != ' ' || space < 0 || space > end) {
                throw new IllegalArgumentException("snapshot delta " + sequence + " ends after " + i + " of "
                        + operations + " changes: " + abbreviate(text.substring(at)));
            }
            int place = Integer.parseInt(text.substring(at + 2, space));
            changes.add(new Change(kind == '+', place, JsonLinesFormat.parseEvent(text.substring(space + 1, end))));
            at = end + 1;
        }
        String trailer = TRAILER + sequence + "\n";
        if (!text.startsWith(trailer, at)) {
            throw new IllegalArgumentException("snapshot delta " + sequence + " is not whole: "
                    + abbreviate(text.substring(at)));
        }
        into.add(new SnapshotDelta(sequence, Integer.parseInt(counts[1]), Integer.parseInt(counts[2]), changes));
        return at + trailer.length();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
