package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Xlat;

/**
 * strace's two ways of printing a value through an xlat table (xlat.c), with their exact edge cases: printxval for a
 * value that is one name, printflags for a word of flags. The unknown-value comment is the one the decoder names
 * (strace passes it per call, "F_???", "POLL???"); without one strace prints the bare hex. Stateless; any thread.
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

    private static String withComment(String hex, String dflt) {
        return dflt == null ? hex : hex + " /* " + dflt + " */";
    }
}
