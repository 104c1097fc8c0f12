package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Traced tests that share a worker JVM: each sees its own calls only, and a worker that ends badly is replaced. */
class WorkerReuseTest {

    /** The worker's pid, as each fixture test saw it: set in the child, read through a file in the test JVM. */
    private static final Path PIDS = Path.of("target/worker-reuse-pids.txt");

    @Test
    void testsShareAWorkerAndEachSeesOnlyItsOwnCallsNotThoseOfAThreadAnEarlierOneLeftRunning() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        Files.deleteIfExists(PIDS);
        EngineExecutionResults results = Kit.run(Shared.class, Map.of(PlanConfiguration.REPORT, "all"));
        Kit.assertAllPassed(results, 3);
        assertThat(Files.readAllLines(PIDS)).hasSize(3).as("one worker ran them all").containsOnly(
                Files.readAllLines(PIDS).get(0));
        String report = Files.readString(Kit.REPORTS.resolve(Shared.class.getName()).resolve("second.txt"));
        assertThat(report).contains("/proc/self/left-running").contains("hidden by earlier-test-thread")
                .contains("/proc/self/second");
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
        assertNoTracedProcessLeft();
    }

    @Test
    void perTestModeGivesEachTestAJvmOfItsOwn() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        Files.deleteIfExists(PIDS);
        Kit.assertAllPassed(Kit.run(OnePerTest.class, Map.of(PlanConfiguration.FORK, "per-test")), 2);
        List<String> pids = Files.readAllLines(PIDS);
        assertThat(new HashSet<>(pids)).as("two JVMs").hasSize(2);
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
    }

    @Test
    void aCrashAnExitAndATimeoutFailOnlyTheirTestAndTheNextTestsRunInANewWorker() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        Files.deleteIfExists(PIDS);
        EngineExecutionResults results = Kit.run(Endings.class);
        for (String passes : List.of("a_passes", "c_passes", "e_passes", "g_passes")) {
            assertThat(Kit.finished(results, passes).getPayload(TestExecutionResult.class).orElseThrow())
                    .as(passes).satisfies(r -> assertThat(r.getThrowable()).isEmpty());
        }
        results.testEvents().assertStatistics(s -> s.started(7).failed(3).succeeded(4));
        assertThat(Kit.failureOf(results, "b_crashes"))
                .hasMessageContaining("The traced child JVM of Endings.b_crashes() was killed by SIGKILL before the "
                        + "test reported a result (in the test method)")
                .hasMessageContaining("/proc/self/crash-mark");
        assertThat(Kit.failureOf(results, "d_exits")).hasMessageStartingWith(
                "The test called System.exit(7) in thread \"main\"").hasMessageContaining("/proc/self/exit-mark");
        assertThat(Kit.failureOf(results, "f_sleepsTooLong")).isInstanceOf(TimeoutException.class)
                .hasMessageStartingWith("Endings.f_sleepsTooLong() timed out after 6 s in its traced child JVM, "
                        + "which was killed (in the test method)")
                .hasMessageContaining("/proc/self/timeout-mark");
        // a, c, e and g passed, each in a worker of its own: the one before it had died
        assertThat(new HashSet<>(Files.readAllLines(PIDS))).hasSize(4);
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
        assertNoTracedProcessLeft();
    }

    @Test
    void testsWithOtherCategoriesOrJvmOptionsGetOtherWorkers() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        Files.deleteIfExists(PIDS);
        Kit.assertAllPassed(Kit.run(Different.class, Map.of(PlanConfiguration.WORKERS, "3")), 5);
        List<String> pids = Files.readAllLines(PIDS); // plain, files-only, options, plain again, files-only again
        assertThat(pids.get(3)).isEqualTo(pids.get(0));
        assertThat(pids.get(4)).isEqualTo(pids.get(1));
        assertThat(Set.of(pids.get(0), pids.get(1), pids.get(2))).hasSize(3);
        // with room for two, the one used longest ago makes room for the third kind
        Files.deleteIfExists(PIDS);
        Kit.assertAllPassed(Kit.run(Different.class, Map.of(PlanConfiguration.WORKERS, "2")), 5);
        pids = Files.readAllLines(PIDS);
        assertThat(Set.copyOf(pids)).hasSize(5);
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
    }

    @Test
    void stateATestChangesIsPutBackForTheNextTest() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        Files.deleteIfExists(PIDS);
        Kit.assertAllPassed(Kit.run(ChangesState.class), 2);
        assertThat(new HashSet<>(Files.readAllLines(PIDS))).hasSize(1);
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
    }

    @Test
    void parallelTestsRunInSeveralWorkers() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        Files.deleteIfExists(PIDS);
        EngineExecutionResults results = Kit.run(Parallel.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2",
                PlanConfiguration.WORKERS, "2"));
        Kit.assertAllPassed(results, 6);
        assertThat(new HashSet<>(Files.readAllLines(PIDS))).as("two workers, each reused").hasSize(2);
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
        assertNoTracedProcessLeft();
    }

    @Test
    void misspeltSettingsAreConfigurationErrors() {
        assertThat(Kit.failureOf(Kit.run(OnePerTest.class, Map.of(PlanConfiguration.FORK, "never")), "one"))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessage("Configuration parameter syscallassert.fork = \"never\" is not one of reuse, per-test");
        assertThat(Kit.failureOf(Kit.run(OnePerTest.class, Map.of(PlanConfiguration.WORKERS, "0")), "one"))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessage("Configuration parameter syscallassert.workers = \"0\" is not a whole number of at "
                        + "least 1");
    }

    /** No process of this JVM's is left, stopped or a zombie: /proc says so, not only ProcessHandle. */
    static void assertNoTracedProcessLeft() throws IOException {
        String self = Long.toString(ProcessHandle.current().pid());
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<String> left = procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> {
                        try {
                            return Files.readString(p.resolve("stat"));
                        } catch (IOException e) {
                            return "";
                        }
                    })
                    .filter(stat -> !stat.isEmpty())
                    .filter(stat -> {
                        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return rest[1].equals(self); // ppid: a child of this JVM, in whatever state
                    })
                    .collect(Collectors.toList());
            assertThat(left).as("processes of this JVM").isEmpty();
        }
    }

    static synchronized void recordPid() throws IOException {
        Files.writeString(PIDS, ProcessHandle.current().pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Shared {
        static final AtomicInteger LEFT_RUNNING_CALLS = new AtomicInteger();
        static volatile boolean stop;

        @BeforeEach
        void pid() throws IOException {
            recordPid();
        }

        @Test
        @Order(1)
        void first(SyscallTrace trace) throws Exception {
            ChildEndingsTest.mark("first");
            Thread left = new Thread(() -> {
                while (!stop) {
                    try {
                        ChildEndingsTest.mark("left-running");
                        LEFT_RUNNING_CALLS.incrementAndGet();
                        Thread.sleep(5);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "left-running");
            left.setDaemon(true);
            left.start();
            while (LEFT_RUNNING_CALLS.get() < 2) {
                Thread.sleep(1);
            }
            // while this test runs, the thread is its own
            assertThat(Kit.paths(trace)).startsWith("/proc/self/first").contains("/proc/self/left-running");
            assertThat(SpareChildrenTest.child()).isEqualTo("worker");
        }

        @Test
        @Order(2)
        void second(SyscallTrace trace) throws Exception {
            int before = LEFT_RUNNING_CALLS.get();
            ChildEndingsTest.mark("second");
            while (LEFT_RUNNING_CALLS.get() < before + 3) { // the thread runs on during this test
                Thread.sleep(1);
            }
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/second");
        }

        @Test
        @Order(3)
        void third(SyscallTrace trace) throws Exception {
            stop = true;
            ChildEndingsTest.mark("third");
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/third");
        }
    }

    @TraceSyscalls
    static class OnePerTest {
        @BeforeEach
        void pid() throws IOException {
            recordPid();
        }

        @Test
        void one() throws IOException {
            assertThat(SpareChildrenTest.child()).isIn("fresh", "spare");
        }

        @Test
        void two() throws IOException {
            assertThat(SpareChildrenTest.child()).isIn("fresh", "spare");
        }
    }

    @TraceSyscalls(timeout = "6 s") // a worker's first test waits for its start too, on a loaded machine 3 s and more
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Endings {
        @AfterEach
        void pid() throws IOException {
            recordPid(); // the tests that pass only: the others end their worker before
        }

        @Test
        void a_passes(SyscallTrace trace) throws IOException {
            passes(trace);
        }

        @Test
        void b_crashes() throws IOException {
            ChildEndingsTest.mark("crash-mark");
            LibC.kill((int) ProcessHandle.current().pid(), 9);
        }

        @Test
        void c_passes(SyscallTrace trace) throws IOException {
            passes(trace);
        }

        @Test
        void d_exits() throws IOException {
            ChildEndingsTest.mark("exit-mark");
            System.exit(7);
        }

        @Test
        void e_passes(SyscallTrace trace) throws IOException {
            passes(trace);
        }

        @Test
        void f_sleepsTooLong() throws Exception {
            ChildEndingsTest.mark("timeout-mark");
            Thread.sleep(60_000);
        }

        @Test
        void g_passes(SyscallTrace trace) throws IOException {
            passes(trace);
        }

        private static void passes(SyscallTrace trace) throws IOException {
            ChildEndingsTest.mark("passes");
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/passes");
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Different {
        @BeforeEach
        void pid() throws IOException {
            recordPid();
        }

        @Test
        @TraceSyscalls
        void a_plain() throws IOException {
        }

        @Test
        @TraceSyscalls(value = {}, syscalls = "openat")
        void b_filesOnly() throws IOException {
        }

        @Test
        @TraceSyscalls(jvmOptions = "-Dsyscallassert.fixture.option=1")
        void c_ownOptions() throws IOException {
            assertThat(System.getProperty("syscallassert.fixture.option")).isEqualTo("1");
        }

        @Test
        @TraceSyscalls
        void d_plainAgain() throws IOException {
        }

        @Test
        @TraceSyscalls(value = {}, syscalls = "openat")
        void e_filesOnlyAgain() throws IOException {
        }
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ChangesState {
        @BeforeEach
        void pid() throws IOException {
            recordPid();
        }

        @Test
        void a_changes() throws IOException {
            System.setProperty("syscallassert.fixture.changed", "yes");
            System.setProperty("user.dir", "/");
            Locale.setDefault(Locale.JAPAN);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        }

        @Test
        void b_seesTheWorkersOwn() throws IOException {
            assertThat(System.getProperty("syscallassert.fixture.changed")).isNull();
            assertThat(System.getProperty("user.dir")).isNotEqualTo("/");
            assertThat(Locale.getDefault()).isNotEqualTo(Locale.JAPAN);
            assertThat(TimeZone.getDefault().getID()).isNotEqualTo("Pacific/Kiritimati");
        }
    }

    @TraceSyscalls
    @Execution(ExecutionMode.CONCURRENT)
    static class Parallel {
        @BeforeEach
        void pid() throws IOException {
            recordPid();
        }

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

        @Test
        void four(SyscallTrace trace) throws Exception {
            runs("four", trace);
        }

        @Test
        void five(SyscallTrace trace) throws Exception {
            runs("five", trace);
        }

        @Test
        void six(SyscallTrace trace) throws Exception {
            runs("six", trace);
        }

        private static void runs(String name, SyscallTrace trace) throws Exception {
            ChildEndingsTest.mark(name);
            Thread.sleep(300);
            assertThat(Kit.paths(trace)).containsExactly("/proc/self/" + name);
        }
    }
}
