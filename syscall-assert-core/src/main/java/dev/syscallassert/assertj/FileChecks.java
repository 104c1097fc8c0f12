package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.FileAccesses.Access;
import dev.syscallassert.assertj.FileAccesses.Open;
import dev.syscallassert.assertj.FileAccesses.Touch;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.ShouldHaveAccessedFile.shouldHaveAccessedFile;
import static dev.syscallassert.assertj.ShouldHaveOpenedFile.shouldHaveOpenedFile;
import static dev.syscallassert.assertj.ShouldHaveOpenedFileMatching.shouldHaveOpenedFileMatching;
import static dev.syscallassert.assertj.ShouldHaveRenamedFile.shouldHaveRenamedFile;
import static dev.syscallassert.assertj.ShouldNotHaveAccessedFile.shouldNotHaveOpenedFile;
import static dev.syscallassert.assertj.ShouldNotHaveAccessedFile.shouldNotHaveOpenedFileMatching;
import static dev.syscallassert.assertj.ShouldNotHaveAccessedFile.shouldNotHaveWrittenFile;
import static dev.syscallassert.assertj.ShouldOnlyAccessFilesUnder.shouldOnlyHaveChangedFilesUnder;
import static dev.syscallassert.assertj.ShouldOnlyAccessFilesUnder.shouldOnlyHaveOpenedFilesUnder;

/**
 * The file checks: which calls count, and on failure which candidates to show and in what order. Only successful
 * calls count; the failed ones are shown, since "it tried and got EACCES" is the likeliest answer to "why not".
 */
final class FileChecks {
    private FileChecks() {
    }

    static Check openedFile(String path) {
        Path expected = FilePaths.expected(path);
        return trace -> {
            List<Open> opens = FileAccesses.opens(trace.events());
            if (opens.stream().anyMatch(o -> o.succeeded() && o.path().equals(expected))) {
                return null;
            }
            List<SyscallEvent> failed = opens.stream().filter(o -> o.path().equals(expected)).map(Open::event)
                    .collect(Collectors.toList());
            return shouldHaveOpenedFile(trace, expected, failed,
                    Nearest.pathsClosestFirst(expected.toString(), distinctOpens(opens), o -> o.path().toString()));
        };
    }

    static Check didNotOpenFile(String path) {
        Path expected = FilePaths.expected(path);
        return trace -> {
            List<SyscallEvent> opens = FileAccesses.opens(trace.events()).stream()
                    .filter(o -> o.succeeded() && o.path().equals(expected)).map(Open::event)
                    .collect(Collectors.toList());
            return opens.isEmpty() ? null : shouldNotHaveOpenedFile(trace, expected, opens);
        };
    }

    static Check openedFileMatching(String pattern) {
        PathMatcher matcher = FilePaths.matcher(pattern);
        return trace -> {
            List<Open> opens = FileAccesses.opens(trace.events());
            if (opens.stream().anyMatch(o -> o.succeeded() && matcher.matches(o.path()))) {
                return null;
            }
            return shouldHaveOpenedFileMatching(trace, pattern,
                    Nearest.pathsClosestToPattern(pattern, distinctOpens(opens), o -> o.path().toString()));
        };
    }

    static Check openedNoFileMatching(String pattern) {
        PathMatcher matcher = FilePaths.matcher(pattern);
        return trace -> {
            List<Open> opens = FileAccesses.opens(trace.events()).stream()
                    .filter(o -> o.succeeded() && matcher.matches(o.path())).collect(Collectors.toList());
            return opens.isEmpty() ? null : shouldNotHaveOpenedFileMatching(trace, pattern, opens);
        };
    }

