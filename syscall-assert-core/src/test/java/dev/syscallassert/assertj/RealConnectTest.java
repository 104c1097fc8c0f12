package dev.syscallassert.assertj;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.fixtures.NonBlockingConnectProgram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Non-blocking connects of real processes, on loopback only: each learns its outcome after EINPROGRESS, and the
 * checks must say what the kernel said. A port that refuses is one a socket is bound to without listening.
 */
class RealConnectTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASS_PATH =
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    /** Python: connect_ex gives EINPROGRESS, select waits for writable, then getsockopt(SO_ERROR) or a send. */
    private static TraceResult python(String learn, SyscallCategory... categories) {
        Tracer tracer = Tracer.command(PYTHON, "-c", String.join("\n",
                        "import errno, select, socket",
                        "refusing = socket.socket(); refusing.bind(('127.0.0.1', 0))",
                        "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen(5)",
                        "print('refused', refusing.getsockname()[1]); print('listening', server.getsockname()[1])",
                        "for port in (refusing.getsockname()[1], server.getsockname()[1]):",
                        "    s = socket.socket(); s.setblocking(False)",
                        "    assert s.connect_ex(('127.0.0.1', port)) == errno.EINPROGRESS",
                        "    select.select([], [s], [], 10)",
                        "    " + learn,
                        "    s.close()"));
        TraceResult r = (categories.length == 0 ? tracer : tracer.trace(categories))
                .timeout(Duration.ofSeconds(60)).run();
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    @Test
    void pythonLearningFromSoError() {
        TraceResult r = python("print(errno.errorcode.get(s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR), 'ok'))",
                SyscallCategory.NETWORK);
        assertThat(r.stdout()).endsWith("ECONNREFUSED\nok\n");
        assertDecided(r, "= -1 EINPROGRESS (Operation now in progress), then getsockopt(SO_ERROR) = ECONNREFUSED",
                ", then getsockopt(SO_ERROR) = 0");
        int listening = port(r, "listening");
        assertThat(r.trace()).onlyConnectedTo("127.0.0.1:" + listening).connections()
                .containsExactly("127.0.0.1:" + listening);
    }

    @Test
    void pythonLearningFromASend() {
        // Every syscall recorded: the select and the close on the socket come between, and decide nothing.
        TraceResult r = python("try: print(s.send(b'x'))\n"
                + "    except OSError as e: print(errno.errorcode[e.errno])");
        assertThat(r.stdout()).endsWith("ECONNREFUSED\n1\n");
        assertDecided(r, ", then sendto(", ", then sendto(");
    }

    @Test
    void pythonLearningFromASecondConnect() {
        TraceResult r = python("print(errno.errorcode.get(s.connect_ex(('127.0.0.1', port)), 'ok'))",
                SyscallCategory.NETWORK);
        assertThat(r.stdout()).endsWith("ECONNREFUSED\nok\n");
        assertDecided(r, ", then connect(", ", then connect(");
    }

    @Test
    void pythonThatNeverLearnsIsUnknown() {
        TraceResult r = python("pass", SyscallCategory.NETWORK);
        int refused = port(r, "refused");
        SyscallTrace t = r.trace();
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", refused))
                .hasMessageContaining("(in progress, outcome unknown: no later call on its socket tells)");
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", refused))
                .hasMessageContaining("it may have connected");
    }

    @Test
    void nioSocketChannelWithFinishConnect() {
        TraceResult r = java("nio", SyscallCategory.NETWORK);
        assertThat(r.stdout()).endsWith("nio refused\nnio connected\n");
        assertDecided(r, "getsockopt(SO_ERROR) = ECONNREFUSED", "getsockopt(SO_ERROR) = 0");
    }

    @Test
    void nioWithEverySyscallRecorded() {
        TraceResult r = java("nio");
        assertThat(r.stdout()).endsWith("nio refused\nnio connected\n");
        assertDecided(r, "getsockopt(SO_ERROR) = ECONNREFUSED", "getsockopt(SO_ERROR) = 0");
    }

    @Test
    void theJdkHttpClient() {
        TraceResult r = java("http", SyscallCategory.NETWORK);
        assertThat(r.stdout()).endsWith("http refused\nhttp status 204\n");
        assertDecided(r, "getsockopt(SO_ERROR) = ECONNREFUSED", "getsockopt(SO_ERROR) = 0");
        // It connects on the caller's thread (and retries on a worker) and learns the outcome on its selector thread.
        assertThatThrownBy(() -> assertThat(r.trace()).connectedTo("127.0.0.1", port(r, "refused")))
                .hasMessageMatching("(?s).*EINPROGRESS \\(Operation now in progress\\), then \\[pid \\d+ tid \\d+ "
                        + "\"HttpClient-\\d+-Se\"] getsockopt\\(SO_ERROR\\) = ECONNREFUSED.*");
    }

    /**
     * The connect to the refusing port did not count, the one to the listening port did, and each failure message
     * shows the outcome with the call that decided it.
     */
    private static void assertDecided(TraceResult r, String refusedEvidence, String connectedEvidence) {
        int refused = port(r, "refused");
        int listening = port(r, "listening");
        SyscallTrace t = r.trace();
        assertThat(t).didNotConnectTo("127.0.0.1", refused).connectedTo("127.0.0.1", listening)
                .connectedTo("::ffff:127.0.0.1", listening)
                .connections().contains("127.0.0.1:" + listening).doesNotContain("127.0.0.1:" + refused);
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", refused))
                .hasMessageContaining("127.0.0.1:" + refused + "  (in progress, then failed: ECONNREFUSED)  [pid ")
                .hasMessageContaining(refusedEvidence)
                .hasMessageNotContaining("outcome unknown");
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", listening))
                .hasMessageContaining("127.0.0.1:" + listening + "  (in progress, then connected)  [pid ")
                .hasMessageContaining(connectedEvidence);
    }

    private static TraceResult java(String mode, SyscallCategory... categories) {
        Tracer tracer = Tracer.command(JAVA, "-Xshare:auto", "-cp", CLASS_PATH,
                NonBlockingConnectProgram.class.getName(), mode);
        TraceResult r = (categories.length == 0 ? tracer : tracer.trace(categories))
                .timeout(Duration.ofSeconds(90)).run();
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    private static int port(TraceResult r, String what) {
        Matcher m = Pattern.compile("(?m)^" + what + " (\\d+)$").matcher(r.stdout());
        assertThat(m.find()).as(r.stdout()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
