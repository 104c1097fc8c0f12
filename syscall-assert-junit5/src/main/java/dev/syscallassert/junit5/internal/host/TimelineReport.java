package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.ChromeTimeline;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.JUnitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The timeline of a traced test's report ({@code <test>.timeline.json}, Chrome trace-event JSON for Perfetto) next
 * to its text and JSON Lines traces, and the three of them published with JUnit's {@code publishFile} (5.12 and
 * later) so that IDEs and build reports link them. Test JVM, on the test's thread.
 */
final class TimelineReport {

    private TimelineReport() {
    }

    /** The timeline file next to the text report {@code textFile}. */
    static Path timelineFile(Path textFile) {
        String name = textFile.getFileName().toString();
        return textFile.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".timeline.json");
    }

    /**
     * Writes the window's timeline, with "test begin" at its first call's entry and "test end" at its last call's
     * exit (the markers that cut the window are not calls of it), then publishes the reports.
     */
    static void writeAndPublish(Path textFile, SyscallTrace window, ExtensionContext context) throws IOException {
        Path timeline = timelineFile(textFile);
        List<SyscallEvent> calls = window.allEvents();
        ChromeTimeline t = ChromeTimeline.of(window);
        if (!calls.isEmpty()) {
            SyscallEvent first = calls.get(0);
            SyscallEvent last = calls.get(calls.size() - 1);
            t = t.mark("test begin", first.startNanos(), first.pid(), first.tid())
                    .mark("test end", Math.max(last.startNanos(), last.endNanos()), last.pid(), last.tid());
        }
        t.writeTo(timeline);
        publish(context, textFile, MediaType.TEXT_PLAIN_UTF_8);
        publish(context, ReportWriter.jsonFile(textFile), MediaType.create("application", "jsonl"));
        publish(context, timeline, MediaType.APPLICATION_JSON);
    }

    /**
     * A copy of {@code file} in JUnit's output directory for the test. Only where the platform can: on JUnit before
     * 5.12 the method is missing, and a launcher may have output disabled (the EngineTestKit by default), which
     * must never replace the test's own outcome; the report in our own directory, which the failure names, stays.
     */
    private static void publish(ExtensionContext context, Path file, MediaType type) {
        try {
            context.publishFile(file.getFileName().toString(), type,
                    target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING));
        } catch (LinkageError | JUnitException notHere) {
            // JUnit < 5.12 (no publishFile), or no output directory for this launcher
        }
    }
}
