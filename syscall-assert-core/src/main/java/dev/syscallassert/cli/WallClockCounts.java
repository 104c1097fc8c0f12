package dev.syscallassert.cli;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.TraceEvent;

import java.util.function.Consumer;

/**
 * The {@code -c -w} table's counters, kept as the calls come rather than from a retained trace, so that a summary of
 * any number of calls takes the memory of one row per syscall: each call that returned, timed from its entry to its
 * exit stop, as {@link SyscallSummary#wallClock} counts them. Fed on the trace's events thread; read after the trace
 * has been awaited (which happens after the last event reached it).
 */
final class WallClockCounts implements Consumer<TraceEvent> {
    private final SyscallSummary.Accumulator counts = new SyscallSummary.Accumulator(SyscallSummary.Clock.WALL);

    @Override
    public void accept(TraceEvent event) {
        if (event instanceof SyscallEvent) {
            SyscallEvent e = (SyscallEvent) event;
            if (e.finished()) {
                counts.add(e.syscall(), e.number(), e.endNanos() - e.startNanos(), e.failed());
            }
        }
    }

    SyscallSummary summary() {
        return counts.summary();
    }
}
