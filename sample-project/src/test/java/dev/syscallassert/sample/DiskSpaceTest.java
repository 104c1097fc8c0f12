package dev.syscallassert.sample;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@TraceSyscalls
class DiskSpaceTest {

    @Test
    void checksFreeSpaceWithoutSpawningAShell(@TempDir Path dir, SyscallTrace trace) throws IOException {
        assertThat(DiskSpace.hasRoomFor(dir, 1)).isTrue();
        assertThat(trace).noProcessSpawned();
    }
}
