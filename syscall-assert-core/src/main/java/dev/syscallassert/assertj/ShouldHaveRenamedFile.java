package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code renamedFile}: the renames that were made, closest first. */
final class ShouldHaveRenamedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveRenamedFile(TraceSnapshot trace, String from, String to,
                                                     List<String> renames) {
        return new ShouldHaveRenamedFile(trace, from, to, renames);
    }

    private ShouldHaveRenamedFile(TraceSnapshot trace, String from, String to, List<String> renames) {
        super(trace, "%nExpecting the traced process to have renamed%n  %s%nto%n  %s%nbut it did not. "
                        + "Renames it made, closest first:%n%s",
                from, to, lines(renames));
    }
}
