package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.format.TextFormat;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a traced test's window to {@code <report dir>/<class>/<test>.txt} (strace's form) and {@code .jsonl}, in the
 * test JVM. Hidden noise is written too, marked, because a surprising trace is often explained by what was hidden.
 */
public final class ReportWriter {

    private static final TextFormat TEXT = TextFormat.plain().withPidPrefix(TextFormat.PidPrefix.ALWAYS);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._$#\\[\\]-]");

    private ReportWriter() {
    }

    /** Where the text report of the test of {@code context} goes (the .jsonl sits next to it). */
    static Path textFile(Path reportDirectory, ExtensionContext context) {
        String cls = context.getRequiredTestClass().getName();
        return reportDirectory.resolve(safe(cls)).resolve(safe(TestNames.forFileName(context)) + ".txt")
                .toAbsolutePath().normalize();
    }

    private static String safe(String name) {
        return UNSAFE.matcher(name).replaceAll("_");
    }

    /** The JSON Lines report next to the text report {@code textFile}. */
    public static Path jsonFile(Path textFile) {
        String name = textFile.getFileName().toString();
        return textFile.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".jsonl");
    }

    static void write(Path textFile, String uniqueId, String recorded, SyscallTrace window) throws IOException {
        Files.createDirectories(textFile.getParent());
        List<SyscallEvent> events = window.allEvents();
        long hidden = events.stream().filter(SyscallEvent::harness).count();
        StringBuilder text = new StringBuilder();
        text.append("# syscall-assert trace of ").append(uniqueId).append('\n')
                .append("# recorded: ").append(recorded).append("; ").append(events.size()).append(" calls in the test ")
                .append("method, ").append(hidden).append(" of them JVM or harness noise (marked, hidden from ")
                .append("assertions)\n");
        for (SyscallEvent e : events) {
            text.append(line(e)).append('\n');
        }
        Files.writeString(textFile, text, StandardCharsets.UTF_8);
        try (Writer json = Files.newBufferedWriter(jsonFile(textFile), StandardCharsets.UTF_8)) {
            JsonLinesFormat.write(events, json);
        }
    }

    /**
     * strace -f's form, with the thread's name after it: strace cannot show it, but in a JVM it says whose call it
     * was (the test's thread, a pool, the JIT compiler).
     */
    static String line(SyscallEvent e) {
        return TEXT.format(e, true) + "  # " + (e.thread().isEmpty() ? "tid " + e.tid() : e.thread())
                + (e.harness() ? ", hidden: JVM or harness noise" : "");
    }
}
