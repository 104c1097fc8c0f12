package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot that the test JVM cannot write, or that the child cannot read, fails the test with what failed and why.
 * The fixtures break their own snapshot file for real: it is opened by name by the test JVM on the first snapshot, and
 * by the child before the test method begins.
 */
class SnapshotFailureTest {

    @Test
    void aSnapshotThatCannotBeWrittenOrReadFailsTheTestSayingWhy() {
        EngineExecutionResults results = Kit.run(BrokenSnapshots.class);
        results.testEvents().assertStatistics(s -> s.started(2).failed(2));

        Throwable notWritten = Kit.failureOf(results, "theTestJvmCannotWriteIt");
        assertThat(notWritten).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The tracer failed to snapshot the trace (errno 5)\n"
                        + "The test JVM could not write the trace snapshot /")
                .hasMessageContaining(snapshotFileName() + ": Is a directory")
                .hasMessageNotContaining("see the test JVM's output")
                .hasMessageContaining("Syscall trace of this test: ");
        assertThat(notWritten.getStackTrace()).as("where the test read its trace")
                .anyMatch(f -> f.getMethodName().equals("theTestJvmCannotWriteIt"));

        Throwable notRead = Kit.failureOf(results, "theChildCannotReadIt");
        assertThat(notRead).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot read the trace snapshot the tracer wrote to /")
                .hasMessageContaining(snapshotFileName() + ": the snapshot ended after 0 of ");
    }

    private static String snapshotFileName() {
        return WorkDirectory.at(Path.of("/")).snapshotFile().getFileName().toString();
    }

    @TraceSyscalls
    static class BrokenSnapshots {
        @Test
        void theTestJvmCannotWriteIt(SyscallTrace trace) throws IOException {
            Path snapshot = snapshotFile();
            Files.delete(snapshot);
            Files.createDirectory(snapshot);
            trace.events();
        }

        @Test
        void theChildCannotReadIt(SyscallTrace trace) throws IOException {
            // the test JVM writes a new file by that name; this JVM reads the deleted one it holds open
            Files.delete(snapshotFile());
            trace.events();
        }

        /** The snapshot file this JVM holds open, found among its descriptors. */
        private static Path snapshotFile() throws IOException {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                List<Path> open = fds.map(fd -> {
                    try {
                        return Files.readSymbolicLink(fd);
                    } catch (IOException gone) {
                        return fd; // the descriptor of the listing itself
                    }
                }).filter(p -> p.getFileName() != null && p.getFileName().toString().equals(snapshotFileName()))
                        .collect(Collectors.toList());
                assertThat(open).hasSize(1);
                return open.get(0);
            }
        }
    }
}
