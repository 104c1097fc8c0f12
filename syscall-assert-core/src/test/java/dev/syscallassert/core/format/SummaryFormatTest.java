package dev.syscallassert.core.format;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000087          14         6         1 total",
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
        // strace: the name column is one wider than the longest name
        assertThat(table).contains("--------- " + "-".repeat(25) + "\n");
    }

    private static final SyscallSummary SUMMARY = SyscallSummary.of(SyscallSummary.Clock.SYSTEM, List.of(
            new SyscallSummary.Entry("read", 0, 4, 0, 10_000, 1_000, 5_000),
            new SyscallSummary.Entry("openat", 257, 2, 2, 30_000, 10_000, 20_000),
            new SyscallSummary.Entry("close", 3, 6, 1, 6_000, 1_000, 1_000)));

    @Test
    void everyColumnInTheOrderGivenLikeStraceMinusU() {
        String table = SummaryFormat.format(SUMMARY, SummaryFormat.SortBy.NAME,
                SummaryFormat.Column.parse("max-time,min-time,avg-time,total-time,time,calls,errors"));
        assertThat(table).isEqualTo(String.join("\n",
                " longest shortest  usecs/call     seconds % time     calls    errors syscall",
                "-------- -------- ----------- ----------- ------ --------- --------- ----------------",
                "0.000001 0.000001           1    0.000006  13.04         6         1 close",
                "0.000020 0.000010          15    0.000030  65.22         2         2 openat",
                "0.000005 0.000001           2    0.000010  21.74         4           read",
                "-------- -------- ----------- ----------- ------ --------- --------- ----------------",
                "0.000020 0.000001           3    0.000046 100.00        12         3 total",
                ""));
    }

    @Test
    void sortsLikeStraceMinusS() {
        assertThat(order(SummaryFormat.SortBy.TIME)).containsExactly("openat", "read", "close");
        assertThat(order(SummaryFormat.SortBy.CALLS)).containsExactly("close", "read", "openat");
        assertThat(order(SummaryFormat.SortBy.ERRORS)).containsExactly("openat", "close", "read");
        assertThat(order(SummaryFormat.SortBy.MIN_TIME)).containsExactly("openat", "read", "close");
        assertThat(order(SummaryFormat.SortBy.MAX_TIME)).containsExactly("openat", "read", "close");
        assertThat(order(SummaryFormat.SortBy.AVG_TIME)).containsExactly("openat", "read", "close");
        assertThat(order(SummaryFormat.SortBy.NAME)).containsExactly("close", "openat", "read");
        assertThat(order(SummaryFormat.SortBy.NOTHING)).containsExactly("read", "close", "openat");
    }

    private static List<String> order(SummaryFormat.SortBy sort) {
        String[] lines = SummaryFormat.format(SUMMARY, sort, List.of(SummaryFormat.Column.NAME)).split("\n");
        return List.of(lines).subList(2, lines.length - 2);
    }

    @Test
    void parsesStracesNamesAndRejectsWhatStraceRejects() {
        assertThat(SummaryFormat.SortBy.parse("time_total")).isEqualTo(SummaryFormat.SortBy.TIME);
        assertThat(SummaryFormat.SortBy.parse("shortest")).isEqualTo(SummaryFormat.SortBy.MIN_TIME);
        assertThat(SummaryFormat.SortBy.parse("count")).isEqualTo(SummaryFormat.SortBy.CALLS);
        assertThat(SummaryFormat.SortBy.parse("syscall-name")).isEqualTo(SummaryFormat.SortBy.NAME);
        assertThat(SummaryFormat.SortBy.parse("none")).isEqualTo(SummaryFormat.SortBy.NOTHING);
        assertThatThrownBy(() -> SummaryFormat.SortBy.parse("help")).hasMessage("invalid sortby: 'help'");
        assertThat(SummaryFormat.Column.parse("calls")).containsExactly(SummaryFormat.Column.CALLS,
                SummaryFormat.Column.NAME);
        assertThat(SummaryFormat.Column.parse("syscall,time_percent")).containsExactly(SummaryFormat.Column.NAME,
                SummaryFormat.Column.TIME_PERCENT);
        assertThatThrownBy(() -> SummaryFormat.Column.parse("help")).hasMessage("unknown column name: 'help'");
        assertThatThrownBy(() -> SummaryFormat.Column.parse("none")).hasMessage("unknown column name: 'none'");
        assertThatThrownBy(() -> SummaryFormat.Column.parse("calls,time,count"))
                .hasMessage("call summary column has been provided more than once: 'count' (-U option residual: "
                        + "'count')");
    }
}
