package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code noProcessSpawned}, {@code didNotSpawnProcess}: the forks and execs that happened. */
final class ShouldNotHaveSpawnedProcess extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveSpawnedAnyProcess(TraceSnapshot trace, List<String> calls) {
        return new ShouldNotHaveSpawnedProcess(trace, "to spawn no process", calls);
    }

    static ErrorMessageFactory shouldNotHaveSpawnedProcess(TraceSnapshot trace, String executable,
                                                           List<String> calls) {
        return new ShouldNotHaveSpawnedProcess(trace, "not to have executed%n  " + quoted(executable) + "%n", calls);
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
}
