package dev.syscallassert.junit5;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a traced test's window to {@code <report dir>/<class>/<test>.txt} (strace's form) and {@code .jsonl}. Hidden
 * noise is written too, marked, because a surprising trace is often explained by what was hidden.
 */
final class ReportWriter {

    private static final Pattern INVOCATION = Pattern.compile("\\[test-template-invocation:#(\\d+)]$");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._$#\\[\\]-]");

    private ReportWriter() {
    }

    /** Where the text report of the test of {@code context} goes (the .jsonl sits next to it). */
    static Path textFile(Path reportDirectory, ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        Matcher m = INVOCATION.matcher(context.getUniqueId());
        String test = m.find() ? method + "[" + m.group(1) + "]" : method;
        String cls = context.getRequiredTestClass().getName();
        return reportDirectory.resolve(safe(cls)).resolve(safe(test) + ".txt").toAbsolutePath().normalize();
    }

    private static String safe(String name) {
        return UNSAFE.matcher(name).replaceAll("_");
    }

    static Path jsonFile(Path textFile) {
        String name = textFile.getFileName().toString();
        return textFile.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".jsonl");
    }

    static void write(Path textFile, String testName, String recorded, SyscallTrace window) throws IOException {
        Files.createDirectories(textFile.getParent());
        List<SyscallEvent> events = window.allEvents();
        long hidden = events.stream().filter(SyscallEvent::harness).count();
        StringBuilder text = new StringBuilder();
        text.append("# syscall-assert trace of ").append(testName).append('\n')
                .append("# recorded: ").append(recorded).append("; ").append(events.size()).append(" calls in the test ")
                .append("method, ").append(hidden).append(" of them JVM or harness noise (marked, hidden from ")
                .append("assertions)\n");
        for (SyscallEvent e : events) {
            text.append(line(e));
            if (e.harness()) {
                text.append("  # hidden: noise");
            }
            text.append('\n');
        }
        Files.writeString(textFile, text, StandardCharsets.UTF_8);
        StringBuilder json = new StringBuilder();
        for (SyscallEvent e : events) {
            json.append(json(e)).append('\n');
        }
        Files.writeString(jsonFile(textFile), json, StandardCharsets.UTF_8);
    }

    /** strace -f's form: a pid prefix, and the thread name, which strace cannot show but a JVM user needs. */
    static String line(SyscallEvent e) {
        return "[pid " + e.tid() + (e.thread().isEmpty() ? "" : " " + e.thread()) + "] " + e;
    }

    private static String json(SyscallEvent e) {
        StringBuilder b = new StringBuilder("{");
        field(b, "pid", e.pid());
        field(b, "tid", e.tid());
        field(b, "thread", e.thread());
        field(b, "syscall", e.syscall());
        field(b, "number", e.number());
        b.append("\"args\":[");
        for (int i = 0; i < e.renderedArgs().size(); i++) {
            b.append(i == 0 ? "" : ",").append(string(e.renderedArgs().get(i)));
        }
        b.append("],");
        e.path().ifPresent(p -> field(b, "path", p));
        e.path2().ifPresent(p -> field(b, "path2", p));
        e.fdPath().ifPresent(p -> field(b, "fdPath", p));
        e.address().ifPresent(p -> field(b, "address", p));
        field(b, "return", e.renderedReturn());
        e.errno().ifPresent(p -> field(b, "errno", p));
        field(b, "startNanos", e.startNanos());
        field(b, "endNanos", e.endNanos());
        b.append("\"harness\":").append(e.harness()).append('}');
        return b.toString();
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append('"').append(name).append("\":")
                .append(value instanceof String ? string((String) value) : String.valueOf(value)).append(',');
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
