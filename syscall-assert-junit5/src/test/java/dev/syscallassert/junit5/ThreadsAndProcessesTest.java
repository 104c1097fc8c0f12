package dev.syscallassert.junit5;

import com.sun.net.httpserver.HttpServer;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread is not a process (issue 9, wrong answer 1: {@code noProcessSpawned()} named the clone3 of a thread that
 * had made no recorded call yet): threads waiting on a latch, HttpURLConnection's and the JDK HttpClient's threads
 * pass it; a process the code really starts fails it, and the JDK's jspawnhelper between is not in its message.
 */
class ThreadsAndProcessesTest {

    @Test
    void threadsPassNoProcessSpawnedAndARealProcessFailsItWithoutTheJdksHelper() {
        EngineExecutionResults results = Kit.run(ThreadsAndProcesses.class);
        results.testEvents().assertStatistics(s -> s.started(5).succeeded(4).failed(1));
        Throwable spawned = Kit.failureOf(results, "startsBinTrue");
        assertThat(spawned).hasMessageContaining("Expecting the traced process to spawn no process, but it made "
                        + "these 2 calls:")
                .hasMessageContaining("clone")
                .hasMessageContaining("execve(\"/bin/true\"")
                .hasMessageNotContaining("jspawnhelper");
    }

    @TraceSyscalls
    static class ThreadsAndProcesses {
        private HttpServer server;

        /** In the child, before the window: the server's own threads exist before the test method begins. */
        @BeforeEach
        void startServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        @AfterEach
        void stopServer() {
            server.stop(0);
        }

        private URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        @Test
        void startsAThreadThatWaitsOnALatch(SyscallTrace trace) throws InterruptedException {
            CountDownLatch latch = new CountDownLatch(1);
            Thread waiting = new Thread(() -> {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "waits-on-latch");
            waiting.start();
            try {
                assertThat(trace).noProcessSpawned();
                assertThat(trace.events()).as("the thread's creation").anyMatch(e -> e.syscall().startsWith("clone"));
            } finally {
                latch.countDown();
                waiting.join();
            }
        }

        @Test
        void usesHttpUrlConnection(SyscallTrace trace) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) uri().toURL().openConnection();
            try (InputStream in = connection.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ok");
            }
            assertThat(trace).noProcessSpawned().connectedTo("127.0.0.1", server.getAddress().getPort());
        }

        @Test
        void usesTheJdksHttpClient(SyscallTrace trace) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("ok");
            assertThat(trace).noProcessSpawned().connectedTo("127.0.0.1", server.getAddress().getPort());
        }

        /** What is shown of a process the JDK starts: its creation and its program, not the JDK's helper. */
        @Test
        void startsTrueByNameAndSeesTheProgramNotTheHelper(SyscallTrace trace) throws Exception {
            assertThat(new ProcessBuilder("true").start().waitFor()).isZero();
            assertThat(trace).spawnedProcess("true");
            int jvm = (int) ProcessHandle.current().pid();
            List<SyscallEvent> child = trace.events().stream().filter(e -> e.pid() != jvm)
                    .collect(Collectors.toList());
            assertThat(child).as("the program's calls, the PATH search for it included").isNotEmpty()
                    .allSatisfy(e -> assertThat(e.syscall().equals("execve")
                            || !e.thread().equals("jspawnhelper")).as(e.toString()).isTrue());
            assertThat(child).noneMatch(e -> e.path().filter(p -> p.endsWith("/jspawnhelper")).isPresent());
            // the helper's start is in the trace, hidden
            assertThat(trace.allEvents()).filteredOn(e -> e.pid() != jvm && e.thread().equals("jspawnhelper")
                    && !e.syscall().equals("execve")).isNotEmpty().allMatch(SyscallEvent::harness);
        }

        @Test
        void startsBinTrue(SyscallTrace trace) throws Exception {
            assertThat(new ProcessBuilder("/bin/true").start().waitFor()).isZero();
            assertThat(trace).noProcessSpawned();
        }
    }
}
