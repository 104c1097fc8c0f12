package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

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
}
