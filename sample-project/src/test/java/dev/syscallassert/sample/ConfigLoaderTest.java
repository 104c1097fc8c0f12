package dev.syscallassert.sample;

import com.sun.net.httpserver.HttpServer;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.DenyNetwork;
import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TraceSyscalls
class ConfigLoaderTest {

    @TempDir
    Path config;

    private HttpServer flagServer;

    @BeforeEach
    void writeConfiguration() throws IOException {
        // set-up runs in the traced child too, but before the trace begins: these writes are not in it
        Files.writeString(config.resolve("flags.properties"), "newCheckout=true\n");
        flagServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        flagServer.createContext("/flags", exchange -> {
            byte[] body = "newCheckout=false\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        flagServer.start();
    }

    @AfterEach
    void stopServer() {
        flagServer.stop(0);
    }

    @Test
    void readsOnlyItsOwnConfigurationFiles(SyscallTrace trace) throws IOException {
        offline();
        new ConfigLoader(config).load();
        assertThat(trace)
                .openedFile(config.resolve("app.properties").toString())
                .openedFile(config.resolve("flags.properties").toString())
                .onlyOpenedFilesUnder(config.toString());
    }

    @Test
    void offlineModeStaysOffTheNetwork(SyscallTrace trace) throws IOException {
        offline();
        ConfigLoader.Config loaded = new ConfigLoader(config).load();
        assertThat(loaded.flag("newCheckout")).isTrue();
        assertThat(trace).noNetworkCalls();
    }

    @Test
    void onlineModeAsksTheFlagServer(SyscallTrace trace) throws IOException {
        int port = flagServer.getAddress().getPort();
        Files.writeString(config.resolve("app.properties"), "flags.url=http://127.0.0.1:" + port + "/flags\n");
        ConfigLoader.Config loaded = new ConfigLoader(config).load();
        assertThat(loaded.flag("newCheckout")).isFalse();
        assertThat(trace).connectedTo("127.0.0.1", port);
    }

    /**
     * Offline mode with the network really cut off (its code, native code and child processes alike): it still
     * loads, and the test would fail if anything had tried to reach the network, even if the error was swallowed.
     */
    @Test
    @DenyNetwork
    void offlineModeWorksWithTheNetworkCutOff(SyscallTrace trace) throws IOException {
        offline();
        assertThat(new ConfigLoader(config).load().flag("newCheckout")).isTrue();
        assertThat(trace).noDeniedCalls();
    }

    /** Online mode on a machine that is offline: it fails with the error such a machine gives, not a hang. */
    @Test
    @DenyNetwork(allow = "[::1]:*", failTest = false)
    void onlineModeFailsAsOnAnOfflineMachine(SyscallTrace trace) throws IOException {
        int port = flagServer.getAddress().getPort();
        Files.writeString(config.resolve("app.properties"), "flags.url=http://127.0.0.1:" + port + "/flags\n");
        assertThatThrownBy(() -> new ConfigLoader(config).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("Network is unreachable");
        assertThat(trace).deniedCalls().isNotEmpty().allMatch(e -> e.syscall().equals("connect"));
    }

    private void offline() throws IOException {
        Files.writeString(config.resolve("app.properties"), "offline=true\nname=shop\n");
    }
}
