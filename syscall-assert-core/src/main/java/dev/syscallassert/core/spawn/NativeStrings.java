package dev.syscallassert.core.spawn;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.util.List;

/**
 * C strings and NULL-terminated arrays of them in native memory, made from bytes rather than Java strings: JNA would
 * encode a String in the locale's charset (ASCII when LANG is unset) and lose every other byte. Any thread.
 */
final class NativeStrings {
    private static final int POINTER_SIZE = Long.BYTES;

    private NativeStrings() {
    }

    /** {@code char *[]}: the pointers, NULL, then the strings they point at, all in one block. */
    static Memory array(List<byte[]> strings) {
        long bytes = (long) POINTER_SIZE * (strings.size() + 1);
        for (byte[] s : strings) {
            bytes += s.length + 1;
        }
        Memory m = new Memory(bytes);
        m.clear();
        long base = Pointer.nativeValue(m);
        long at = (long) POINTER_SIZE * (strings.size() + 1);
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            m.setLong((long) POINTER_SIZE * i, base + at);
            m.write(at, s, 0, s.length);
            at += s.length + 1;
        }
        return m;
    }

    /** One NUL-terminated string. */
    static Memory string(byte[] s) {
        Memory m = new Memory(s.length + 1);
        m.clear();
        m.write(0, s, 0, s.length);
        return m;
    }
}
