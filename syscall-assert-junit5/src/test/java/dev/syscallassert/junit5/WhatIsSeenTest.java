package dev.syscallassert.junit5;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a traced test sees: nothing of the JVM's own work unless asked, and everything its code causes, whether Java,
 * native code or another process does it.
 */
class WhatIsSeenTest {

    @Test
    void jvmNoiseIsHiddenUnlessIncludedAndNativeCodeAndChildProcessesAreSeen() {
        Kit.assertAllPassed(Kit.run(Seen.class), 3);
    }

    /** Work that makes the JVM do I/O of its own: loads a class, collects garbage, compiles. */
    static int idleWork() throws InterruptedException {
        int sum = new LoadedLate().value();
        for (int i = 0; i < 200_000; i++) {
            sum += Integer.toString(i).hashCode();
        }
        System.gc();
        Thread.sleep(200);
        return sum;
    }

    static class LoadedLate {
        int value() {
            return 42;
        }
    }

    /** Loaded by {@link Seen#noiseCanBeIncluded} alone: a JVM loads a class once, and a worker runs both tests. */
    static class LoadedLateToo {
        int value() {
            return 43;
        }
    }

    /** libc, straight: these calls never pass through Java's I/O. */
    public interface C extends Library {
        C LIBC = Native.load("c", C.class);

        int open(String path, int flags);

        int close(int fd);

        int socket(int domain, int type, int protocol);
    }

    static class Seen {
        @Test
        @TraceSyscalls
        void anIdleTestSeesNothing(SyscallTrace trace) throws Exception {
            idleWork();
            assertThat(trace.events()).isEmpty();
            // the noise was there all along, only hidden: its class loading is in the full trace
            assertThat(Kit.paths(trace.allEvents())).anyMatch(p -> p.endsWith("WhatIsSeenTest$LoadedLate.class"));
        }

        @Test
        @TraceSyscalls(includeJvmNoise = true)
        void noiseCanBeIncluded(SyscallTrace trace) throws Exception {
            idleWork();
            assertThat(new LoadedLateToo().value()).isEqualTo(43);
            assertThat(Kit.paths(trace)).anyMatch(p -> p.endsWith("WhatIsSeenTest$LoadedLateToo.class"));
        }

        @Test
        @TraceSyscalls
        void nativeCodeChildProcessesAndSocketsAreSeen(SyscallTrace trace) throws Exception {
            long jvm = ProcessHandle.current().pid();
            int fd = C.LIBC.open("/etc/hostname", 0);
            C.LIBC.close(fd);
            int sock = C.LIBC.socket(2, 1, 0);
            C.LIBC.close(sock);
            Process cat = new ProcessBuilder("/bin/sh", "-c", "exec cat /etc/os-release > /dev/null").start();
            assertThat(cat.waitFor()).isZero();
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThat(client.isConnected()).isTrue();
            }
            List<SyscallEvent> events = trace.events();
            // JNA's own start (it unpacks and loads its library on first use) is the test's doing, and shown
            SyscallEvent hostname = events.stream()
                    .filter(e -> e.syscall().equals("openat") && e.path().filter("/etc/hostname"::equals).isPresent())
                    .findFirst().orElseThrow(() -> new AssertionError("no openat of /etc/hostname in " + events));
            assertThat(hostname.pid()).isEqualTo(jvm);
            String testThread = hostname.thread();
            List<SyscallEvent> onTestThread = events.stream()
                    .filter(e -> e.pid() == jvm && e.thread().equals(testThread)).collect(Collectors.toList());
            assertThat(onTestThread.get(onTestThread.indexOf(hostname) + 1).syscall()).as("JNA's socket()")
                    .isEqualTo("socket");
            assertThat(events).as("the shell and cat exec'd in another process")
                    .filteredOn(e -> e.syscall().equals("execve") && e.pid() != jvm).hasSizeGreaterThanOrEqualTo(2);
            assertThat(events).as("cat opened its file")
                    .anyMatch(e -> e.pid() != jvm && e.path().filter("/etc/os-release"::equals).isPresent());
            assertThat(events.stream().filter(e -> e.pid() == jvm && e.thread().equals(testThread))
                    .map(SyscallEvent::syscall).collect(Collectors.toList()))
                    .as("Java's sockets, from the test's thread").contains("socket", "bind", "connect");
        }
    }
}
