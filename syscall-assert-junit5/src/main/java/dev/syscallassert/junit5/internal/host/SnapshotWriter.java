package dev.syscallassert.junit5.internal.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a child's snapshots into its snapshot file, in the test JVM, on the tracer thread (from {@link TestWindow}'s
 * marker handler, while the child waits for the answer). The file is opened once, on the first snapshot, and
 * overwritten in place, never replaced: the child reads it through the descriptor it opened before its test began.
 */
final class SnapshotWriter {

    private final Path file;
    private FileChannel channel;

    SnapshotWriter(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The file holds {@code bytes} and nothing else. */
    void write(byte[] bytes) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        }
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the directory is deleted next; a failed close changes nothing
            }
        }
    }
}
