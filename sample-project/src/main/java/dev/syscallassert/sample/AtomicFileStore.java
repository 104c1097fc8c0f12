package dev.syscallassert.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Stores named values as files, replacing each one atomically: readers see the old content or the new one, never
 * half of it, even after a crash or a power cut.
 *
 * <p>The order matters: the new content goes to a temporary file, which must reach the disk ({@code fsync}) before
 * the rename makes it the real one. Without the fsync the rename can reach the disk first, and a power cut leaves an
 * empty file under the real name. The first version of this class had exactly that bug; see
 * {@code AtomicFileStoreTest}.
 */
public final class AtomicFileStore {

    private final Path directory;

    public AtomicFileStore(Path directory) {
        this.directory = directory;
    }

    public void save(String name, byte[] content) throws IOException {
        Path target = directory.resolve(name);
        Path temp = Files.createTempFile(directory, name + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public byte[] load(String name) throws IOException {
        return Files.readAllBytes(directory.resolve(name));
    }
}
