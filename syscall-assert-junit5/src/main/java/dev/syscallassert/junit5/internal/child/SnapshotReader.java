package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.junit5.internal.wire.SnapshotDelta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Reads the snapshots the tracer writes into the work directory, in the child JVM, on the thread that reads the
 * trace (its caller synchronizes). The file is opened once, before the test begins, so that reading the trace later
 * makes no file-name syscall that the trace itself would then contain.
 */
final class SnapshotReader {

    private final Path file;
    private final FileChannel channel;
    private final Object opened;
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    SnapshotReader(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        this.opened = identity(file);
    }

    /** The file's identity (device and inode), or null when it is not a regular file by that name any more. */
    private static Object identity(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a.fileKey() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether the file by this name is still the one this reader holds open: a test that deleted or replaced it
     * (as a test of this harness does) leaves a worker that the next test's snapshots could not reach.
     */
    boolean intact() {
        return opened != null && opened.equals(identity(file));
    }

    /**
     * The {@code length} bytes the tracer has just written: what changed in the window since its previous snapshot
     * (and, when the harness's own tests asked, the whole window after it).
     */
    List<SnapshotDelta> read(long length) {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate((int) Math.max(length, buffer.capacity() * 2L));
        }
        buffer.clear().limit((int) length);
        try {
            long position = 0;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("the snapshot ended after " + position + " of " + length + " bytes");
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trace snapshot the tracer wrote to " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            return SnapshotDelta.decodeAll(buffer.array(), (int) length);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the trace snapshot the tracer wrote to " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
