package dev.syscallassert;

import dev.syscallassert.fixtures.CPrograms;
import dev.syscallassert.core.format.JsonLinesFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The events as a stream: each to the listener in order, on the events thread, the slow listener holding the tracee. */
class EventStreamTest {

    @Test
    void theListenerSeesEveryEventInTheTracersOrderOnTheEventsThread(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "calls", CPrograms.GETPPID_LOOP);
        List<TraceEvent> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        TraceResult result = Tracer.command(program.toString(), "3000")
                .onTraceEvent(e -> {
                    seen.add(e);
                    if (threads.isEmpty()) {
                        threads.add(Thread.currentThread().getName());
                    }
                })
                .timeout(Duration.ofSeconds(120))
                .run();
        // one thread: the order the calls completed is the order they began, so the listener's is the timeline's
        assertThat(seen.stream().map(JsonLinesFormat::format)).containsExactlyElementsOf(
                result.trace().allTimeline().stream().map(JsonLinesFormat::format).collect(Collectors.toList()));
        assertThat(seen).last().isInstanceOf(ProcessExit.class);
        assertThat(seen).filteredOn(e -> e instanceof SyscallEvent && ((SyscallEvent) e).syscall().equals("getppid"))
                .hasSize(3000);
        assertThat(threads).containsExactly("syscall-assert-events");
    }

    @Test
    void withoutRetainingTheResultIsEmptyAndTheListenerStillGetsEverything(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "calls", CPrograms.GETPPID_LOOP);
        AtomicLong calls = new AtomicLong();
        List<TraceEvent> last = new ArrayList<>();
        TraceResult result = Tracer.command(program.toString(), "2000")
                .retainEvents(false)
                .onTraceEvent(e -> {
                    if (e instanceof SyscallEvent && ((SyscallEvent) e).syscall().equals("getppid")) {
                        calls.incrementAndGet();
                    }
                    last.clear();
                    last.add(e);
                })
                .timeout(Duration.ofSeconds(120))
                .run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.trace().allTimeline()).isEmpty();
        assertThat(calls.get()).isEqualTo(2000);
        assertThat(last).singleElement().isInstanceOf(ProcessExit.class);
    }

    @Test
    void aSlowListenerHoldsTheTraceeButMissesNothing(@TempDir Path dir) throws Exception {
        // more events than the queue holds, each taking the listener 0.2 ms: the tracer must wait for room
        int n = 3 * 4096;
        Path program = CPrograms.compile(dir, "calls", CPrograms.GETPPID_LOOP);
        List<Long> starts = new ArrayList<>();
        TraceResult result = Tracer.command(program.toString(), Integer.toString(n))
                .trace("getppid")
                .retainEvents(false)
                .onEvent(e -> {
                    starts.add(e.startNanos());
                    LockSupport.parkNanos(200_000);
                })
                .timeout(Duration.ofSeconds(120))
                .run();
        assertThat(result.exitCode()).isZero();
        assertThat(starts).hasSize(n).isSorted();
        // held: the program could not get more than a queue's length ahead of the listener, so its calls are spread
        // over at least most of the listener's time (n * 0.2 ms)
        long spanNanos = starts.get(n - 1) - starts.get(0);
        assertThat(spanNanos).isGreaterThan((n - 2L * 4096) * 200_000L);
    }
}
