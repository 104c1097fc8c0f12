package dev.syscallassert.junit5.internal.wire;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.format.JsonLinesFormat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The snapshot file's contents: the window's timeline from the tracer (test JVM, tracer thread: {@link #encode}) to
 * the traced child ({@link #decode}) on every snapshot, in the project's JSON Lines form: lossless (the child must see
 * exactly the calls, signals and ends the tracer holds, harness marks included) and the same form the reports use, so
 * there is one format to trust.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static byte[] encode(SyscallTrace window) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + window.allTimeline().size() * 320);
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        JsonLinesFormat.write(window, out); // the whole timeline; flushes
        return bytes.toByteArray();
    }

    public static SyscallTrace decode(byte[] data, int length) {
        return JsonLinesFormat.read(new InputStreamReader(new ByteArrayInputStream(data, 0, length),
                StandardCharsets.UTF_8));
    }
}
