package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.FileAccesses.Open;
import org.assertj.core.error.ErrorMessageFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** {@code didNotOpenFile}, {@code didNotWriteFile}, {@code openedNoFileMatching}: the calls that did it. */
final class ShouldNotHaveAccessedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveOpenedFile(TraceSnapshot trace, Path path, List<SyscallEvent> opens) {
        return new ShouldNotHaveAccessedFile(trace, "opened", path.toString(),
                opens.stream().map(Render::call).collect(Collectors.toList()));
    }

    /** Each open under the path it opened, since the pattern does not say which file it was. */
    static ErrorMessageFactory shouldNotHaveOpenedFileMatching(TraceSnapshot trace, String pattern,
                                                               List<Open> opens) {
        return new ShouldNotHaveAccessedFile(trace, "opened a file matching", pattern,
                opens.stream().map(o -> Render.labelled(o.path(), o.event())).collect(Collectors.toList()));
    }

    /** Each distinct call line once. */
    static ErrorMessageFactory shouldNotHaveWrittenFile(TraceSnapshot trace, Path path, List<SyscallEvent> writes) {
        return new ShouldNotHaveAccessedFile(trace, "written", path.toString(),
                writes.stream().map(Render::call).distinct().collect(Collectors.toList()));
    }

    private ShouldNotHaveAccessedFile(TraceSnapshot trace, String verb, String expected, List<String> calls) {
        super(trace, "%nExpecting the traced process not to have " + verb + "%n  %s%nbut it did, "
                        + (calls.size() == 1 ? "once" : calls.size() + " times") + ":%n%s",
                expected, lines(calls));
    }
}
