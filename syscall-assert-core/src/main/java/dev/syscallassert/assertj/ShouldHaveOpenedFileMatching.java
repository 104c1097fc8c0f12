package dev.syscallassert.assertj;

import dev.syscallassert.assertj.FileAccesses.Open;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code openedFileMatching}: none of the opened files matched; lists them all. */
final class ShouldHaveOpenedFileMatching extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveOpenedFileMatching(TraceSnapshot trace, String pattern,
                                                            List<Open> openedClosestFirst) {
        return new ShouldHaveOpenedFileMatching(trace, pattern, openedClosestFirst);
    }

    private ShouldHaveOpenedFileMatching(TraceSnapshot trace, String pattern, List<Open> opened) {
        super(trace, "%nExpecting the traced process to have opened a file matching%n  %s%n"
                        + "but none of the files it opened matches. Files it opened, closest first (" + opened.size()
                        + (opened.size() == 1 ? " entry" : " entries") + ", failed opens marked):%n%s",
                pattern, lines(opened, Render::opened));
    }
}
