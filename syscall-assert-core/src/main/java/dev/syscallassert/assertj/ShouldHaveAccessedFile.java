package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.FileAccesses.Access;
import org.assertj.core.error.ErrorMessageFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code readFile}, {@code wroteFile}, {@code createdFile}, {@code deletedFile}: what else happened to that path
 * (opened, but not for writing; deleted, but the call failed), then the paths touched that way, closest first.
 */
final class ShouldHaveAccessedFile extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveAccessedFile(TraceSnapshot trace, Access access, Path expected,
                                                      List<SyscallEvent> samePath, List<Path> closestFirst) {
        return new ShouldHaveAccessedFile(trace, access, expected, samePath, closestFirst);
    }

    private ShouldHaveAccessedFile(TraceSnapshot trace, Access access, Path expected, List<SyscallEvent> samePath,
                                   List<Path> closestFirst) {
        super(trace, "%nExpecting the traced process to have " + participle(access) + "%n  %s%nbut it did not."
                        + (samePath.isEmpty() ? "%s" : "%nCalls on that path that do not count:%n%s")
                        + "%nFiles it " + past(access) + ", closest first:%n%s",
                expected.toString(), samePath.isEmpty() ? text("") : lines(samePath, ShouldHaveAccessedFile::withMode),
                lines(closestFirst, Path::toString));
    }

    /** An open is shown with the mode it asked for, which is why it did not count. */
    private static String withMode(SyscallEvent e) {
        return Render.call(e) + OpenMode.of(e).map(m -> "  (" + m.describe() + ")").orElse("");
    }

    private static String participle(Access access) {
        switch (access) {
            case READ: return "read";
            case WRITE: return "written";
            case CREATE: return "created";
            default: return "deleted";
        }
    }

    private static String past(Access access) {
        return access == Access.WRITE ? "wrote" : participle(access);
    }
}
