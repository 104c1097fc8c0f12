package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Addresses as /proc/net/tcp and tcp6 print them (32-bit words in host order), recorded on this machine's kernel. */
class ProcNetSocketsTest {

    @Test
    void decodesTheKernelsHexAddresses() {
        assertThat(ProcNetSockets.decode("0100007F:1F90")).isEqualTo("127.0.0.1:8080");
        assertThat(ProcNetSockets.decode("0000000000000000FFFF00000100007F:A619")).isEqualTo("127.0.0.1:42521");
        assertThat(ProcNetSockets.decode("00000000000000000000000001000000:0050")).isEqualTo("[::1]:80");
        assertThat(ProcNetSockets.decode("00000000000000000000000000000000:0016")).isEqualTo("[::]:22");
    }

    @Test
    void aSuccessfulListenLearnsItsAddressFromTheKernelsSocketTable() throws IOException {
        SyscallTable table = SyscallTable.current();
        SyscallDecoders decoders = new SyscallDecoders(table);
        int listen = table.requireNumber("listen");
        int pid = (int) ProcessHandle.current().pid();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String expected = "127.0.0.1:" + server.getLocalPort();
            String socket = socketsOfThisJvm().stream().filter(s -> expected.equals(ProcNetSockets.localAddress(pid, s)))
                    .findFirst().orElseThrow();
            FakeTracee tracee = new FakeTracee().pid(pid).fd(9, socket);

            DecodedCall d = decoders.decodeEntry(listen, new long[] {9, 1}, tracee);
            assertThat(d.address).as("not before the exit").isNull();
            decoders.decodeExit(listen, new long[] {9, 1}, 0, false, tracee, d);
            assertThat(d.address).isEqualTo(expected);
            assertThat(d.renderedArgs).containsExactly("9", "1");

            DecodedCall failed = decoders.decodeEntry(listen, new long[] {9, 1}, tracee);
            decoders.decodeExit(listen, new long[] {9, 1}, -98, true, tracee, failed);
            assertThat(failed.address).as("a failed listen listens on nothing").isNull();
        }
    }

    private static List<String> socketsOfThisJvm() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(link -> link.startsWith("socket:[")).collect(Collectors.toList());
        }
    }
}
