package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Xlat;

/**
 * strace's printflags_ex and printxvals over several tables, and with strace's own default comment, which one table's
 * {@link Xlat#flags} and {@link Xlat#valueOrUnknown} cannot express. Stateless.
 */
final class FlagWords {

    private FlagWords() {
    }

    /**
     * {@code value} (non-zero) as flags of {@code tables}: every name whose bits are all set, table after table, then
     * the bits no name covers in hex; when no name matched at all, the hex value and the default comment
     * ({@code /* CLONE_??? *}{@code /}), or no comment when {@code unknown} is null.
     */
    static String of(long value, String unknown, Xlat... tables) {
        StringBuilder sb = new StringBuilder();
        long rest = value;
        for (Xlat table : tables) {
            for (Xlat.Entry e : table.entries()) {
                if (e.value() != 0 && (rest & e.value()) == e.value()) {
                    sb.append(sb.length() > 0 ? "|" : "").append(e.name());
                    rest &= ~e.value();
                }
            }
        }
        if (rest != 0) {
            boolean none = sb.length() == 0;
            sb.append(none ? "" : "|").append(StraceText.hex(rest));
            if (none && unknown != null) {
                sb.append(" /* ").append(unknown).append(" */");
            }
        }
        return sb.toString();
    }

    /**
     * strace's printxval, which takes its value as an unsigned int: the name of the value's low 32 bits (a table's
     * negative value, RUSAGE_CHILDREN's -1, compared the same way), or those bits in hex as an unknown value.
     */
    static String value32(Xlat table, long value, String unknownPrefix) {
        long bits = value & 0xffffffffL;
        for (Xlat.Entry e : table.entries()) {
            if ((e.value() & 0xffffffffL) == bits) {
                return e.name();
            }
        }
        return StraceText.hex(bits) + " /* " + unknownPrefix + "??? */";
    }

    /**
     * strace's printxvals: the name {@code value} has in the first table that names it, or the value in hex with the
     * default as a comment ({@code 0x63 /* SOL_?? *}{@code /}).
     */
    static String value(long value, String unknown, Xlat... tables) {
        for (Xlat table : tables) {
            String name = table.name(value);
            if (name != null) {
                return name;
            }
        }
        return StraceText.hex(value) + " /* " + unknown + " */";
    }
}
