package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Xlat;

/**
 * strace's two ways of printing a value through an xlat table (xlat.c), with their exact edge cases: printxval for a
 * value that is one name, printflags for a word of flags. The unknown-value comment is the one the decoder names
 * (strace passes it per call, "F_???", "POLL???"); without one strace prints the bare hex. Also the forms over
 * several tables (printflags_ex, printxvals) and printxval's unsigned-int comparison. Stateless; any thread.
 */
final class Xlats {

    private Xlats() {
    }

    /** printxval: the name of exactly {@code value}, else {@code %#x} and the {@code dflt} comment when given. */
    static String xval(Xlat table, long value, String dflt) {
        String name = table.name(value);
        if (name != null) {
            return name;
        }
        return withComment(StraceText.hex(value), dflt);
    }

    /**
     * printflags: every name whose bits are all set, in table order, each clearing its bits, then what is left in hex.
     * Zero is a zero-valued name when the table has one, else "0" when {@code dflt} is given, else nothing at all
     * (strace prints an empty field then: {@code c_iflag=}); bits no name matched print in hex with the comment.
     */
    static String flags(Xlat table, long value, String dflt) {
        StringBuilder sb = new StringBuilder();
        long rest = value;
        for (Xlat.Entry e : table.entries()) {
            long v = e.value();
            if (rest == v || (v != 0 && (rest & v) == v)) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(e.name());
                rest &= ~v;
                if (rest == 0) {
                    break;
                }
            }
        }
        if (sb.length() > 0) {
            return rest == 0 ? sb.toString() : sb.append('|').append(StraceText.hex(rest)).toString();
        }
        if (rest != 0) {
            return withComment(StraceText.hex(rest), dflt);
        }
        return dflt != null ? "0" : "";
    }

    /**
     * sprintflags, the annotation form of a return value: {@code prefix} then the names joined by {@code |} (an unknown
     * rest in hex, with no comment); zero is the table's zero-valued first name; null when there is nothing to say.
     */
    static String annotation(String prefix, Xlat table, long value) {
        if (value == 0) {
            Xlat.Entry first = table.entries().isEmpty() ? null : table.entries().get(0);
            return first != null && first.value() == 0 ? prefix + first.name() : null;
        }
        String names = flags(table, value, null);
        return prefix + names;
    }

    /**
     * {@code value} (non-zero) as flags of {@code tables}: every name whose bits are all set, table after table, then
     * the bits no name covers in hex; when no name matched at all, the hex value and the default comment
     * ({@code /* CLONE_??? *}{@code /}), or no comment when {@code unknown} is null.
     */
    static String flagsOf(long value, String unknown, Xlat... tables) {
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
    static String xval32(Xlat table, long value, String unknownPrefix) {
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
    static String xvals(long value, String unknown, Xlat... tables) {
        for (Xlat table : tables) {
            String name = table.name(value);
            if (name != null) {
                return name;
            }
        }
        return StraceText.hex(value) + " /* " + unknown + " */";
    }

    private static String withComment(String hex, String dflt) {
        return dflt == null ? hex : hex + " /* " + dflt + " */";
    }
}
