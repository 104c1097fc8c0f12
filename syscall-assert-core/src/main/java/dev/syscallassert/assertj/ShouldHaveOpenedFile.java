package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.FileAccesses.Open;
import org.assertj.core.error.ErrorMessageFactory;

import java.nio.file.Path;
import java.util.List;

/** {@code openedFile}: shows the failed attempts at that path, then the files that were opened, closest first. */
final class ShouldHaveOpenedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveOpenedFile(TraceSnapshot trace, Path expected,
                                                    List<SyscallEvent> failedAttempts,
                                                    List<Open> openedClosestFirst) {
        return new ShouldHaveOpenedFile(trace, expected, failedAttempts, openedClosestFirst);
    }

    private ShouldHaveOpenedFile(TraceSnapshot trace, Path expected, List<SyscallEvent> failedAttempts,
                                 List<Open> opened) {
        super(trace, "%nExpecting the traced process to have opened%n  %s%nbut it did not."
                        + (failedAttempts.isEmpty() ? "%s" : "%nIt tried, and the open failed:%n%s")
                        + "%nFiles it opened, closest first (%s):%n%s",
                expected.toString(),
                failedAttempts.isEmpty() ? text("") : lines(failedAttempts, Render::call),
                text(opened.size() + (opened.size() == 1 ? " entry" : " entries") + ", failed opens marked"),
                lines(opened, Render::opened));
    }
}
