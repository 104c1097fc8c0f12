package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code onlyOpenedFilesUnder}, {@code wroteNoFilesOutside}: the calls that reached outside the directories. */
final class ShouldOnlyAccessFilesUnder extends TraceErrorMessage {

    static ErrorMessageFactory shouldOnlyAccessFilesUnder(TraceSnapshot trace, String what, List<String> directories,
                                                          List<String> outside) {
        return new ShouldOnlyAccessFilesUnder(trace, what, directories, outside);
    }

    private ShouldOnlyAccessFilesUnder(TraceSnapshot trace, String what, List<String> directories,
                                       List<String> outside) {
        super(trace, "%nExpecting the traced process to have " + what + " only under%n  %s%n"
                        + "but " + (outside.size() == 1 ? "this call" : "these " + outside.size() + " calls")
                        + " went outside:%n%s",
                directories, lines(outside));
    }
}
