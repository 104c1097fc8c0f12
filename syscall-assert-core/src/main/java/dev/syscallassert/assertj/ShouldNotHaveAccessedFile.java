package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code didNotOpenFile}, {@code didNotWriteFile}, {@code openedNoFileMatching}: the calls that did it. */
final class ShouldNotHaveAccessedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveAccessedFile(TraceSnapshot trace, String verb, String expected,
                                                         List<String> calls) {
        return new ShouldNotHaveAccessedFile(trace, verb, expected, calls);
    }

    private ShouldNotHaveAccessedFile(TraceSnapshot trace, String verb, String expected, List<String> calls) {
        super(trace, "%nExpecting the traced process not to have " + verb + "%n  %s%nbut it did, "
                        + (calls.size() == 1 ? "once" : calls.size() + " times") + ":%n%s",
                expected, lines(calls));
    }
}
