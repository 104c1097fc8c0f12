package dev.syscallassert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** strace -c's system time per call, from the rusage of the wait at each stop, on a real program. */
class SystemTimeTest {

    private static final List<String> STAT_LOOP =
            List.of("/bin/sh", "-c", "i=0; while [ $i -lt 300 ]; do [ -e /etc/hostname ]; i=$((i+1)); done; exit 2");

    @Test
    void everyReturnedCallIsCountedWithTheSystemTimeItTook() {
        TraceResult result = Tracer.command(STAT_LOOP).countSystemTime().run();
        SyscallSummary summary = result.systemTimes().orElseThrow();
        assertThat(summary.clock()).isEqualTo(SyscallSummary.Clock.SYSTEM);
        // the same calls and errors as the events, the calls that never returned (exit_group) left out, as strace
        Map<String, Long> calls = summary.entries().stream()
                .collect(Collectors.toMap(SyscallSummary.Entry::syscall, SyscallSummary.Entry::calls));
        Map<String, Long> returned = result.trace().events().stream().filter(SyscallEvent::finished)
                .collect(Collectors.groupingBy(SyscallEvent::syscall, Collectors.counting()));
        assertThat(calls).isEqualTo(returned).doesNotContainKey("exit_group");
        assertThat(calls.get("newfstatat")).isGreaterThanOrEqualTo(300L);
        Map<String, SyscallSummary.Entry> byName = summary.entries().stream()
                .collect(Collectors.toMap(SyscallSummary.Entry::syscall, Function.identity()));
        assertThat(byName.get("newfstatat").errors()).isZero();
        assertThat(summary.entries()).allSatisfy(e -> {
            assertThat(e.minNanos()).isBetween(0L, e.maxNanos());
            assertThat(e.totalNanos()).isBetween(e.maxNanos(), e.maxNanos() * e.calls());
            // the rusage counts whole microseconds
            assertThat(e.totalNanos() % 1000).isZero();
        });
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void notCountedUnlessAsked() {
        TraceResult result = Tracer.command("/bin/true").run();
        assertThat(result.systemTimes()).isEmpty();
        assertThat(SyscallSummary.wallClock(result.trace().events()).entries()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.totalNanos()).isPositive());
    }
}
