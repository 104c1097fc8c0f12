package dev.syscallassert.sample;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.InjectFault;
import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fsync is not a file-name call (it is in %desc), so these tests ask for it on top of the default categories. */
@TraceSyscalls(syscalls = "fsync,fdatasync")
class AtomicFileStoreTest {

    @TempDir
    Path store;

    @Test
    void theDataReachesTheDiskBeforeTheRenamePublishesIt(SyscallTrace trace) throws IOException {
        new AtomicFileStore(store).save("cart.json", "{\"items\":3}".getBytes(StandardCharsets.UTF_8));
        assertThat(trace).calledInOrder("fsync", "rename");
        assertThat(new AtomicFileStore(store).load("cart.json")).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"items\":3}");
    }

    /**
     * The bug syscall-assert found in the first version (kept below, as it was): it wrote the temporary file and
     * renamed it, with no fsync in between. Every unit test passed; only the syscalls show the missing fsync, and a
     * power cut after the rename would have left an empty cart. This test keeps the evidence: the check that guards
     * the fixed store fails on the first version, with a message that says what is missing.
     */
    @Test
    void theFirstVersionRenamedBeforeItsDataWasOnDisk(SyscallTrace trace) throws IOException {
        FirstVersion.save(store, "cart.json", "{\"items\":3}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> assertThat(trace).calledInOrder("fsync", "rename"))
                .hasMessageContaining("fsync");
    }

    /**
     * A full disk while the new content is written: the save fails with the kernel's own error, the old content is
     * still there under the real name, and no temporary file is left behind.
     */
    @Test
    @InjectFault(syscalls = "write", path = "glob:**/cart.json.*.tmp", errno = "ENOSPC")
    void aFullDiskLeavesTheOldContent(SyscallTrace trace) throws IOException {
        Files.writeString(store.resolve("cart.json"), "{\"items\":2}");
        AtomicFileStore atomic = new AtomicFileStore(store);
        assertThatThrownBy(() -> atomic.save("cart.json", "{\"items\":3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        assertThat(atomic.load("cart.json")).asString(StandardCharsets.UTF_8).isEqualTo("{\"items\":2}");
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left).containsExactly(store.resolve("cart.json"));
        }
        assertThat(trace).injectedFault("write", "ENOSPC").neverCalled("rename");
    }

    /** A failure between the write and the rename (here the rename's own): the same, nothing half-published. */
    @Test
    @InjectFault(syscalls = "rename", errno = "EIO")
    void aFailedRenameLeavesTheOldContent(SyscallTrace trace) throws IOException {
        Files.writeString(store.resolve("cart.json"), "{\"items\":2}");
        AtomicFileStore atomic = new AtomicFileStore(store);
        assertThatThrownBy(() -> atomic.save("cart.json", "{\"items\":3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(atomic.load("cart.json")).asString(StandardCharsets.UTF_8).isEqualTo("{\"items\":2}");
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left).containsExactly(store.resolve("cart.json"));
        }
        assertThat(trace).calledInOrder("fsync", "rename").injectedFault("rename", "EIO");
    }

    /** AtomicFileStore.save as first written. */
    static final class FirstVersion {
        static void save(Path directory, String name, byte[] content) throws IOException {
            Path temp = Files.createTempFile(directory, name + ".", ".tmp");
            Files.write(temp, content);
            Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
