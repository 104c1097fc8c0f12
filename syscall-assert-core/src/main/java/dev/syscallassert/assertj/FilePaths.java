package dev.syscallassert.assertj;

import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.Objects;

/** Path handling shared by the file checks: both sides are compared absolute and normalised. */
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
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Not a path: \"" + path + "\"", e);
        }
    }

    /**
     * A {@link Path} argument as the String checks take it. The one place where a Path (and through it a
     * {@link File}) becomes the text a check compares, so that both kinds of argument are normalised alike.
     */
    static String pathText(Path path) {
        return Objects.requireNonNull(path, "path").toString();
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
     * A path recorded in an event. The engine already makes them absolute; normalising again keeps a decoder's
     * "/a/./b" from missing "/a/b". Returns null for text that is not a file path ("pipe:[123]", "socket:[9]").
     */
    static Path actual(String path) {
        if (path == null || path.isEmpty() || !path.startsWith("/")) {
            return null;
        }
        try {
            return Path.of(path).normalize();
        } catch (InvalidPathException e) {
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
