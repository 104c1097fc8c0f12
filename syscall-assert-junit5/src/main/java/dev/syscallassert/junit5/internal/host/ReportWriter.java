package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.format.TextFormat;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a traced test's window to {@code <report dir>/<class>/<test>.txt} (strace's form) and {@code .jsonl}, in the
 * test JVM. Hidden noise is written too, each call with the rule that hid it, because a surprising trace is often
 * explained by what was hidden.
 */
public final class ReportWriter {

    private static final TextFormat TEXT = TextFormat.plain().withPidPrefix(TextFormat.PidPrefix.ALWAYS);
    /** The .jsonl key that names the rule which hid a call; absent on the code's own calls. */
    public static final String HIDDEN_BY = "hidden_by";
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

    /**
     * Writes both reports: the window's whole timeline, its calls with the signals and ends where they happened.
     * {@code hiddenBy} holds, place by place, the rule that hid each entry (null for the code's own): the text names
     * it after the line and explains each rule used once in its header; each .jsonl line of a hidden entry gets a
     * {@code hidden_by} key with the rule's name, the format's other keys unchanged (readers ignore keys they do not
     * know).
     */
    static void write(Path textFile, String uniqueId, String recorded, SyscallTrace window, List<NoiseRule> hiddenBy)
            throws IOException {
        Files.createDirectories(textFile.getParent());
        List<TraceEvent> timeline = window.allTimeline();
        Map<NoiseRule, Integer> used = new EnumMap<>(NoiseRule.class);
        long calls = 0;
        long hiddenCalls = 0;
        for (int i = 0; i < timeline.size(); i++) {
            NoiseRule rule = ruleOf(hiddenBy, i);
            if (rule != null) {
                used.merge(rule, 1, Integer::sum);
            }
            if (timeline.get(i) instanceof SyscallEvent) {
                calls++;
                if (timeline.get(i).harness()) {
                    hiddenCalls++;
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("# syscall-assert trace of ").append(uniqueId).append('\n')
                .append("# recorded: ").append(recorded).append("; ").append(calls).append(" calls in the test ")
                .append("method, ").append(hiddenCalls).append(" of them JVM or harness noise (marked, hidden from ")
                .append("assertions)\n");
        for (Map.Entry<NoiseRule, Integer> u : used.entrySet()) {
            text.append("# hidden by ").append(u.getKey().ruleName()).append(" (").append(u.getValue()).append("): ")
                    .append(u.getKey().reason()).append('\n');
        }
        for (int i = 0; i < timeline.size(); i++) {
            text.append(line(timeline.get(i), ruleOf(hiddenBy, i))).append('\n');
        }
        Files.writeString(textFile, text, StandardCharsets.UTF_8);
        try (Writer json = Files.newBufferedWriter(jsonFile(textFile), StandardCharsets.UTF_8)) {
            for (int i = 0; i < timeline.size(); i++) {
                json.write(jsonLine(timeline.get(i), ruleOf(hiddenBy, i)));
                json.write('\n');
            }
        }
    }

    private static NoiseRule ruleOf(List<NoiseRule> hiddenBy, int index) {
        return index < hiddenBy.size() ? hiddenBy.get(index) : null;
    }

    /** The format's own line, with the rule's name as one more key before its closing brace. */
    static String jsonLine(TraceEvent e, NoiseRule hiddenBy) {
        String line = JsonLinesFormat.format(e);
        if (hiddenBy == null) {
            return line;
        }
        // rule names are plain ASCII words and hyphens: nothing to escape
        return line.substring(0, line.length() - 1) + ",\"" + HIDDEN_BY + "\":\"" + hiddenBy.ruleName() + "\"}";
    }

    /**
     * strace -f's form, with the thread's name after it: strace cannot show it, but in a JVM it says whose call it
     * was (the test's thread, a pool, the JIT compiler).
     */
    static String line(TraceEvent e) {
        return line(e, null);
    }

    /** The same, and for a hidden call the rule that hid it. */
    static String line(TraceEvent e, NoiseRule hiddenBy) {
        String hidden = hiddenBy != null ? ", hidden by " + hiddenBy.ruleName()
                : e.harness() ? ", hidden: JVM or harness noise" : "";
        return TEXT.format(e, true) + "  # " + (e.thread().isEmpty() ? "tid " + e.tid() : e.thread()) + hidden;
    }
}
