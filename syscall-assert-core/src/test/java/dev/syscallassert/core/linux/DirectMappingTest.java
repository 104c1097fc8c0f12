package dev.syscallassert.core.linux;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real libc calls through methods bound by {@link DirectMapping}, the fast way and the fallback. */
class DirectMappingTest {
    private static final NativeLibrary LIBC = NativeLibrary.getInstance("libc.so.6");
    /** glibc's POSIX_SPAWN_SETSIGMASK. */
    private static final short SET_SIGNAL_MASK = 0x08;

    /** One method of each type the fast way maps: long, int, short and String arguments; long, int, String back. */
    static final class Mapped {
        static native int getpid();

        static native String strerror(int errno);

        static native long readlink(String path, long buffer, long size);

        static native int posix_spawnattr_init(long attributes);

        static native int posix_spawnattr_setflags(long attributes, short flags);

        static native int posix_spawnattr_getflags(long attributes, long flags);

        static native int posix_spawnattr_destroy(long attributes);
    }

    /** A double: not a type the fast way maps. */
    static final class Unmapped {
        static native double strtod(String text, long end);
    }

    static final class Missing {
        static native int syscall_assert_no_such_function();
    }

    @Test
    void theBundledJnaIsBoundWithoutNativeRegisterAndTheCallsWork() throws Exception {
        assertThat(DirectMapping.register(Mapped.class, LIBC)).as("bound the fast way with this JNA").isTrue();

        assertThat(Mapped.getpid()).isEqualTo((int) ProcessHandle.current().pid());
        assertThat(Mapped.strerror(2)).isEqualTo("No such file or directory");
        try (Memory buffer = new Memory(4096)) {
            long n = Mapped.readlink("/proc/self/exe", Pointer.nativeValue(buffer), buffer.size());
            assertThat(new String(buffer.getByteArray(0, (int) n), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/exe")).toString());
        }
        try (Memory attributes = new Memory(512); Memory flags = new Memory(2)) {
            long at = Pointer.nativeValue(attributes);
            assertThat(Mapped.posix_spawnattr_init(at)).isZero();
            assertThat(Mapped.posix_spawnattr_setflags(at, SET_SIGNAL_MASK)).isZero();
            assertThat(Mapped.posix_spawnattr_getflags(at, Pointer.nativeValue(flags))).isZero();
            assertThat(flags.getShort(0)).isEqualTo(SET_SIGNAL_MASK);
            assertThat(Mapped.posix_spawnattr_destroy(at)).isZero();
        }
    }

    @Test
    void aTypeTheFastWayDoesNotMapIsBoundByNativeRegister() {
        assertThat(DirectMapping.register(Unmapped.class, LIBC)).as("bound the fast way").isFalse();

        assertThat(Unmapped.strtod("2.5", 0)).isEqualTo(2.5);
    }

    @Test
    void aMissingFunctionIsAnUnsatisfiedLinkError() {
        assertThatThrownBy(() -> DirectMapping.register(Missing.class, LIBC))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("syscall_assert_no_such_function");
    }
}
