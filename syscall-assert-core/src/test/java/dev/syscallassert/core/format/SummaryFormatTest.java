package dev.syscallassert.core.format;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryFormatTest {

    private static SyscallEvent event(String name, int nr, long nanos, boolean failed) {
        SyscallEvent.Builder b = SyscallEvent.builder().syscall(name).number(nr).startNanos(1_000_000L).endNanos(1_000_000L + nanos);
        return failed ? b.returnValue(-1).errno("ENOENT").build() : b.build();
    }

    @Test
    void tableLikeStraceMinusC() {
        List<SyscallEvent> events = new ArrayList<>();
        events.add(event("socket", 41, 60_000, false));
        events.add(event("getsockname", 51, 9_000, false));
        events.add(event("getsockname", 51, 9_000, false));
        events.add(event("getsockname", 51, 9_000, true));
        events.add(event("close", 3, 0, false));
        events.add(event("read", 0, 0, false));
        events.add(SyscallEvent.builder().syscall("exit_group").number(231).startNanos(5).endNanos(5).finished(false).build());
        events.add(event("hidden", 999, 1_000_000_000, false).toBuilder().harness(true).build());

        String table = SummaryFormat.format(SyscallTrace.of(events));
        assertThat(table).isEqualTo(String.join("\n",
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 68.97    0.000060          60         1           socket",
                " 31.03    0.000027           9         3         1 getsockname",
                "  0.00    0.000000           0         1           read",
                "  0.00    0.000000           0         1           close",
                "  0.00    0.000000           0         1           exit_group",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000087          12         7         1 total",
                ""));
    }

    @Test
    void rowsAndEmptyTrace() {
        List<SummaryFormat.Row> rows = SummaryFormat.rows(List.of(event("a", 1, 2_500, false), event("a", 1, 1_000, true)));
        assertThat(rows).containsExactly(new SummaryFormat.Row("a", 1, 3_500, 2, 1));
        assertThat(rows.get(0).usecsPerCall()).isEqualTo(1);
        assertThat(SummaryFormat.format(SyscallTrace.empty())).endsWith("100.00    0.000000           0         0           total\n");
    }

    @Test
    void longNamesWidenTheRule() {
        String table = SummaryFormat.format(List.of(event("a_very_long_syscall_name", 1, 1000, false)));
        assertThat(table).contains("--------- " + "-".repeat(24) + "\n");
    }
}
