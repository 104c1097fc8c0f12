package dev.syscallassert.core.decode;

/**
 * strace's print_array for arrays in the tracee's memory: {@code [a, b, c]}, at most 32 elements and then "...", NULL
 * for a null address, the address when the first element cannot be read, and {@code ..., /* 0x... *}{@code /} after
 * the last element read when a later one cannot be. Stateless; called on the tracer thread.
 */
final class TraceeArrays {

    /** Renders one element from its bytes. */
    @FunctionalInterface
    interface Element {
        String render(byte[] bytes, int offset);
    }

    private TraceeArrays() {
    }

    /** {@code count} elements of {@code size} bytes at {@code address} (count unsigned). */
    static String render(TraceeAccess tracee, long address, long count, int size, Element element) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        if (Long.compareUnsigned(count, Long.MAX_VALUE / size) > 0 || address + count * size < address) {
            // strace: the array would wrap around the address space.
            return StraceText.hex(address);
        }
        // strace fetches the element after the last one shown before deciding to print "...".
        long fetched = Long.compareUnsigned(count, StraceText.MAX_STRLEN) > 0 ? StraceText.MAX_STRLEN + 1 : count;
        byte[] all = tracee.read(address, (int) (fetched * size));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fetched; i++) {
            long at = address + (long) i * size;
            byte[] bytes = all;
            int offset = i * size;
            if (all == null) {
                bytes = tracee.read(at, size);
                offset = 0;
            }
            if (i > 0) {
                sb.append(", ");
            }
            if (bytes == null) {
                if (i == 0) {
                    return StraceText.hex(address);
                }
                return sb.append("... /* ").append(StraceText.hex(at)).append(" */]").toString();
            }
            if (i == 0) {
                sb.append('[');
            }
            if (i == StraceText.MAX_STRLEN) {
                return sb.append("...]").toString();
            }
            sb.append(element.render(bytes, offset));
        }
        return sb.append(']').toString();
    }
}
