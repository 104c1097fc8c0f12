package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;

import java.util.function.LongFunction;

/**
 * strace's printnum_* family: one number an argument points at, in brackets ({@code [42]}, {@code [0x7f...]},
 * {@code [SIGTERM]}), NULL for a null pointer and the address when it cannot be read. Stateless.
 */
final class TraceeNumbers {

    private TraceeNumbers() {
    }

    /** printnum_int with "%d": {@code [42]}. */
    static String intAt(TraceeAccess tracee, long address) {
        return intAt(tracee, address, v -> Integer.toString((int) v));
    }

    /** An unsigned int the call wrote, shown by {@code how} (given its 32 bits zero-extended): {@code [SIGTERM]}. */
    static String intAt(TraceeAccess tracee, long address, LongFunction<String> how) {
        return Pointee.render(tracee, address, Integer.BYTES, b -> "[" + how.apply(LittleEndian.u32(b, 0)) + "]");
    }

    /** printnum_kptr: a pointer the call wrote, {@code [0x7f...]} or {@code [NULL]}. */
    static String pointerAt(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, StructRenderers.POINTER_SIZE,
                b -> "[" + StraceText.pointer(LittleEndian.get(b, 0, b.length)) + "]");
    }
}
