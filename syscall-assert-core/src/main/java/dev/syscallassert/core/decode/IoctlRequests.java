package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.HashMap;
import java.util.Map;

/**
 * ioctl request numbers as strace names them (ioctl.c): the name from its ioctlent table, several names joined by
 * {@code " or "} when headers give one number several names ({@code SNDCTL_TMR_START or TCSETS}), and an unknown
 * number taken apart ({@code _IOC(_IOC_READ, 0x12, 0x34, 0x8)}). The names come from the generated table (the
 * terminal, socket and file-system requests, with every alias strace lists for those numbers); any other number gets
 * the {@code _IOC} form. Immutable after class initialisation; any thread.
 */
final class IoctlRequests {

    private static final Map<Long, String> NAMES = names();
    private static final Xlat DIRS = Constants.group("ioctl_dir");
    private static final int NR_SHIFT = field("_IOC_NRSHIFT");
    private static final int NR_MASK = field("_IOC_NRMASK");
    private static final int TYPE_SHIFT = field("_IOC_TYPESHIFT");
    private static final int TYPE_MASK = field("_IOC_TYPEMASK");
    private static final int SIZE_SHIFT = field("_IOC_SIZESHIFT");
    private static final int SIZE_MASK = field("_IOC_SIZEMASK");
    private static final int DIR_SHIFT = field("_IOC_DIRSHIFT");
    private static final int DIR_MASK = field("_IOC_DIRMASK");

    private IoctlRequests() {
    }

    private static int field(String name) {
        return Constants.intValue("ioctl_field", name);
    }

    /** Number -> the names strace prints for it, in its table's order (by number, then name). */
    private static Map<Long, String> names() {
        Map<Long, String> out = new HashMap<>();
        for (Xlat.Entry e : Constants.group("ioctl_request").entries()) {
            out.merge(e.value() & 0xffffffffL, e.name(), (a, b) -> a + " or " + b);
        }
        return out;
    }

    /** The request as strace prints it; {@code code} is the low 32 bits strace looks up. */
    static String name(long code) {
        String name = NAMES.get(code);
        if (name != null) {
            return name;
        }
        return "_IOC(" + Xlats.flags(DIRS, dir(code), "_IOC_???") + ", " + StraceText.hex(type(code)) + ", "
                + StraceText.hex((code >>> NR_SHIFT) & NR_MASK) + ", " + StraceText.hex(size(code)) + ")";
    }

    /** The request's type byte ('T' for the terminal requests), which picks the family that decodes it. */
    static long type(long code) {
        return (code >>> TYPE_SHIFT) & TYPE_MASK;
    }

    static long dir(long code) {
        return (code >>> DIR_SHIFT) & DIR_MASK;
    }

    static long size(long code) {
        return (code >>> SIZE_SHIFT) & SIZE_MASK;
    }

    /** The number of a request by name, for the decoders' switches. */
    static long code(String name) {
        return Constants.value("ioctl_request", name) & 0xffffffffL;
    }
}
