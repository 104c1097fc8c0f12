package dev.syscallassert.junit5;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Carries events from the tracer (test JVM) to the traced child on every snapshot. Binary and lossless rather than a
 * human format: a snapshot is written while the child's thread is stopped, and read back on every read of the trace,
 * so it must be cheap both ways and give back exactly the events the tracer holds.
 */
final class EventCodec {
    private static final int VERSION = 1;
    private static final SyscallCategory[] CATEGORIES = SyscallCategory.values();

    private EventCodec() {
    }

    static byte[] encode(List<SyscallEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(events.size());
            for (SyscallEvent e : events) {
                write(out, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    static List<SyscallEvent> decode(byte[] data, int length) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, length))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("Snapshot format " + version + " is not " + VERSION
                        + ": the child and the test JVM run different syscall-assert versions");
            }
            int n = in.readInt();
            List<SyscallEvent> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                events.add(read(in));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("Truncated trace snapshot (" + length + " bytes)", e);
        }
    }

    private static void write(DataOutputStream out, SyscallEvent e) throws IOException {
        out.writeInt(e.pid());
        out.writeInt(e.tid());
        out.writeUTF(e.thread());
        out.writeUTF(e.syscall());
        out.writeInt(e.number());
        int categories = 0;
        for (SyscallCategory c : e.categories()) {
            categories |= 1 << c.ordinal();
        }
        out.writeInt(categories);
        for (long arg : e.args()) {
            out.writeLong(arg);
        }
        writeStrings(out, e.renderedArgs());
        writeNullable(out, e.path().orElse(null));
        writeNullable(out, e.path2().orElse(null));
        writeNullable(out, e.fdPath().orElse(null));
        writeNullable(out, e.address().orElse(null));
        List<String> argv = e.argv().orElse(null);
        out.writeBoolean(argv != null);
        if (argv != null) {
            writeStrings(out, argv);
        }
        out.writeBoolean(e.finished());
        out.writeLong(e.returnValue());
        writeNullable(out, e.renderedReturn());
        writeNullable(out, e.errno().orElse(null));
        out.writeLong(e.startNanos());
        out.writeLong(e.endNanos());
        out.writeBoolean(e.harness());
    }

    private static SyscallEvent read(DataInputStream in) throws IOException {
        SyscallEvent.Builder b = SyscallEvent.builder()
                .pid(in.readInt()).tid(in.readInt()).thread(in.readUTF()).syscall(in.readUTF()).number(in.readInt());
        int bits = in.readInt();
        EnumSet<SyscallCategory> categories = EnumSet.noneOf(SyscallCategory.class);
        for (SyscallCategory c : CATEGORIES) {
            if ((bits & (1 << c.ordinal())) != 0) {
                categories.add(c);
            }
        }
        b.categories(categories);
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = in.readLong();
        }
        b.args(args).renderedArgs(readStrings(in))
                .path(readNullable(in)).path2(readNullable(in)).fdPath(readNullable(in)).address(readNullable(in));
        if (in.readBoolean()) {
            b.argv(readStrings(in));
        }
        b.finished(in.readBoolean()).returnValue(in.readLong());
        // renderedReturn() synthesises a value when none was set: what was written is that, which is equivalent
        b.renderedReturn(readNullable(in)).errno(readNullable(in))
                .startNanos(in.readLong()).endNanos(in.readLong()).harness(in.readBoolean());
        return b.build();
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeLong(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            strings.add(readLong(in));
        }
        return strings;
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeLong(out, s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readLong(in) : null;
    }

    /** writeUTF stops at 64 KiB; a rendered write() buffer or an argv can be longer. */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
