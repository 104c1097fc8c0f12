package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code openedFile}: shows the failed attempts at that path, then the files that were opened, closest first. */
final class ShouldHaveOpenedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveOpenedFile(TraceSnapshot trace, String expected, List<String> failedAttempts,
                                                    List<String> openedClosestFirst) {
        return new ShouldHaveOpenedFile(trace, expected, failedAttempts, openedClosestFirst);
    }

    private ShouldHaveOpenedFile(TraceSnapshot trace, String expected, List<String> failedAttempts,
                                 List<String> opened) {
        super(trace, "%nExpecting the traced process to have opened%n  %s%nbut it did not."
                        + (failedAttempts.isEmpty() ? "%s" : "%nIt tried, and the open failed:%n%s")
                        + "%nFiles it opened, closest first (%s):%n%s",
                expected,
                failedAttempts.isEmpty() ? text("") : lines(failedAttempts),
                text(opened.size() + (opened.size() == 1 ? " entry" : " entries") + ", failed opens marked"),
                lines(opened));
    }
}
