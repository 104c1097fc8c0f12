package dev.syscallassert.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a directory has room for more data. Asks the file system directly: running {@code df} through a
 * shell would cost a process per call and break where there is no shell (distroless images).
 */
public final class DiskSpace {

    private DiskSpace() {
    }

    public static boolean hasRoomFor(Path directory, long bytes) throws IOException {
        return Files.getFileStore(directory).getUsableSpace() >= bytes;
    }
}
