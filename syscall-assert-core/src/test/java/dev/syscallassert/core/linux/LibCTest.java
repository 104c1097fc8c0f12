package dev.syscallassert.core.linux;

import dev.syscallassert.core.xlat.Constants;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's own JNI calls: their results and the errno each saves, on this JVM's own process. */
class LibCTest {

    @Test
    void aFailedCallLeavesItsErrnoForTheSameThread() {
        byte[] path = "/no/such/file\0".getBytes(StandardCharsets.US_ASCII);
        NativeMemory link = new NativeMemory(path.length);
        link.write(0, path, 0, path.length);
        NativeMemory target = new NativeMemory(64);
        assertThat(LibC.readlink(link.address(), target.address(), target.size())).isEqualTo(-1);
        assertThat(Constants.errnoName(LibC.errno())).isEqualTo("ENOENT");
        assertThat(LibC.kill(Integer.MAX_VALUE, 0)).isEqualTo(-1);
        assertThat(Constants.errnoName(LibC.errno())).isEqualTo("ESRCH");
    }

    @Test
    void plainCallsAnswerAsTheKernelDoes() {
        assertThat((long) LibC.getpid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(LibC.kill(LibC.getpid(), 0)).isZero();
        assertThat(LibC.strerror(2)).isEqualTo("No such file or directory");
        assertThat(LibC.strerror(9999)).isEqualTo("Unknown error 9999");
    }
}
