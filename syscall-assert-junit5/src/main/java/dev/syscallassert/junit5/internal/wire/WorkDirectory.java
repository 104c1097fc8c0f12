package dev.syscallassert.junit5.internal.wire;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory one traced child JVM shares with the test JVM: the names of the files in it, which each side opens by
 * name, and its life. The test JVM makes it before the child starts and deletes it whatever happens; the child learns
 * its path from its command line ({@link ChildCommandLine}). Used in both JVMs.
 */
public final class WorkDirectory {

    /** Test JVM to child: which test to run ({@link ChildRequest}). A child started without it is a spare. */
    private static final String REQUEST = "request.properties";
    /** Child to test JVM: how the test ended ({@link TestOutcome}). Named before the word "outcome" was chosen. */
    private static final String OUTCOME = "result.bin";
    /** Test JVM to child, rewritten in place on every snapshot: the test method's events so far. */
    private static final String SNAPSHOT = "snapshot.bin";
    /** The child's JVM options, class path and arguments, as java's {@code @argfile} ({@link ChildCommandLine}). */
    private static final String ARG_FILE = "child.args";
    /** Child to test JVM: the @TempDir directories JUnit made for the test ({@link TempDirectories}). */
    private static final String TEMP_DIRECTORIES = "temp-dirs.txt";
    /** Also how a test can tell the harness's directories in the temporary directory. */
    private static final String TEMPORARY_PREFIX = "syscall-assert-";

    private final Path path;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    /** Test JVM: a new, empty work directory in the temporary directory. */
    public static WorkDirectory createTemporary() throws IOException {
        return new WorkDirectory(Files.createTempDirectory(TEMPORARY_PREFIX));
    }

    /** Test JVM: a new, empty work directory in {@code parent}, named {@code prefix} and something unique. */
    public static WorkDirectory createIn(Path parent, String prefix) throws IOException {
        return new WorkDirectory(Files.createTempDirectory(parent, prefix));
    }

    /** The work directory at {@code path}: the child's, named on its command line, or a leftover to delete. */
    public static WorkDirectory at(Path path) {
        return new WorkDirectory(path);
    }

    public Path path() {
        return path;
    }

    public Path requestFile() {
        return path.resolve(REQUEST);
    }

    public Path outcomeFile() {
        return path.resolve(OUTCOME);
    }

    public Path snapshotFile() {
        return path.resolve(SNAPSHOT);
    }

    public Path tempDirectoryRecord() {
        return path.resolve(TEMP_DIRECTORIES);
    }

    public Path argFile() {
        return path.resolve(ARG_FILE);
    }

    /**
     * Deletes the directory and everything in it (also a plain file at this path), quietly: a temporary directory that
     * resists deletion is not worth failing a test over; the OS cleans /tmp.
     */
    public void delete() {
        deleteTree(path);
    }

    /**
     * Deletes {@code root} and everything in it, quietly; links are deleted themselves, never followed (a link out of
     * a directory does not take what it leads to with it). Any thread.
     */
    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    Files.deleteIfExists(file); // a directory that cannot be listed may still be empty
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // see delete(): not worth failing a test over
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
