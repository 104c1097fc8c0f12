package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.host.ReportWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a traced test's outcome looks like in the test JVM: passed, failed, aborted, with output and report. */
class OutcomeRelayTest {

    @Test
    void outcomesComeBackFaithfully() throws Exception {
        Kit.Captured run = Kit.runCapturing(Outcomes.class);
        EngineExecutionResults results = run.results;
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(1).failed(2).aborted(1));

        // the child's own AssertionFailedError, with expected and actual for IDE diffs, and its stack trace
        Throwable failure = Kit.failureOf(results, "failsWithExpectedAndActual");
        assertThat(failure).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("the greeting ==> expected: <hello> but was: <hullo>");
        AssertionFailedError afe = (AssertionFailedError) failure;
        assertThat(afe.getExpected().getValue()).isEqualTo("hello");
        assertThat(afe.getActual().getValue()).isEqualTo("hullo");
        assertThat(failure.getStackTrace()).anyMatch(f -> f.getMethodName().equals("failsWithExpectedAndActual"));

        // the failure names the report file, which holds the test's calls in strace's form and as JSON lines
        Path report = Path.of(failure.getMessage().substring(failure.getMessage().indexOf("Syscall trace of this test: ")
                + "Syscall trace of this test: ".length()).trim());
        assertThat(report).exists().hasFileName("failsWithExpectedAndActual.txt");
        assertThat(Files.readString(report)).contains("/etc/hostname");
        assertThat(ReportWriter.jsonFile(report)).exists();
        assertThat(Files.readString(ReportWriter.jsonFile(report))).contains("\"path\":\"/etc/hostname\"");
        List<ReportEntry> entries = results.testEvents().reportingEntryPublished()
                .stream().map(e -> e.getPayload(ReportEntry.class).orElseThrow()).collect(java.util.stream.Collectors.toList());
        assertThat(entries).anySatisfy(e -> assertThat(e.getKeyValuePairs())
                .containsEntry("syscall-assert.trace", report.toString()));

        // an exception that cannot be serialized still arrives with its type, message and stack trace
        Throwable odd = Kit.failureOf(results, "throwsUnserializable");
        assertThat(odd).hasMessageContaining(Unserializable.class.getName() + ": cannot travel as is");
        assertThat(odd.getStackTrace()).anyMatch(f -> f.getMethodName().equals("throwsUnserializable"));

        assertThat(Kit.failureOf(results, "abortsOnAssumption")).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not on this machine");

        // stdout and stderr of the child appear in the test JVM's, the passing test wrote no report
        assertThat(run.out).contains("out from the child");
        assertThat(run.err).contains("err from the child");
        assertThat(Path.of("target/syscall-assert-fixtures", Outcomes.class.getName(), "passes.txt")).doesNotExist();
    }

    @TraceSyscalls
    static class Outcomes {
        @Test
        void passes(SyscallTrace trace) throws Exception {
            Files.readAllBytes(Path.of("/etc/hostname"));
            System.out.println("out from the child");
            System.err.println("err from the child");
            assertThat(Kit.paths(trace)).containsExactly("/etc/hostname");
        }

        @Test
        void failsWithExpectedAndActual() throws Exception {
            Files.readAllBytes(Path.of("/etc/hostname"));
            assertEquals("hello", "hullo", "the greeting");
        }

        @Test
        void throwsUnserializable() {
            throw new Unserializable("cannot travel as is");
        }

        @Test
        void abortsOnAssumption() {
            Assumptions.assumeTrue(false, "not on this machine");
        }
    }

    static class Unserializable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();

        Unserializable(String message) {
            super(message);
        }
    }
}
