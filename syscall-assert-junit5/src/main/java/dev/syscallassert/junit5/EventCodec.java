package dev.syscallassert.junit5;

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
 * Carries events from the tracer (test JVM) to the traced child on every snapshot, in the project's JSON Lines form:
 * lossless (the child must see exactly the events the tracer holds, harness marks included) and the same form the
 * reports use, so there is one format to trust.
 */
final class EventCodec {

    private EventCodec() {
    }

    static byte[] encode(List<SyscallEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 320);
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        JsonLinesFormat.write(events, out); // flushes
        return bytes.toByteArray();
    }

    static List<SyscallEvent> decode(byte[] data, int length) {
        return JsonLinesFormat.read(new InputStreamReader(new ByteArrayInputStream(data, 0, length),
                StandardCharsets.UTF_8)).allEvents();
    }
}
