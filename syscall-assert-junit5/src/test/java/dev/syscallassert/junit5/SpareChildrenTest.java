package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Children started ahead of their tests ({@code syscallassert.fork=per-test}): used when they fit, never twice, and
 * gone when the test plan ends.
 */
class SpareChildrenTest {

    @Test
    void testsAfterTheFirstRunInSparesAndNothingIsLeftWhenTheEngineFinished() throws IOException {
        Set<Path> tempBefore = harnessTempDirectories();
        Kit.Captured run = Kit.runCapturing(InARow.class, perTest(Map.of()));
        Kit.assertAllPassed(run.results, 5);
        // the spare's warm-up (SpareWarmUp) printed nothing that reached the test JVM; each test's own output did
        assertThat(run.out).contains("printed by second", "printed by fifth").doesNotContain("\u0001");
        assertThat(run.err).doesNotContain("\u0001");
        assertNothingLeftBehind(tempBefore);
    }

    @Test
    void aSpareCanAlsoStartAlongsideTheTestBeforeIt() throws IOException {
        Set<Path> tempBefore = harnessTempDirectories();
        // the default on a machine with more than two processors; this one may have fewer
        for (String start : new String[] {"test-start", "test-end"}) {
            Kit.Captured run = Kit.runCapturing(InARow.class, perTest(Map.of(PlanConfiguration.SPARE_START, start)));
            Kit.assertAllPassed(run.results, 5);
            assertThat(run.out).as(start).contains("printed by second", "printed by fifth").doesNotContain("\u0001");
        }
        assertNothingLeftBehind(tempBefore);
    }

    @Test
    void aSpareStartedAlongsideATestIsStoppedWhileItsMethodRuns() throws IOException {
        Set<Path> tempBefore = harnessTempDirectories();
        // without the archive, so that no rehearsing JVM could be taken for the spare
        Kit.assertAllPassed(Kit.run(StoppedSpare.class, perTest(Map.of(PlanConfiguration.SPARE_START,
                "test-start", PlanConfiguration.CDS, "false"))), 3);
        assertNothingLeftBehind(tempBefore);
    }

    @Test
    void misspeltSettingsAreConfigurationErrors() {
        assertThat(Kit.failureOf(Kit.run(SparesOff.class, Map.of(PlanConfiguration.SPARE, "yes")), "one"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration parameter syscallassert.spare = \"yes\" is not one of true, false");
        assertThat(Kit.failureOf(Kit.run(SparesOff.class, Map.of(PlanConfiguration.SPARE_START, "early")), "one"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration parameter syscallassert.spare.start = \"early\" is not one of auto, "
                        + "test-start, test-end");
        assertThat(Kit.failureOf(Kit.run(SparesOff.class, Map.of(PlanConfiguration.CDS, "no")), "one"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration parameter syscallassert.cds = \"no\" is not one of true, false");
    }

    @Test
    void aTestWithItsOwnJvmOptionsGetsAFreshChildAndSparesCanBeTurnedOff() throws IOException {
        Set<Path> tempBefore = harnessTempDirectories();
        Kit.assertAllPassed(Kit.run(OwnOptions.class, perTest(Map.of())), 3);
        Kit.assertAllPassed(Kit.run(SparesOff.class, perTest(Map.of(PlanConfiguration.SPARE, "false"))), 2);
        assertNothingLeftBehind(tempBefore);
    }

    /** Spares serve children of their own: each traced test in a JVM of its own, as before worker JVMs. */
    static Map<String, String> perTest(Map<String, String> configuration) {
        Map<String, String> all = new java.util.HashMap<>(configuration);
        all.put(PlanConfiguration.FORK, "per-test");
        return all;
    }

    static void assertNothingLeftBehind(Set<Path> tempBefore) throws IOException {
        assertThat(ProcessHandle.current().children().collect(Collectors.toList())).as("child processes").isEmpty();
        assertThat(harnessTempDirectories()).as("work directories").isSubsetOf(tempBefore);
        assertThat(Thread.getAllStackTraces().keySet()).as("tracer threads")
                .noneMatch(t -> t.getName().equals("syscall-assert-tracer"));
    }

    static Set<Path> harnessTempDirectories() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("syscall-assert-"))
                    .collect(Collectors.toSet());
        }
    }

