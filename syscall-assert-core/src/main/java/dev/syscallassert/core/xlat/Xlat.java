package dev.syscallassert.core.xlat;

import java.util.ArrayList;
import java.util.List;

/**
 * One group of named constants (strace calls these xlat tables), in the order strace prints them: flag words are
 * rendered by walking that order, so a combined name listed first (O_SYNC, STATX_ALL) wins over its parts.
 */
public final class Xlat {

    public record Entry(String name, long value) {
    }

    private final String group;
    private final List<Entry> entries;

    Xlat(String group, List<Entry> entries) {
        this.group = group;
        this.entries = List.copyOf(entries);
    }

    /** The names' common prefix up to the first underscore ("O_", "MSG_"), for the comment on unknown values. */
    public String unknownPrefix() {
        if (entries.isEmpty()) {
            return "";
        }
        String first = entries.get(0).name.replaceFirst("^_+", "");
        int underscore = first.indexOf('_');
        return underscore < 0 ? "" : first.substring(0, underscore + 1);
    }

    public String group() {
        return group;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The name of exactly {@code value}, or null. */
    public String name(long value) {
        for (Entry e : entries) {
            if (e.value == value) {
                return e.name;
            }
        }
        return null;
    }

    /** The value of a name in this group; a missing name is a bug in the generator's lists, hence the exception. */
    public long value(String name) {
        for (Entry e : entries) {
            if (e.name.equals(name)) {
                return e.value;
            }
        }
        throw new IllegalStateException("constants.tsv has no " + name + " in group " + group);
    }

    /**
     * strace's printxval: the name, or the number in hex followed by a {@code /* PREFIX??? *}{@code /} comment so that
     * an unknown value is still visibly a value of this kind ({@code 0x7 /* SEEK_??? *}{@code /}).
     */
    public String valueOrUnknown(long value, String unknownPrefix) {
        String name = name(value);
        return name != null ? name : "0x" + Long.toHexString(value) + " /* " + unknownPrefix + "??? */";
    }

    /**
     * strace's printflags: every name whose bits are all set, in table order, each clearing its bits, then what is
     * left in hex; when no name matched at all, the hex value gets a {@code /* O_??? *}{@code /} comment. Zero prints
     * as {@code zeroName} (e.g. "F_OK"), or "0" when null.
     */
    public String flags(long value, String zeroName) {
        if (value == 0) {
            return zeroName != null ? zeroName : "0";
        }
        List<String> parts = new ArrayList<>();
        long rest = value;
        for (Entry e : entries) {
            if (e.value != 0 && (rest & e.value) == e.value) {
                parts.add(e.name);
                rest &= ~e.value;
            }
        }
        if (rest != 0) {
            parts.add("0x" + Long.toHexString(rest) + (parts.isEmpty() ? " /* " + unknownPrefix() + "??? */" : ""));
        }
        return String.join("|", parts);
    }
}
