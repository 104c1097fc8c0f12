package dev.syscallassert.junit5;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes through the Jupiter engine as a user's build would, and reads what came out. */
final class Kit {

    private Kit() {
    }

    static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        deleteReports(fixture);
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PlanConfiguration.REPORT_DIR, REPORTS.toString())
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute();
    }

    static final Path REPORTS = Path.of("target/syscall-assert-fixtures");

    /** Reports of an earlier run must not pass for this run's. */
    private static void deleteReports(Class<?> fixture) {
        Path dir = REPORTS.resolve(fixture.getName());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs while capturing this JVM's System.out and System.err, where the child's output is relayed. */
    static Captured runCapturing(Class<?> fixture) {
        return runCapturing(fixture, Map.of());
    }

    static Captured runCapturing(Class<?> fixture, Map<String, String> configuration) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            EngineExecutionResults results = run(fixture, configuration);
            return new Captured(results, outBytes.toString(StandardCharsets.UTF_8),
                    errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static final class Captured {
        final EngineExecutionResults results;
        final String out;
        final String err;

        Captured(EngineExecutionResults results, String out, String err) {
            this.results = results;
            this.out = out;
            this.err = err;
        }
    }

    /** The throwable of the finished test whose method is {@code method}. */
    static Throwable failureOf(EngineExecutionResults results, String method) {
        return finished(results, method).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError(method + " did not fail"));
    }

    static Event finished(EngineExecutionResults results, String method) {
        Optional<Event> event = results.allEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("[method:" + method + "(")
                        || e.getTestDescriptor().getUniqueId().toString().contains(":" + method + "("))
                .findFirst();
        return event.orElseThrow(() -> new AssertionError("no finished test " + method + " in "
                + results.testEvents().list()));
    }

    /** Every test must have passed; if not, the failures themselves say why (the statistics would not). */
    static void assertAllPassed(EngineExecutionResults results, int expected) {
        List<String> problems = results.testEvents().finished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .filter(r -> r.getStatus() != org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL)
                .map(r -> r.getStatus() + ": " + r.getThrowable().map(Kit::stackTrace).orElse(""))
                .collect(Collectors.toList());
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " fixture test(s) did not pass:\n" + String.join("\n", problems));
        }
        results.testEvents().assertStatistics(s -> s.started(expected).succeeded(expected));
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    static List<String> paths(SyscallTrace trace) {
        return paths(trace.events());
    }

    /** The paths the events tried to open, in order: the fixtures' marks are opens, failed or not. */
    static List<String> paths(List<SyscallEvent> events) {
        return events.stream().filter(e -> e.syscall().startsWith("open") || e.syscall().equals("creat"))
                .map(e -> e.path().orElse("?")).collect(Collectors.toList());
    }
}
