package dev.syscallassert.core.spawn;

import dev.syscallassert.core.linux.NativeMemory;

import java.util.List;

/**
 * C strings and NULL-terminated arrays of them in native memory, made from bytes rather than Java strings: a String
 * converted in the locale's charset (ASCII when LANG is unset) would lose every other byte. Any thread.
 */
final class NativeStrings {
    private static final int POINTER_SIZE = Long.BYTES;

    private NativeStrings() {
    }

    /** {@code char *[]}: the pointers, NULL, then the strings they point at, all in one block. */
    static NativeMemory array(List<byte[]> strings) {
        long bytes = (long) POINTER_SIZE * (strings.size() + 1);
        for (byte[] s : strings) {
            bytes += s.length + 1;
        }
        NativeMemory m = new NativeMemory(bytes);
        m.clear();
        long base = m.address();
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
    static NativeMemory string(byte[] s) {
        NativeMemory m = new NativeMemory(s.length + 1);
        m.clear();
        m.write(0, s, 0, s.length);
        return m;
    }
}