    /** readFile, wroteFile, createdFile, deletedFile: a successful call that touched the path that way. */
    static Check touched(String path, Access access) {
        Path expected = FilePaths.expected(path);
        return trace -> {
            List<SyscallEvent> events = trace.events();
            List<Touch> touches = FileAccesses.touches(events);
            if (touches.stream().anyMatch(t -> t.access() == access && t.succeeded() && t.path().equals(expected))) {
                return null;
            }
            // Why it did not count: the same path, touched in another way or by a call that failed.
            Set<SyscallEvent> samePath = new LinkedHashSet<>();
            FileAccesses.opens(events).stream().filter(o -> o.path().equals(expected))
                    .forEach(o -> samePath.add(o.event()));
            touches.stream().filter(t -> t.path().equals(expected)).forEach(t -> samePath.add(t.event()));
            Map<Path, Touch> candidates = new LinkedHashMap<>();
            touches.stream().filter(t -> t.access() == access && t.succeeded())
                    .forEach(t -> candidates.putIfAbsent(t.path(), t));
            List<Touch> closest = Nearest.pathsClosestFirst(expected.toString(),
                    new ArrayList<>(candidates.values()), t -> t.path().toString());
            return shouldHaveAccessedFile(trace, access, expected, new ArrayList<>(samePath),
                    closest.stream().map(Touch::path).collect(Collectors.toList()));
        };
    }

    static Check didNotWriteFile(String path) {
        Path expected = FilePaths.expected(path);
        return trace -> {
            List<SyscallEvent> writes = FileAccesses.touches(trace.events()).stream()
                    .filter(t -> t.access() == Access.WRITE && t.succeeded() && t.path().equals(expected))
                    .map(Touch::event).collect(Collectors.toList());
            return writes.isEmpty() ? null : shouldNotHaveWrittenFile(trace, expected, writes);
        };
    }

    static Check renamedFile(String from, String to) {
        Path expectedFrom = FilePaths.expected(from);
        Path expectedTo = FilePaths.expected(to);
        return trace -> {
            List<SyscallEvent> renames = FileAccesses.renames(trace.events());
            for (SyscallEvent e : renames) {
                if (e.succeeded() && expectedFrom.equals(FilePaths.actual(e.path().orElse(null)))
                        && expectedTo.equals(FilePaths.actual(e.path2().orElse(null)))) {
                    return null;
                }
            }
            return shouldHaveRenamedFile(trace, expectedFrom, expectedTo, Nearest.pathsClosestFirst(
                    expectedFrom + " -> " + expectedTo, renames, FileAccesses::renamePair));
        };
    }

    static Check onlyOpenedFilesUnder(String... directories) {
        List<Path> dirs = directories(directories);
        return trace -> {
            Map<Path, SyscallEvent> outside = new LinkedHashMap<>();
            for (Open o : FileAccesses.opens(trace.events())) {
                if (o.succeeded() && dirs.stream().noneMatch(d -> FilePaths.isUnder(o.path(), d))) {
                    outside.putIfAbsent(o.path(), o.event());
                }
            }
            return outside.isEmpty() ? null : shouldOnlyHaveOpenedFilesUnder(trace, dirs, outside);
        };
    }

    static Check wroteNoFilesOutside(String... directories) {
        List<Path> dirs = directories(directories);
        return trace -> {
            Map<Path, SyscallEvent> outside = new LinkedHashMap<>();
            for (Touch t : FileAccesses.touches(trace.events())) {
                if (t.access() != Access.READ && t.succeeded() && !FilePaths.isDeviceSink(t.path())
                        && dirs.stream().noneMatch(d -> FilePaths.isUnder(t.path(), d))) {
                    outside.putIfAbsent(t.path(), t.event());
                }
            }
            return outside.isEmpty() ? null : shouldOnlyHaveChangedFilesUnder(trace, dirs, outside);
        };
    }

    private static List<Path> directories(String... directories) {
        Objects.requireNonNull(directories, "directories");
        if (directories.length == 0) {
            throw new IllegalArgumentException("Give at least one directory");
        }
        return Arrays.stream(directories).map(FilePaths::expected).collect(Collectors.toList());
    }

    /** One entry per distinct path and outcome: a file opened a hundred times is one candidate. */
    private static List<Open> distinctOpens(List<Open> opens) {
        Map<PathOutcome, Open> distinct = new LinkedHashMap<>();
        for (Open o : opens) {
            distinct.putIfAbsent(new PathOutcome(o.path(), o.event().finished(), o.event().errno()), o);
        }
        return new ArrayList<>(distinct.values());
    }

    /** What tells two opens apart in a message: the path, and succeeded, failed with which errno, or unfinished. */
    private record PathOutcome(Path path, boolean finished, Optional<String> errno) {
    }
}
