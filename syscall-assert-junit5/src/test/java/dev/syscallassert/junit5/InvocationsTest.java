package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which code runs where: each invocation of a parameterized or repeated test and a test in a @Nested class runs in
 * its own traced child; lifecycle methods run there once, around the method, outside its trace.
 */
class InvocationsTest {

    private static final String LOG = "syscallassert.fixture.log";

    @Test
    void everyInvocationIsTracedOnItsOwnAndLifecycleMethodsRunOnce(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path perTest = Files.createDirectory(dir.resolve("per-test")).resolve("log.txt");
        assertThat(pidsOfInvocations(perTest, SpareChildrenTest.perTest(Map.of())))
                .as("one child JVM per invocation").isEqualTo(5);
        Path worker = Files.createDirectory(dir.resolve("worker")).resolve("log.txt");
        assertThat(pidsOfInvocations(worker, Map.of())).as("one worker JVM for all").isEqualTo(1);
    }

    /** Runs the invocations, checks where and how often what ran, and returns in how many JVMs they ran. */
    private static long pidsOfInvocations(Path log, Map<String, String> configuration) throws IOException {
        System.setProperty(LOG, log.toString()); // runtime properties reach the child: the fixture finds its log
        EngineExecutionResults results;
        try {
            results = Kit.run(Invocations.class, configuration);
        } finally {
            System.clearProperty(LOG);
        }
        Kit.assertAllPassed(results, 5);
        // each line is written by the JVM that ran the code; the test JVM ran none of the methods
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).filteredOn(l -> l.startsWith("before")).hasSize(5);
        assertThat(lines).filteredOn(l -> l.startsWith("after")).hasSize(5);
        assertThat(lines).filteredOn(l -> l.startsWith("test")).map(l -> l.substring(0, l.lastIndexOf(' ')))
                .containsExactlyInAnyOrder(
                "test param a", "test param b", "test repetition 1", "test repetition 2", "test nested");
        assertThat(lines).noneMatch(l -> l.endsWith(" " + ProcessHandle.current().pid()));
        return lines.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(l -> l.matches("\\d+"))
                .distinct().count();
    }

    /** Appends a line to the shared log: the lifecycle methods and the tests say when they ran, and where. */
    static void log(String what) throws IOException {
        Files.writeString(Path.of(System.getProperty(LOG)), what + " " + ProcessHandle.current().pid() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The test's own mark in its trace: a file it opens that nothing else does. */
    static void touch(String name) throws IOException {
        try {
            Files.readAllBytes(Path.of(System.getProperty(LOG)).resolveSibling(name));
        } catch (java.nio.file.NoSuchFileException expected) {
            // the attempt is the mark
        }
    }

    @TraceSyscalls
    static class Invocations {
        SyscallTrace trace; // a field receives the trace too

        @BeforeEach
        void before() throws IOException {
            log("before");
        }

        @AfterEach
        void after() throws IOException {
            log("after");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "b"})
        void param(String value, SyscallTrace trace) throws IOException {
            touch("param-" + value);
            log("test param " + value);
            // only this invocation's own calls, and not the @BeforeEach's log write
            assertThat(trace.events()).extracting(e -> e.path().orElse(""))
                    .filteredOn(p -> p.contains("param-")).containsExactly(logDir().resolve("param-" + value).toString());
            assertThat(Kit.paths(trace)).noneMatch(p -> p.contains("param-" + (value.equals("a") ? "b" : "a")));
            assertThat(Kit.paths(trace)).filteredOn(p -> p.endsWith("log.txt")).hasSize(1);
        }

        @RepeatedTest(2)
        void repetition(RepetitionInfo info) throws IOException {
            touch("repetition-" + info.getCurrentRepetition());
            log("test repetition " + info.getCurrentRepetition());
            assertThat(Kit.paths(trace)).containsExactly(
                    logDir().resolve("repetition-" + info.getCurrentRepetition()).toString(),
                    logDir().resolve("log.txt").toString());
        }

        @Nested
        class Inner {
            @Test
            void nested(SyscallTrace trace) throws IOException {
                assertThat(trace.events()).as("live: nothing yet").isEmpty();
                touch("nested");
                assertThat(Kit.paths(trace)).as("live: what happened since the last read")
                        .containsExactly(logDir().resolve("nested").toString());
                log("test nested");
            }
        }

        private static Path logDir() {
            return Path.of(System.getProperty(LOG)).getParent();
        }
    }
}
