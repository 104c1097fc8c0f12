package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code onlyOpenedFilesUnder}, {@code wroteNoFilesOutside}: the calls that reached outside the directories. */
final class ShouldOnlyAccessFilesUnder extends TraceErrorMessage {

    static ErrorMessageFactory shouldOnlyHaveOpenedFilesUnder(TraceSnapshot trace, List<Path> directories,
                                                              Map<Path, SyscallEvent> outside) {
        return new ShouldOnlyAccessFilesUnder(trace, "opened files", directories, outside);
    }

    static ErrorMessageFactory shouldOnlyHaveChangedFilesUnder(TraceSnapshot trace, List<Path> directories,
                                                               Map<Path, SyscallEvent> outside) {
        return new ShouldOnlyAccessFilesUnder(trace, "changed files", directories, outside);
    }

    /** The directories as a list of strings, which AssertJ shows quoted: {@code ["/etc", "/lib"]}. */
    private ShouldOnlyAccessFilesUnder(TraceSnapshot trace, String what, List<Path> directories,
                                       Map<Path, SyscallEvent> outside) {
        super(trace, "%nExpecting the traced process to have " + what + " only under%n  %s%n"
                        + "but " + (outside.size() == 1 ? "this call" : "these " + outside.size() + " calls")
                        + " went outside:%n%s",
                directories.stream().map(Path::toString).collect(Collectors.toList()),
                lines(List.copyOf(outside.entrySet()), en -> Render.labelled(en.getKey(), en.getValue())));
    }
}
