package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.ProcessCreations.Spawn;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;
import java.util.stream.Collectors;

/** {@code noProcessSpawned}, {@code didNotSpawnProcess}: the forks and execs that happened. */
final class ShouldNotHaveSpawnedProcess extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveSpawnedAnyProcess(TraceSnapshot trace, List<Spawn> spawns) {
        return new ShouldNotHaveSpawnedProcess(trace, "to spawn no process",
                spawns.stream().map(ShouldNotHaveSpawnedProcess::line).collect(Collectors.toList()));
    }

    static ErrorMessageFactory shouldNotHaveSpawnedProcess(TraceSnapshot trace, String executable,
                                                           List<SyscallEvent> execs) {
        return new ShouldNotHaveSpawnedProcess(trace, "not to have executed%n  " + quoted(executable) + "%n",
                execs.stream().map(Render::call).collect(Collectors.toList()));
    }

    /** Into the format itself: the text is escaped, and a file name holding '%' stays readable. */
    private static String quoted(String text) {
        return "\"" + text.replace("%", "%%") + "\"";
    }

    private ShouldNotHaveSpawnedProcess(TraceSnapshot trace, String expectation, List<String> calls) {
        super(trace, "%nExpecting the traced process " + expectation + (expectation.endsWith("%n") ? "but" : ", but")
                + " it made "
                + (calls.size() == 1 ? "this call" : "these " + calls.size() + " calls") + ":%n%s", lines(calls));
    }

    /** An exec as it is; a fork-like call with how it made a process rather than a thread. */
    private static String line(Spawn s) {
        String call = Render.call(s.event());
        switch (s.creation()) {
            case EXEC: return call;
            case FORK: return call + "  <- " + s.event().syscall();
            case CLONE_WITHOUT_THREAD: return call + "  <- clone without CLONE_THREAD";
            case CLONE3_WITHOUT_THREAD: return call + "  <- clone3 without CLONE_THREAD";
            case CLONE3_CHILD_IS_PROCESS: return call + "  <- clone3 (the child is a process)";
            default: return call + "  <- clone3 (flags unreadable)";
        }
    }
}
