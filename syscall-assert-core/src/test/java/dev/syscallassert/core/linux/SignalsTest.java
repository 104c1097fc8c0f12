package dev.syscallassert.core.linux;

import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SignalsTest {

    @Test
    void namesSignalsAsStraceDoes() {
        assertThat(Signals.name(9)).isEqualTo("SIGKILL");
        assertThat(Signals.name(Signals.SIGSTOP)).isEqualTo("SIGSTOP");
        assertThat(Signals.name(31)).isEqualTo("SIGSYS");
        assertThat(Signals.name(32)).isEqualTo("SIGRTMIN");
        assertThat(Signals.name(33)).isEqualTo("SIGRT_1");
        assertThat(Signals.name(64)).isEqualTo("SIGRT_32");
        assertThat(Signals.name(65)).isEqualTo("SIG65");
        assertThat(Signals.number("SIGTERM")).isEqualTo(15);
    }

    /** Real-time signals are numbered from the kernel's SIGRTMIN (32), not glibc's (34): compared with strace. */
    @Test
    void realTimeSignalNamesMatchStrace() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Process p = new ProcessBuilder("strace", "-e", "trace=kill", "-e", "signal=none", "/usr/bin/python3", "-c",
                "import os, signal; signal.signal(34, lambda *a: None); os.kill(os.getpid(), 34)")
                .redirectErrorStream(true).start();
        String out = BoundedWait.outputWithin(p, 30);
        assertThat(out).contains(", " + Signals.name(34) + ")");
    }

    /** strace's signal table ends with the kernel's SIGRTMIN (32), which it prints by that name. */
    @Test
    void theFirstRealTimeSignalIsSigrtminAsInStrace() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        // sent to a child (glibc will not let a process handle its own 32 and 33): the first kills it, the second
        // reaches its zombie. A child of a JVM's ProcessBuilder has both ignored (SigIgn 0x180000000, and glibc's
        // sigaction cannot reset them), so there the sleep outlives the signals: a short one, not to wait 30 s.
        Process p = new ProcessBuilder("strace", "-e", "trace=kill", "-e", "signal=none", "/usr/bin/python3", "-c",
                "import os, subprocess; c = subprocess.Popen(['sleep', '2']);"
                        + " os.kill(c.pid, 32); os.kill(c.pid, 33); c.wait()")
                .redirectErrorStream(true).start();
        String out = BoundedWait.outputWithin(p, 30);
        assertThat(out).contains(", " + Signals.name(32) + ")").contains(", " + Signals.name(33) + ")");
    }
}
