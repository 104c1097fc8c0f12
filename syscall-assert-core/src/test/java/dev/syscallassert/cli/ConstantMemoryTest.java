package dev.syscallassert.cli;

import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.CPrograms;
import dev.syscallassert.fixtures.CliProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI keeps nothing per event: a trace of 200,000 calls completes in a 16 MB heap (kept, the events of such a
 * trace took about 150 MB). The 1,000,000 and 10,000,000-call runs are in bench/scale-benchmark.sh: at tens of
 * microseconds per stop they take minutes.
 */
class ConstantMemoryTest {
    private static final int CALLS = 200_000;
    private static final Pattern GETPPID = Pattern.compile("\\d+ +getppid\\(\\) += ");
    private static final List<String> SMALL_HEAP = List.of("-Xmx16m", "-XX:+UseSerialGC");

    @Test
    void aLongTraceWrittenToAFileNeedsNoMoreHeapThanAShortOne(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "calls", CPrograms.GETPPID_LOOP);
        Path out = dir.resolve("trace.txt");
        Path err = dir.resolve("err.txt");
        Process cli = CliProcess.start(SMALL_HEAP, List.of("--same-cpu", "-o", out.toString(), "--",
                program.toString(), Integer.toString(CALLS)), err);
        assertThat(BoundedWait.endedWithin(cli, 300)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(err)).isZero();
        long getppid = 0;
        String last = null;
        try (BufferedReader lines = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (GETPPID.matcher(line).lookingAt()) { // after its pid and padded to column 40, as strace -f -o
                    getppid++;
                }
                last = line;
            }
        }
        assertThat(getppid).isEqualTo(CALLS);
        assertThat(last).matches("\\d+ +\\+\\+\\+ exited with 0 \\+\\+\\+");
    }

    @Test
    void aWallClockSummaryOfALongTraceCountsEveryCallInASmallHeap(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "calls", CPrograms.GETPPID_LOOP);
        Path out = dir.resolve("summary.txt");
        Process cli = CliProcess.start(SMALL_HEAP, List.of("--same-cpu", "-c", "-w", "-o", out.toString(), "--",
                program.toString(), Integer.toString(CALLS)), dir.resolve("err.txt"));
        assertThat(BoundedWait.endedWithin(cli, 300)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(Files.readString(out)).containsPattern("\\s" + CALLS + "\\s+getppid\\n");
    }
}
