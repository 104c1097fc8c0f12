package dev.syscallassert.junit5;

import dev.syscallassert.ByteStrings;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9's wrong answers 2 and 4 in traced tests: the JDK HttpClient's refused non-blocking connect (EINPROGRESS,
 * then the kernel's verdict) is not a connection; a file whose name is not UTF-8 is matched by the bytes of its name.
 */
class ConnectsAndFileNamesTest {

    @Test
    void aRefusedHttpClientConnectIsNoConnectionAndANonUtf8NameIsMatchedByItsBytes() {
        EngineExecutionResults results = Kit.run(Fixture.class);
        results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        assertThat(Kit.failureOf(results, "claimsTheRefusedConnectConnected"))
                .hasMessageContaining("but it did not. Connects it made, closest first:")
                .hasMessageContaining("(in progress, then failed: ECONNREFUSED)")
                .hasMessageContaining("= -1 EINPROGRESS (Operation now in progress), then ")
                .hasMessageContaining("getsockopt(SO_ERROR) = ECONNREFUSED");
    }

    @TraceSyscalls
    static class Fixture {

        /** Loopback only: a bound socket that never listens refuses every connect. */
        private static int refusedPort(Socket bound) throws IOException {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return bound.getLocalPort();
        }

        private static void get(int port) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
        }

        @Test
        void refusedConnectIsNotAConnection(SyscallTrace trace) throws Exception {
            try (Socket bound = new Socket()) {
                int refused = refusedPort(bound);
                get(refused);
                assertThat(trace).didNotConnectTo("127.0.0.1", refused);
            }
        }

        @Test
        void claimsTheRefusedConnectConnected(SyscallTrace trace) throws Exception {
            try (Socket bound = new Socket()) {
                int refused = refusedPort(bound);
                get(refused);
                assertThat(trace).connectedTo("127.0.0.1", refused); // must fail: the kernel refused it
            }
        }

        @Test
        void writesAFileWhoseNameIsNotUtf8(SyscallTrace trace, @TempDir Path dir) throws Exception {
            byte[] name = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 'u', 't', 'f', '8'};
            // The JDK cannot name such a file from a String; a shell can, and its writes are the test's too.
            Process p = new ProcessBuilder("/bin/sh", "-c", "printf x > \"$(printf 'bad\\377\\376utf8')\"")
                    .directory(dir.toFile()).start();
            assertThat(p.waitFor()).isZero();
            List<Path> listed;
            try (Stream<Path> s = Files.list(dir)) {
                listed = s.collect(Collectors.toList());
            }
            assertThat(listed).hasSize(1);
            String expected = ByteStrings.of(dir) + "/" + ByteStrings.decode(name);
            assertThat(trace).wroteFile(expected).wroteFile(listed.get(0)).createdFile(expected);
        }
    }
}
