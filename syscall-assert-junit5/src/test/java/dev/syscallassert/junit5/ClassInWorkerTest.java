package dev.syscallassert.junit5;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker JVM runs a class traced as a whole through one launcher request: its {@code @BeforeAll} once, its tests
 * one by one as the test JVM asks for them, each still with only its own calls; in another order it runs the class
 * again rather than a wrong test.
 */
class ClassInWorkerTest {

    private static final String LOG = "syscallassert.fixture.classlog";

    @Test
    void beforeAllRunsOnceForTheClassAndItsServerThreadIsEveryTestsToSee(@TempDir Path dir) throws IOException {
        List<String> log = run(OnceForTheClass.class, dir, 3);
        assertThat(inChildren(log, "beforeAll")).as("@BeforeAll in the worker").hasSize(1);
        assertThat(inChildren(log, "afterAll")).as("@AfterAll in the worker").hasSize(1);
        assertThat(inChildren(log, "test").stream().map(ClassInWorkerTest::pid).distinct()).hasSize(1);
    }

    @Test
    void perClassInstancesNestedClassesAndTemplatesRunInTheClassOnce(@TempDir Path dir) throws IOException {
        List<String> log = run(PerClassNestedAndTemplates.class, dir, 6);
        assertThat(inChildren(log, "beforeAll")).hasSize(1);
        assertThat(inChildren(log, "nested beforeAll")).hasSize(1);
        assertThat(inChildren(log, "test")).hasSize(6);
    }

    @Test
    void inAnotherOrderTheWorkerRunsTheClassAgainNeverAnotherTest(@TempDir Path dir) throws IOException {
        // each JVM draws its own seed: the worker's order differs from the test JVM's, and every test still sees
        // its own calls only (how often the class ran again depends on the two orders)
        List<String> log = run(RandomOrder.class, dir, 6);
        assertThat(inChildren(log, "test")).hasSize(6);
        assertThat(inChildren(log, "beforeAll")).hasSizeBetween(1, 6);
    }

    @Test
    void aClassTracedMethodByMethodRunsEachTestAlone(@TempDir Path dir) throws IOException {
        List<String> log = run(MethodByMethod.class, dir, 2);
        assertThat(inChildren(log, "beforeAll")).as("one launcher request per test").hasSize(2);
        assertThat(inChildren(log, "untraced")).as("the untraced test ran in the test JVM only").isEmpty();
    }

    private static List<String> run(Class<?> fixture, Path dir, int traced) throws IOException {
        Path log = dir.resolve("log.txt");
        System.setProperty(LOG, log.toString());
        EngineExecutionResults results;
        try {
            results = Kit.run(fixture);
        } finally {
            System.clearProperty(LOG);
        }
        Kit.assertAllPassed(results, (int) results.testEvents().started().count());
        assertThat(results.testEvents().started().count()).isGreaterThanOrEqualTo(traced);
        return Files.readAllLines(log);
    }

    /** The lines written in a child JVM (not this one) that start with {@code what}. */
    private static List<String> inChildren(List<String> log, String what) {
        String self = Long.toString(ProcessHandle.current().pid());
        return log.stream().filter(l -> l.startsWith(what + " ") && !pid(l).equals(self)).collect(Collectors.toList());
    }

