package dev.syscallassert.junit5.internal.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code @TempDir} directories JUnit's own factory made in the child and would delete whatever the test's
 * outcome (cleanup mode {@code ALWAYS}), listed in the work directory: the child appends each one's path as it is made
 * ({@link #append}, child JVM, on the thread JUnit creates it on); the test JVM deletes the ones still there when the
 * child ended before its JUnit could (killed at its timeout, System.exit, a crash: {@link #deleteLeftovers}, test
 * JVM, on the test's thread). Only directories JUnit itself made are listed, never a directory of the user's: none
 * when the project configures a factory of its own, or a test names one.
 */
public final class TempDirectories {

    /** The configuration parameter that tells the child's factory where the list is. */
    public static final String RECORD_PARAMETER = "syscallassert.internal.tempdir.record";

    private TempDirectories() {
    }

    /**
     * Child: {@code directory} has just been made. One write of one line with O_APPEND, so that a child killed at any
     * moment leaves whole lines.
     */
    public static void append(Path record, Path directory) throws IOException {
        Files.write(record, (directory.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Test JVM: the directories the child listed, in the order made; none when it listed none. */
    public static List<Path> readFrom(WorkDirectory work) {
        List<Path> directories = new ArrayList<>();
        try {
            String text = Files.readString(work.tempDirectoryRecord(), StandardCharsets.UTF_8);
            int from = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
                directories.add(Path.of(text.substring(from, nl)));
                from = nl + 1;
            }
        } catch (NoSuchFileException e) {
            // no @TempDir, or a factory of the project's own
        } catch (IOException e) {
            // the list cannot be read: nothing is known to be JUnit's, so nothing is deleted
        }
        return directories;
    }

    /**
     * Test JVM: deletes what JUnit would have deleted at the end of the test, the listed directories still there with
     * what is in them, links themselves and never what they lead to. Quietly: the test has failed already (timed
     * out, exited), and a directory that resists deletion is not worth hiding that failure behind.
     */
    public static void deleteLeftovers(WorkDirectory work) {
        for (Path directory : readFrom(work)) {
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                WorkDirectory.deleteTree(directory);
            }
        }
    }
}
