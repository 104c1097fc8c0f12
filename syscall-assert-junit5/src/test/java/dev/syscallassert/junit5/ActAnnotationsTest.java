package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InjectFault} and {@link DenyNetwork} on traced tests, run through the engine: loopback only (the denied
 * connects go to 127.0.0.1 under an allow-list that names only ::1).
 */
class ActAnnotationsTest {

    @Test
    void faultsAndDenialsReachTheTestsChildJvm() {
        EngineExecutionResults results = Kit.run(Fixture.class);
        results.testEvents().assertStatistics(s -> s.started(7).succeeded(5).failed(2));
        assertThat(Kit.failureOf(results, "swallowsTheDeniedConnect")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("[@DenyNetwork] ")
                .hasMessageContaining("Expecting no call to be denied the network, but one was:")
                .hasMessageContaining(" = -1 ENETUNREACH (Network is unreachable) (INJECTED)   (address 127.0.0.1:");
        assertThat(Kit.failureOf(results, "aPathOnACallWithoutOne")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@InjectFault on aPathOnACallWithoutOne(): path=\"glob:**\" on getpid: that syscall takes "
                        + "neither a path nor a file descriptor, so no call of it has a path");
    }

    @Test
    void aClassLevelDenialAppliesToEachTestAndThePlanCanDenyEveryTest() {
        EngineExecutionResults onClass = Kit.run(DeniedClass.class);
        onClass.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(Kit.failureOf(onClass, "swallows")).hasMessageContaining("Expecting no call to be denied");
        EngineExecutionResults planWide = Kit.run(Plain.class, Map.of("syscallassert.deny.network", "true",
                "syscallassert.deny.network.allow", "[::1]:*"));
        planWide.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(Kit.failureOf(planWide, "swallows")).hasMessageContaining("(address 127.0.0.1:");
        Kit.run(Plain.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        EngineExecutionResults before = Kit.run(SocketMadeBeforeTheRule.class);
        before.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        EngineExecutionResults untraced = Kit.run(Untraced.class);
        assertThat(Kit.failureOf(untraced, "deniesNothing")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@DenyNetwork and @InjectFault act on the calls of a traced test only; deniesNothing() "
                        + "is not traced: add @TraceSyscalls");
    }

    /** A connect to a listening loopback port, its failure swallowed. */
    static boolean connectSwallowing() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5000);
            return true;
        } catch (IOException swallowed) {
            return false;
        }
    }

    @TraceSyscalls
    static class Fixture {

        @Test
        @InjectFault(syscalls = "write", path = "glob:**/journal.log", errno = "ENOSPC", nth = 3)
        void theThirdJournalWriteFails(@TempDir Path dir, SyscallTrace trace) throws IOException {
            List<String> results = new ArrayList<>();
            try (FileOutputStream journal = new FileOutputStream(dir.resolve("journal.log").toFile());
                 FileOutputStream other = new FileOutputStream(dir.resolve("other.log").toFile())) {
                for (int i = 1; i <= 4; i++) {
                    other.write('x');
                    try {
                        journal.write(("" + i).getBytes());
                        results.add("ok");
                    } catch (IOException e) {
                        results.add(e.getMessage());
                    }
                }
            }
            assertThat(results).containsExactly("ok", "ok", "No space left on device", "ok");
            assertThat(Files.readString(dir.resolve("journal.log"))).isEqualTo("124");
            assertThat(Files.readString(dir.resolve("other.log"))).isEqualTo("xxxx");
            assertThat(trace).injectedFault("write", "ENOSPC").noDeniedCalls();
            assertThat(trace).injectedFaults().hasSize(1);
        }

        @Test
        @DenyNetwork(allow = "[::1]:*")
        void swallowsTheDeniedConnect() throws IOException {
            assertThat(connectSwallowing()).isFalse();
        }

        @Test
        @DenyNetwork(allow = "[::1]:*", failTest = false)
        void seesTheDeniedConnect(SyscallTrace trace) throws IOException {
            assertThat(connectSwallowing()).isFalse();
            assertThat(trace).deniedCalls().hasSize(1).allMatch(e -> e.syscall().equals("connect"));
        }

        @Test
        @DenyNetwork(failTest = false)
        void withoutAnAllowListThereIsNoInternetSocket(SyscallTrace trace) throws IOException {
            assertThat(connectSwallowing()).isFalse();
            assertThat(trace).deniedCalls().isNotEmpty().allMatch(e -> e.syscall().equals("socket")
                    && e.errno().orElse("").equals("EAFNOSUPPORT"));
        }

        /** Off for a phase of the test: the faults neither act nor count meanwhile. */
        @Test
        @InjectFault(syscalls = "write", path = "glob:**/journal.log", errno = "ENOSPC", nth = 2)
        void faultsSwitchedOffForAPhase(@TempDir Path dir, SyscallTrace trace) throws Exception {
            try (FileOutputStream journal = new FileOutputStream(dir.resolve("journal.log").toFile())) {
                journal.write('1');
                InjectedFaults.offDuring(() -> {
                    journal.write('2');
                    journal.write('3');
                    return null;
                });
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> journal.write('4'))
                        .hasMessageContaining("No space left on device");
                journal.write('5');
            }
            assertThat(Files.readString(dir.resolve("journal.log"))).isEqualTo("1235");
            assertThat(trace).injectedFaults().hasSize(1);
        }

        /** The harness's own files (the snapshot this assertion reads, the result) are never faulted. */
        @Test
        @InjectFault(syscalls = "read,pread64", path = "glob:/tmp/**", errno = "EIO")
        @InjectFault(syscalls = "rename", errno = "EIO")
        void theHarnessesFilesAreNeverFaulted(@TempDir Path dir, SyscallTrace trace) throws IOException {
            Path file = Files.writeString(dir.resolve("data"), "x");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Files.readString(file))
                    .hasMessageContaining("Input/output error");
            assertThat(trace).injectedFault("read", "EIO");
        }

        @Test
        @InjectFault(syscalls = "getpid", path = "glob:**", errno = "EIO")
        void aPathOnACallWithoutOne() {
        }
    }

    @TraceSyscalls
    @DenyNetwork(allow = "[::1]:*")
    static class DeniedClass {
        @Test
        void swallows() throws IOException {
            assertThat(connectSwallowing()).isFalse();
        }
    }

    /** A socket made in @BeforeEach, before the child's filter: its sends are checked all the same. */
    @TraceSyscalls
    static class SocketMadeBeforeTheRule {
        private java.net.DatagramSocket udp;

        @org.junit.jupiter.api.BeforeEach
        void makeTheSocket() throws IOException {
            udp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        }

        @org.junit.jupiter.api.AfterEach
        void close() {
            udp.close();
        }

        @Test
        @DenyNetwork(failTest = false)
        void itsSendIsDenied(SyscallTrace trace) {
            byte[] data = {1};
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> udp.send(new java.net.DatagramPacket(data, 1,
                    InetAddress.getLoopbackAddress(), udp.getLocalPort()))).hasMessageContaining("Network is unreachable");
            assertThat(trace).deniedCalls().singleElement().satisfies(e -> assertThat(e.errno()).contains("ENETUNREACH"));
        }
    }

    static class Untraced {
        @Test
        @DenyNetwork
        void deniesNothing() {
        }
    }

    @TraceSyscalls
    static class Plain {
        @Test
        void swallows() throws IOException {
            connectSwallowing();
        }
    }
}