    private static String pid(String line) {
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    static void log(String what) throws IOException {
        Files.writeString(Path.of(System.getProperty(LOG)), what + " " + ProcessHandle.current().pid() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OnceForTheClass {
        static ServerSocket server;
        static Thread serving;

        @BeforeAll
        static void startServer() throws IOException {
            log("beforeAll");
            System.setProperty("syscallassert.fixture.set.before.all", "yes");
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            serving = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                        out.write(42);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "fixture-server");
            serving.start();
        }

        @AfterAll
        static void stopServer() throws Exception {
            log("afterAll");
            server.close();
            serving.join();
        }

        @Test
        @Order(1)
        void first(SyscallTrace trace) throws IOException {
            asksTheServer(trace, "first");
        }

        @Test
        @Order(2)
        void second(SyscallTrace trace) throws IOException {
            asksTheServer(trace, "second");
        }

        @Test
        @Order(3)
        void third(SyscallTrace trace) throws IOException {
            asksTheServer(trace, "third");
        }

        private static void asksTheServer(SyscallTrace trace, String name) throws IOException {
            log("test " + name);
            // what the class's set-up set stays for its tests; what a test sets is gone for the next
            assertThat(System.getProperty("syscallassert.fixture.set.before.all")).isEqualTo("yes");
            assertThat(System.getProperty("syscallassert.fixture.set.by.a.test")).isNull();
            System.setProperty("syscallassert.fixture.set.by.a.test", name);
            ChildEndingsTest.mark(name);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 InputStream in = s.getInputStream()) {
                assertThat(in.read()).isEqualTo(42);
            }
            List<SyscallEvent> events = trace.events();
            assertThat(Kit.paths(events)).filteredOn(p -> p.startsWith("/proc/self/"))
                    .containsExactly("/proc/self/" + name);
            // the class's server thread is every test's: what it does with this test's connection is seen
            assertThat(events).as("the server thread's calls").anyMatch(e -> e.thread().equals("fixture-server"));
        }
    }

    @TraceSyscalls
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassNestedAndTemplates {
        int instanceCalls;

        @BeforeAll
        void once() throws IOException {
            log("beforeAll");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "b", "c"})
        void param(String value, SyscallTrace trace) throws IOException {
            instanceCalls++;
            marks("param " + value, "param-" + value, trace);
        }

        @Test
        void plain(SyscallTrace trace) throws IOException {
            marks("plain", "plain", trace);
        }

        @Nested
        @TestInstance(TestInstance.Lifecycle.PER_CLASS)
        class Inner {
            @BeforeAll
            void nestedOnce() throws IOException {
                log("nested beforeAll");
            }

            @Test
            void one(SyscallTrace trace) throws IOException {
                marks("nested one", "nested-one", trace);
            }

            @Test
            void two(SyscallTrace trace) throws IOException {
                marks("nested two", "nested-two", trace);
            }
        }
    }

    /** Logs the test, leaves its mark and checks that its trace has its own mark only. */
    private static void marks(String logged, String mark, SyscallTrace trace) throws IOException {
        log("test " + logged);
        ChildEndingsTest.mark(mark);
        assertThat(Kit.paths(trace)).filteredOn(p -> p.startsWith("/proc/self/")).containsExactly("/proc/self/" + mark);
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.Random.class)
    static class RandomOrder {
        @BeforeAll
        static void once() throws IOException {
            log("beforeAll");
        }

        @Test
        void t1(SyscallTrace trace) throws IOException {
            marks("t1", trace);
        }

        @Test
        void t2(SyscallTrace trace) throws IOException {
            marks("t2", trace);
        }

        @Test
        void t3(SyscallTrace trace) throws IOException {
            marks("t3", trace);
        }

        @Test
        void t4(SyscallTrace trace) throws IOException {
            marks("t4", trace);
        }

        @Test
        void t5(SyscallTrace trace) throws IOException {
            marks("t5", trace);
        }

        @Test
        void t6(SyscallTrace trace) throws IOException {
            marks("t6", trace);
        }

        private static void marks(String name, SyscallTrace trace) throws IOException {
            ClassInWorkerTest.marks(name, name, trace);
        }
    }

    static class MethodByMethod {
        @BeforeAll
        static void once() throws IOException {
            log("beforeAll");
        }

        @Test
        @TraceSyscalls
        void one() throws IOException {
            log("test one");
        }

        @Test
        @TraceSyscalls
        void two() throws IOException {
            log("test two");
        }

        @Test
        void untraced() throws IOException {
            log("untraced");
        }
    }
}
