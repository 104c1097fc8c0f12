package dev.syscallassert;

import dev.syscallassert.fixtures.JavaActProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny mode on real programs, loopback only: the addresses denied here are 127.0.0.1 under an allow-list that names
 * only ::1, and a DNS lookup runs in a network namespace of its own (only its loopback, which it brings up).
 */
class DenyNetworkEndToEndTest extends ActProgramTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static List<SyscallEvent> denied(TraceResult r) {
        return r.trace().events().stream().filter(e -> e.injection().map(Injection::denied).orElse(false))
                .collect(Collectors.toList());
    }

    /** "" = no filter (every call stops), "write" = the filter picks socket() out by its domain. */
    @ParameterizedTest
    @ValueSource(strings = {"", "write"})
    void withoutAnAllowListNoInternetSocketCanBeMade(String selection) {
        Tracer tracer = Tracer.command(act.toString(), "socket").denyNetwork();
        if (!selection.isEmpty()) {
            tracer.trace(selection);
        }
        TraceResult r = tracer.run();
        assertThat(r.stdout()).isEqualTo("inet: Address family not supported by protocol\nunix: ok\n");
        List<SyscallEvent> denied = denied(r);
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).toString()).isEqualTo("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = -1 EAFNOSUPPORT "
                + "(Address family not supported by protocol) (INJECTED)");
        assertThat(r.trace()).deniedCalls().hasSize(1);
        List<String> sockets = r.trace().events().stream().filter(e -> e.syscall().equals("socket"))
                .map(SyscallEvent::toString).collect(Collectors.toList());
        // filtered, the AF_UNIX socket() never stopped: the filter compared its domain
        assertThat(sockets).hasSize(selection.isEmpty() ? 2 : 1);
    }

    @Test
    void aConnectToADeniedAddressIsUnreachable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            TraceResult r = Tracer.command(act.toString(), "connect", Integer.toString(port)).trace("write")
                    .denyNetwork("[::1]:*").run();
            assertThat(r.stdout()).isEqualTo("Network is unreachable\n");
            SyscallEvent connect = denied(r).get(0);
            assertThat(connect.address()).contains("127.0.0.1:" + port);
            assertThat(connect.toString()).endsWith(" = -1 ENETUNREACH (Network is unreachable) (INJECTED)");
            assertThat(connect.injection().get().rule()).isEqualTo("%network:deny:allow=[::1]:*");

            TraceResult allowed = Tracer.command(act.toString(), "connect", Integer.toString(port)).trace("write")
                    .denyNetwork("127.0.0.1:*").run();
            assertThat(allowed.stdout()).isEqualTo("ok\n");
            assertThat(allowed.trace()).noDeniedCalls();
        }
    }

    @Test
    void aPythonClientInAChildProcessIsDeniedToo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String script = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + server.getLocalPort()
                    + "))\n    print('connected')\nexcept OSError as e:\n    print(e)\n";
            TraceResult r = Tracer.command("/bin/sh", "-c", "\"$0\" -c \"$1\"; echo done", PYTHON, script)
                    .trace("%process").denyNetwork("[::1]:*").run();
            assertThat(r.stdout()).isEqualTo("[Errno 101] Network is unreachable\ndone\n");
            assertThat(denied(r)).hasSize(1).allMatch(e -> e.pid() != r.pid());
            TraceResult none = Tracer.command(PYTHON, "-c", script).denyNetwork().run();
            assertThat(none.stdout()).isEqualTo("[Errno 97] Address family not supported by protocol\n");
            // curl, a C client with its own resolver and connect logic, started by a shell
            TraceResult curl = Tracer.command("/bin/sh", "-c", "curl -sS --max-time 5 \"$0\"; echo \"exit $?\"",
                    "http://127.0.0.1:" + server.getLocalPort() + "/").trace("%process").denyNetwork("[::1]:*").run();
            assertThat(curl.stdout()).isEqualTo("exit 7\n");
            assertThat(curl.stderr()).contains("Couldn't connect to server");
            assertThat(denied(curl)).singleElement().satisfies(e -> assertThat(e.toString())
                    .endsWith("= -1 ENETUNREACH (Network is unreachable) (INJECTED)"));
        }
    }

    /**
     * In a network and mount namespace of its own whose resolver is 127.0.0.1, with an nscd socket listening: a
     * lookup fails as with no resolver at all, by nscd or by port 53; a machine's own names still resolve.
     */
    @Test
    void aLookupThroughPort53OrTheResolversSocketFailsAsWithoutAResolver() throws Exception {
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 127.0.0.1\n");
        String script = "import socket\nnscd = socket.socket(socket.AF_UNIX)\nnscd.bind('/run/nscd/socket')\n"
                + "nscd.listen(1)\ntry:\n    socket.getaddrinfo('example.com', 80)\nexcept OSError as e:\n"
                + "    print(e)\nprint(socket.getaddrinfo('localhost', 80)[0][4][1])\n";
        TraceResult r = Tracer.command("unshare", "-m", "-n", "/bin/sh", "-c",
                "mount --bind \"$1\" /etc/resolv.conf && mount -t tmpfs tmpfs /run && mkdir /run/nscd"
                        + " && ip link set lo up && exec \"$0\" -c \"$2\"", PYTHON, resolv.toString(), script)
                .trace("%process").denyNetwork("127.0.0.1:*").run();
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("[Errno -3] Temporary failure in name resolution\n80\n");
        List<SyscallEvent> denied = denied(r);
        assertThat(denied).filteredOn(e -> e.address().orElse("").equals("unix:/var/run/nscd/socket")).isNotEmpty()
                .allMatch(e -> e.errno().orElse("").equals("ENOENT"));
        assertThat(denied).filteredOn(e -> e.address().orElse("").startsWith("127.0.0.1:")).isNotEmpty()
                .allMatch(e -> e.address().get().equals("127.0.0.1:53") && e.errno().get().equals("ECONNREFUSED"));
        assertThat(denied).allMatch(e -> e.address().orElse("").equals("unix:/var/run/nscd/socket")
                || e.address().orElse("").equals("127.0.0.1:53"));
    }

    /** Without the daemon's socket, the C library's connect to it fails by itself: nothing was denied. */
    @Test
    void aResolverSocketThatIsNotThereIsNotDenied() {
        TraceResult r = Tracer.command(PYTHON, "-c", "import socket; print(socket.getaddrinfo('localhost', 80)[0][4][1])")
                .trace("connect").denyNetwork("127.0.0.1:*").run();
        assertThat(r.stdout()).isEqualTo("80\n");
        assertThat(r.trace()).noDeniedCalls();
    }

    @Test
    void aJavaSocketIsDeniedLikeAnyOther() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> java = List.of(TracerEndToEndTest.JAVA, "-cp", TracerEndToEndTest.CLASS_PATH,
                    JavaActProgram.class.getName(), "connect", Integer.toString(server.getLocalPort()));
            TraceResult r = Tracer.command(java).trace("write").denyNetwork("[::1]:*").run();
            // as on a machine with no route: JDK 17 and 25 throw a SocketException with strerror's text
            assertThat(r.stdout()).isEqualTo("java.net.SocketException: Network is unreachable\n");
            // the JDK connects to 127.0.0.1 through an IPv6 socket, as ::ffff:127.0.0.1, shown as its IPv4 form
            assertThat(denied(r)).singleElement().satisfies(e -> assertThat(e.address())
                    .contains("127.0.0.1:" + server.getLocalPort()));
            TraceResult none = Tracer.command(java).trace("write").denyNetwork().run();
            assertThat(none.stdout()).startsWith("java.net.SocketException: ");
            assertThat(denied(none)).isNotEmpty().allMatch(e -> e.syscall().equals("socket"));
            // native code in the JVM (a JNI library), which no Java-level blocker sees, is denied alike
            List<String> nativeCode = List.of(TracerEndToEndTest.JAVA, "-cp", TracerEndToEndTest.CLASS_PATH,
                    JavaActProgram.class.getName(), "nativeconnect", Integer.toString(server.getLocalPort()));
            assertThat(Tracer.command(nativeCode).trace("write").denyNetwork("[::1]:*").run().stdout())
                    .isEqualTo("ENETUNREACH\n");
            assertThat(Tracer.command(nativeCode).trace("write").denyNetwork("127.0.0.1:*").run().stdout())
                    .isEqualTo("connected\n");
            assertThat(Tracer.command(nativeCode).trace("write").denyNetwork().run().stdout()).isEqualTo("EAFNOSUPPORT\n");
        }
    }
}
