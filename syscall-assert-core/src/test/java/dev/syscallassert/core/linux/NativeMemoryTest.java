package dev.syscallassert.core.linux;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Native memory read and written from Java and by libc itself through its address. */
class NativeMemoryTest {

    @Test
    void fieldsAreInTheMachinesOrderAtTheirOffsets() {
        NativeMemory m = new NativeMemory(16);
        assertThat(m.size()).isEqualTo(16);
        assertThat(m.address()).isNotZero();
        assertThat(m.getLong(0)).isZero();
        m.setLong(0, 0x0102030405060708L);
        assertThat(m.getByte(0)).as("little-endian").isEqualTo((byte) 0x08);
        assertThat(m.getInt(4)).isEqualTo(0x01020304);
        m.setShort(8, (short) 0xbeef);
        m.setByte(10, (byte) 7);
        m.setInt(12, -2);
        assertThat(m.getShort(8)).isEqualTo((short) 0xbeef);
        assertThat(m.getByteArray(8, 8)).containsExactly(0xef, 0xbe, 7, 0, 0xfe, 0xff, 0xff, 0xff);
        m.clear();
        assertThat(m.getByteArray(0, 16)).containsOnly(0);
    }

    @Test
    void libcWritesWhereTheAddressPoints() {
        byte[] path = "/proc/self/exe\0".getBytes(StandardCharsets.US_ASCII);
        NativeMemory link = new NativeMemory(path.length);
        link.write(0, path, 0, path.length);
        NativeMemory target = new NativeMemory(4096);
        long length = LibC.readlink(link.address(), target.address(), target.size());
        assertThat(length).isPositive();
        assertThat(new String(target.getByteArray(0, (int) length), StandardCharsets.UTF_8))
                .as("this JVM's own executable").endsWith("/bin/java");
    }

    @Test
    void anAccessOutsideTheBlockIsRefused() {
        NativeMemory m = new NativeMemory(8);
        assertThatThrownBy(() -> m.getLong(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.getInt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.setByte(1L << 32, (byte) 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("outside 8 bytes");
        assertThatThrownBy(() -> new NativeMemory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
