package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/**
 * {@code readFile}, {@code wroteFile}, {@code createdFile}, {@code deletedFile}: what else happened to that path
 * (opened, but not for writing; deleted, but the call failed), then the paths touched that way, closest first.
 */
final class ShouldHaveAccessedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveAccessedFile(TraceSnapshot trace, String participle, String past,
                                                      String expected, List<String> samePath,
                                                      List<String> closestFirst) {
        return new ShouldHaveAccessedFile(trace, participle, past, expected, samePath, closestFirst);
    }

    private ShouldHaveAccessedFile(TraceSnapshot trace, String participle, String past, String expected,
                                   List<String> samePath, List<String> closestFirst) {
        super(trace, "%nExpecting the traced process to have " + participle + "%n  %s%nbut it did not."
                        + (samePath.isEmpty() ? "%s" : "%nCalls on that path that do not count:%n%s")
                        + "%nFiles it " + past + ", closest first:%n%s",
                expected, samePath.isEmpty() ? text("") : lines(samePath), lines(closestFirst));
    }
}
