package dev.syscallassert.bench;

import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;

import java.time.Duration;

/**
 * How many bytes of heap one retained event takes: traces {@code PROGRAM ARGS} (a loop of file calls), keeping the
 * events, and divides the heap the result holds (used heap after full GCs, against the same before the trace) by its
 * events. Prints {@code events=N bytes_per_event=B heap_mb=M}. Run by bench/scale-benchmark.sh, with a given -Xmx.
 */
public final class RetainedBytes {
    private RetainedBytes() {
    }

    public static void main(String[] args) {
        // Load and warm up everything a trace needs, so that the baseline holds the tracer's own classes and tables.
        Tracer.command("/bin/true").sameCpu().timeout(Duration.ofMinutes(1)).run();
        long before = usedAfterGc();
        TraceResult result = Tracer.command(args).sameCpu().timeout(Duration.ofHours(2)).run();
        long after = usedAfterGc();
        int events = result.trace().allTimeline().size();
        System.out.printf("events=%d bytes_per_event=%.1f heap_mb=%.1f%n", events,
                (after - before) / (double) events, (after - before) / 1048576.0);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the program failed: " + result.exitCode());
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
