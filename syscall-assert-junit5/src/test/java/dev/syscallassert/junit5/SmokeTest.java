package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class SmokeTest {
    @Test
    void smoke() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Inner.class)).execute();
        results.allEvents().debug(System.out);
    }

    @TraceSyscalls(value = {}, syscalls = "openat,connect,socket,execve,clone,clone3,fork,vfork")
    static class Inner {
        @Test
        void opens(SyscallTrace trace) throws Exception {
            System.out.println("before: " + trace.events());
            Files.readAllBytes(Path.of("/etc/hostname"));
            System.out.println("after: " + trace.events());
            System.out.println("all: " + trace.allEvents());
            throw new org.opentest4j.AssertionFailedError("boom", "a", "b");
        }
    }
}
