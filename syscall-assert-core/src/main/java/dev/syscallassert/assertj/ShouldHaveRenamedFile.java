package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.nio.file.Path;
import java.util.List;

/** {@code renamedFile}: the renames that were made, closest first. */
final class ShouldHaveRenamedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveRenamedFile(TraceSnapshot trace, Path from, Path to,
                                                     List<SyscallEvent> renamesClosestFirst) {
        return new ShouldHaveRenamedFile(trace, from, to, renamesClosestFirst);
    }

    private ShouldHaveRenamedFile(TraceSnapshot trace, Path from, Path to, List<SyscallEvent> renames) {
        super(trace, "%nExpecting the traced process to have renamed%n  %s%nto%n  %s%nbut it did not. "
                        + "Renames it made, closest first:%n%s",
                from.toString(), to.toString(), lines(renames,
                        e -> FileAccesses.renamePair(e) + Render.outcome(e) + "  " + Render.call(e)));
    }
}
