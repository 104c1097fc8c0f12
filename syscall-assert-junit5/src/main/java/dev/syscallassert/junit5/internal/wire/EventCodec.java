package dev.syscallassert.junit5.internal.wire;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.format.JsonLinesFormat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The snapshot file's contents: events from the tracer (test JVM, tracer thread: {@link #encode}) to the traced child
 * ({@link #decode}) on every snapshot, in the project's JSON Lines form: lossless (the child must see exactly the
 * events the tracer holds, harness marks included) and the same form the reports use, so there is one format to trust.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static byte[] encode(List<SyscallEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 320);
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        JsonLinesFormat.write(events, out); // flushes
        return bytes.toByteArray();
    }

    public static List<SyscallEvent> decode(byte[] data, int length) {
        return JsonLinesFormat.read(new InputStreamReader(new ByteArrayInputStream(data, 0, length),
                StandardCharsets.UTF_8)).allEvents();
    }
}
