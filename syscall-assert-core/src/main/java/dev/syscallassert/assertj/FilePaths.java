package dev.syscallassert.assertj;

import dev.syscallassert.ByteStrings;

import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.Objects;

/**
 * Path handling shared by the file checks: both sides are compared absolute and normalised, as {@link Path}s that hold
 * the file name's very bytes (see {@link ByteStrings}), so that a name that is not UTF-8 matches exactly itself and a
 * name that is UTF-8 matches even where {@code sun.jnu.encoding} is not (LANG unset).
 */
final class FilePaths {
    private FilePaths() {
    }

    /**
     * A path the user wrote, made absolute against this JVM's working directory (which is the traced command's too,
     * unless the tracer was given another one) and normalised; symbolic links are not resolved, like the engine.
     */
    static Path expected(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("The path is empty");
        }
        try {
            return ByteStrings.path(path).normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a path: \"" + path + "\"", e);
        }
    }

    /**
     * A {@link Path} argument as the String checks take it: its very bytes as the events carry them
     * ({@link ByteStrings#of}), not its {@code toString()}, which shows U+FFFD for a name that is not UTF-8. The one
     * place where a Path (and through it a {@link File}) becomes the text a check compares.
     */
    static String pathText(Path path) {
        return text(Objects.requireNonNull(path, "path"));
    }

    static String pathText(File file) {
        return pathText(Objects.requireNonNull(file, "path").toPath());
    }

    static String[] pathTexts(Path... paths) {
        return Arrays.stream(Objects.requireNonNull(paths, "directories")).map(FilePaths::pathText)
                .toArray(String[]::new);
    }

    static String[] pathTexts(File... files) {
        return Arrays.stream(Objects.requireNonNull(files, "directories")).map(FilePaths::pathText)
                .toArray(String[]::new);
    }

    /**
     * A {@link Path} the user gave (the Path and File overloads: {@code file.toPath()}), made absolute against this
     * JVM's working directory and normalised. It keeps its bytes: a Path that {@code Files.list} returned for a name
     * that is not UTF-8 matches the event of that name, though its {@code toString()} shows U+FFFD.
     *
     * @throws IllegalArgumentException for a path of another file system than the default one
     */
    static Path expected(Path path) {
        Objects.requireNonNull(path, "path");
        if (path.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("Not a path of the default file system: " + path);
        }
        if (path.toString().isEmpty()) {
            throw new IllegalArgumentException("The path is empty");
        }
        return path.toAbsolutePath().normalize();
    }

    /** The text of a path as the events carry it ({@link ByteStrings#of}): for lists handed to the user. */
    static String text(Path path) {
        return ByteStrings.of(path);
    }

    /**
     * A path recorded in an event. The engine already makes them absolute; normalising again keeps a decoder's
     * "/a/./b" from missing "/a/b". Returns null for text that is not a file path ("pipe:[123]", "socket:[9]").
     */
    static Path actual(String path) {
        if (path == null || path.isEmpty() || !path.startsWith("/")) {
            return null;
        }
        try {
            return ByteStrings.path(path).normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A {@link PathMatcher}; a pattern without {@code glob:} or {@code regex:} is taken as a glob. */
    static PathMatcher matcher(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String p = pattern.startsWith("glob:") || pattern.startsWith("regex:") ? pattern : "glob:" + pattern;
        try {
            return FileSystems.getDefault().getPathMatcher(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a path pattern: \"" + pattern + "\" (" + e.getMessage() + ")", e);
        }
    }

    static boolean isUnder(Path path, Path directory) {
        return path.startsWith(directory);
    }

    /**
     * Writes to these go nowhere a test would care about; counting them as "files written" would make
     * {@code wroteNoFilesOutside} fail for every program that prints to a terminal or discards output.
     */
    static boolean isDeviceSink(Path path) {
        String p = path.toString();
        return p.equals("/dev/null") || p.equals("/dev/tty") || p.startsWith("/dev/pts/") || p.equals("/dev/stdout")
                || p.equals("/dev/stderr") || p.equals("/dev/console");
    }
}
