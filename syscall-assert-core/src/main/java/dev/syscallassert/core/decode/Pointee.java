package dev.syscallassert.core.decode;

import java.util.function.Function;

/**
 * What a pointer argument points at, read as strace's umove_or_printaddr reads it: NULL for a null pointer, the
 * address when the {@code size} bytes there cannot be read, otherwise those bytes as {@code render} shows them.
 * Stateless.
 */
final class Pointee {

    private Pointee() {
    }

    static String render(TraceeAccess tracee, long address, int size, Function<byte[], String> render) {
        if (address == 0) {
            return "NULL";
        }
        byte[] bytes = tracee.read(address, size);
        return bytes == null ? StraceText.hex(address) : render.apply(bytes);
    }
}