    static String child() {
        return System.getProperty(ChildRequest.CHILD_KIND_PROPERTY);
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class InARow {
        @Test
        @Order(1)
        void first(SyscallTrace trace) throws IOException {
            ChildEndingsTest.mark("first");
            assertThat(child()).isEqualTo("fresh"); // nobody could have started one earlier
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/first");
        }

        @Test
        @Order(2)
        void second(SyscallTrace trace) throws IOException {
            ChildEndingsTest.mark("second");
            System.out.println("printed by second");
            assertThat(child()).isEqualTo("spare");
            // only this test's calls: nothing of the warm-up, nothing of the first test
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/second");
        }

        @Test
        @Order(3)
        void third(SyscallTrace trace) throws IOException {
            ChildEndingsTest.mark("third");
            assertThat(child()).isEqualTo("spare");
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/third");
        }

        @Test
        @Order(4)
        @TraceSyscalls(syscalls = "getpid")
        void fourthRecordsOtherSyscalls(SyscallTrace trace) throws IOException {
            ChildEndingsTest.mark("fourth");
            assertThat(child()).isEqualTo("spare"); // the same command line, other syscalls: a spare still fits
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/fourth");
        }

        @Test
        @Order(5)
        void fifth(SyscallTrace trace) throws IOException {
            ChildEndingsTest.mark("fifth");
            System.out.println("printed by fifth");
            assertThat(child()).isEqualTo("spare");
            assertThat(trace.events()).extracting(dev.syscallassert.SyscallEvent::syscall)
                    .doesNotContain("getpid"); // the fourth test's choice does not carry over
        }
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OwnOptions {
        @Test
        @Order(1)
        void first() {
            assertThat(child()).isEqualTo("fresh");
        }

        @Test
        @Order(2)
        @TraceSyscalls(jvmOptions = "-Dsyscallassert.test.own=yes")
        void ownOptions() {
            assertThat(child()).isEqualTo("fresh");
            assertThat(System.getProperty("syscallassert.test.own")).isEqualTo("yes");
        }

        @Test
        @Order(3)
        void third() {
            assertThat(child()).isEqualTo("spare"); // started when the first test started
        }
    }

    /** Each method finds the spare started for the next test (a sibling child JVM) stopped while it runs. */
    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StoppedSpare {
        @Test
        @Order(1)
        void first() throws Exception {
            assertSiblingSpareStopped();
        }

        @Test
        @Order(2)
        void second() throws Exception {
            assertThat(child()).isEqualTo("spare"); // it ran on after the first test: it was continued
            assertSiblingSpareStopped();
        }

        @Test
        @Order(3)
        void third() {
            assertThat(child()).isEqualTo("spare");
        }

        private static void assertSiblingSpareStopped() throws Exception {
            long parent = ProcessHandle.current().parent().orElseThrow().pid();
            List<ProcessHandle> siblings = ProcessHandle.of(parent).orElseThrow().children()
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("@"))
                    .collect(Collectors.toList());
            assertThat(siblings).as("the spare started for the next test").hasSize(1);
            String state = "";
            for (int i = 0; i < 200 && !(state.equals("t") || state.equals("T")); i++) {
                String stat = Files.readString(Path.of("/proc/" + siblings.get(0).pid() + "/stat"));
                state = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
                Thread.sleep(5);
            }
            assertThat(state).as("its state while this test method runs").isIn("t", "T");
        }
    }

    @TraceSyscalls
    static class SparesOff {
        @Test
        void one() {
            assertThat(child()).isEqualTo("fresh");
        }

        @Test
        void two() {
            assertThat(child()).isEqualTo("fresh");
        }
    }
}
