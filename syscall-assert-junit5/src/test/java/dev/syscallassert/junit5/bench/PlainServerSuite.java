package dev.syscallassert.junit5.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A class whose {@code @BeforeAll} starts an HTTP server on the loopback and whose 20 tests ask it something, untraced;
 * {@link TracedServerSuite} runs the same traced. Run by {@link OverheadBenchmark}.
 */
class PlainServerSuite {

    static HttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @RepeatedTest(20)
    void asksTheServer() throws IOException {
        System.out.println("CHILD " + System.getProperty("syscallassert.child", "none"));
        URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        try (InputStream in = c.getInputStream()) {
            if (c.getResponseCode() != 200 || in.readAllBytes().length != 2) {
                throw new AssertionError("the server did not answer");
            }
        } finally {
            c.disconnect();
        }
    }
}
