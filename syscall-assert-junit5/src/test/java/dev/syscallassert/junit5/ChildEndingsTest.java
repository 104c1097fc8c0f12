package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.linux.LibC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Children that do not end well, children that run at once, and what is left afterwards: nothing. */
class ChildEndingsTest {

    @Test
    void aCrashAnExitAndATimeoutFailTheTestWithTheReasonAndTheTraceSoFar() throws IOException {
        Set<Path> tempBefore = harnessTempDirectories();
        EngineExecutionResults results = Kit.run(Endings.class);
        results.testEvents().assertStatistics(s -> s.started(3).failed(3));

        assertThat(Kit.failureOf(results, "crashes"))
                .hasMessageContaining("The traced child JVM of Endings.crashes() was killed by SIGKILL before the "
                        + "test reported a result (in the test method)")
                .hasMessageContaining("/proc/self/crash-mark")
                .hasMessageContaining("Full trace: ");

        Throwable exit = Kit.failureOf(results, "exits");
        assertThat(exit).hasMessageStartingWith("The test called System.exit(7) in thread \"main\"")
                .hasMessageContaining("/proc/self/exit-mark");
        assertThat(exit.getStackTrace()[0].getMethodName()).isEqualTo("exits");

        Throwable timeout = Kit.failureOf(results, "sleepsTooLong");
        assertThat(timeout).isInstanceOf(TimeoutException.class)
                .hasMessageStartingWith("Endings.sleepsTooLong() timed out after 3 s in its traced child JVM, which "
                        + "was killed (in the test method)")
                .hasMessageContaining("/proc/self/timeout-mark");

        assertNothingLeftBehind(tempBefore);
    }

    @Test
    void tracedTestsRunInParallelEachWithItsOwnTrace() throws IOException {
        Set<Path> tempBefore = harnessTempDirectories();
        EngineExecutionResults results = Kit.run(Parallel.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"));
        Kit.assertAllPassed(results, 3);
        List<Event> started = results.testEvents().started().list();
        List<Event> finished = results.testEvents().finished().list();
        Instant lastStart = started.stream().map(Event::getTimestamp).max(Instant::compareTo).orElseThrow();
        Instant firstEnd = finished.stream().map(Event::getTimestamp).min(Instant::compareTo).orElseThrow();
        assertThat(lastStart).as("all three children were running at once").isBefore(firstEnd);
        assertNothingLeftBehind(tempBefore);
    }

    private static void assertNothingLeftBehind(Set<Path> tempBefore) throws IOException {
        assertThat(ProcessHandle.current().children().collect(Collectors.toList())).as("child processes").isEmpty();
        assertThat(harnessTempDirectories()).as("work directories").isSubsetOf(tempBefore);
        assertThat(Thread.getAllStackTraces().keySet()).as("tracer threads")
                .noneMatch(t -> t.getName().equals("syscall-assert-tracer"));
    }

    private static Set<Path> harnessTempDirectories() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("syscall-assert-"))
                    .collect(Collectors.toSet());
        }
    }

    /** Leaves a mark in the trace: an attempt to open a file that does not exist. */
    static void mark(String name) throws IOException {
        try {
            Files.readAllBytes(Path.of("/proc/self/" + name));
        } catch (NoSuchFileException expected) {
            // the attempt is the mark
        }
    }

    @TraceSyscalls(timeout = "3 s")
    static class Endings {
        @Test
        void crashes() throws IOException {
            mark("crash-mark");
            LibC.kill((int) ProcessHandle.current().pid(), 9);
        }

        @Test
        void exits() throws IOException {
            mark("exit-mark");
            System.exit(7);
        }

        @Test
        void sleepsTooLong() throws Exception {
            mark("timeout-mark");
            Thread.sleep(60_000);
        }
    }

    @TraceSyscalls
    @Execution(ExecutionMode.CONCURRENT)
    static class Parallel {
        @Test
        void one(SyscallTrace trace) throws Exception {
            runs("one", trace);
        }

        @Test
        void two(SyscallTrace trace) throws Exception {
            runs("two", trace);
        }

        @Test
        void three(SyscallTrace trace) throws Exception {
            runs("three", trace);
        }

        private static void runs(String name, SyscallTrace trace) throws Exception {
            mark(name);
            Thread.sleep(1500);
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/" + name);
        }
    }
}
