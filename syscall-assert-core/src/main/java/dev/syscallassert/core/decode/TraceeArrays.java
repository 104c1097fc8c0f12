package dev.syscallassert.core.decode;

/**
 * strace's print_array (util.c) for an array of structs in the tracee: {@code NULL}, {@code []}, the address when even
 * the first element cannot be read, at most {@code -s 32} elements then {@code ...}, and
 * {@code ..., ... /* 0x7ffd... *}{@code /]} when a later element cannot be read. Stateless; called on the tracer
 * thread.
 */
final class TraceeArrays {

    /** Renders one element from its bytes; false stops the array there (strace's print function returning false). */
    @FunctionalInterface
    interface Element {
        boolean render(StringBuilder out, byte[] element);
    }

    private TraceeArrays() {
    }

    /** The array of {@code count} elements of {@code size} bytes at {@code address}. */
    static String render(TraceeAccess tracee, long address, long count, int size, Element element) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        // An array that would wrap around the address space (or overflow the size) is shown as its address.
        long bytes = count * size;
        if (Long.compareUnsigned(count, Long.divideUnsigned(-1L, size)) > 0
                || Long.compareUnsigned(address + bytes, address) <= 0) {
            return StraceText.hex(address);
        }
        boolean more = Long.compareUnsigned(count, StraceText.MAX_STRLEN) > 0;
        int shown = more ? StraceText.MAX_STRLEN : (int) count;
        // One read for the whole shown part; element by element only when that fails, to find the first bad one.
        byte[] all = tracee.read(address, shown * size);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            long at = address + (long) i * size;
            byte[] e = all != null ? java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size) : tracee.read(at, size);
            if (e == null) {
                if (i == 0) {
                    return StraceText.hex(address);
                }
                return sb.append(", ... /* ").append(StraceText.hex(at)).append(" */]").toString();
            }
            sb.append(i == 0 ? "[" : ", ");
            if (!element.render(sb, e)) {
                return sb.append(']').toString();
            }
        }
        if (more) {
            // strace reads the first element past the limit before it stops, so an unreadable one shows as such.
            long at = address + (long) shown * size;
            sb.append(", ...");
            if (tracee.read(at, size) == null) {
                sb.append(" /* ").append(StraceText.hex(at)).append(" */");
            }
        }
        return sb.append(']').toString();
    }
}
