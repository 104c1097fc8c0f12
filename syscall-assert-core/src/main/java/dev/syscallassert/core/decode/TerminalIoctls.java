package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.HashMap;
import java.util.Map;

/**
 * The terminal ioctls (type 'T') as strace's term.c prints their argument: termios, termios2 and termio in the
 * non-verbose form ({@code {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|
 * CREAD, c_lflag=ISIG|ICANON|ECHO|..., ...}}), struct winsize, an int through a pointer ({@code [0]}), modem flags,
 * and no argument at all for the requests that take none. A request strace does not decode shows its argument in
 * hex. The "get" forms are filled in at the exit of a call that succeeded. Stateless; called on the tracer thread.
 */
final class TerminalIoctls {

    /** What a request's argument is, and whether the call writes it (shown at the exit) or reads it. */
    private enum Arg {
        TERMIOS, TERMIOS2, TERMIO, WINSIZE, INT, MODEM, TCXONC, TCFLSH, DECIMAL, CHAR, NONE;
    }

    private record Kind(Arg arg, boolean written) {
    }

    private static final Map<Long, Kind> KINDS = new HashMap<>();

    static {
        kind(Arg.TERMIOS2, true, "TCGETS2");
        kind(Arg.TERMIOS2, false, "TCSETS2", "TCSETSW2", "TCSETSF2");
        kind(Arg.TERMIOS, true, "TCGETS", "TIOCGLCKTRMIOS");
        kind(Arg.TERMIOS, false, "TCSETS", "TCSETSW", "TCSETSF", "TIOCSLCKTRMIOS");
        kind(Arg.TERMIO, true, "TCGETA");
        kind(Arg.TERMIO, false, "TCSETA", "TCSETAW", "TCSETAF");
        kind(Arg.WINSIZE, true, "TIOCGWINSZ");
        kind(Arg.WINSIZE, false, "TIOCSWINSZ");
        kind(Arg.TCXONC, false, "TCXONC");
        kind(Arg.TCFLSH, false, "TCFLSH");
        kind(Arg.DECIMAL, false, "TCSBRK", "TCSBRKP", "TIOCSCTTY");
        kind(Arg.MODEM, true, "TIOCMGET");
        kind(Arg.MODEM, false, "TIOCMBIS", "TIOCMBIC", "TIOCMSET");
        kind(Arg.INT, true, "TIOCGPGRP", "TIOCGSID", "TIOCGETD", "TIOCGSOFTCAR", "TIOCGPTN", "FIONREAD", "TIOCOUTQ",
                "TIOCGEXCL", "TIOCGDEV");
        kind(Arg.INT, false, "TIOCSPGRP", "TIOCSETD", "FIONBIO", "FIOASYNC", "TIOCPKT", "TIOCSSOFTCAR",
                "TIOCSPTLCK");
        kind(Arg.CHAR, false, "TIOCSTI");
        kind(Arg.NONE, false, "TIOCSBRK", "TIOCCBRK", "TIOCCONS", "TIOCNOTTY", "TIOCEXCL", "TIOCNXCL", "FIOCLEX",
                "FIONCLEX", "TIOCVHANGUP", "TIOCSSERIAL");
    }

    private static final Xlat IFLAGS = Constants.group("term_iflags");
    private static final Xlat OFLAGS = Constants.group("term_oflags");
    private static final Xlat LFLAGS = Constants.group("term_lflags");
    private static final Xlat CFLAGS = Constants.group("term_cflags");
    private static final Xlat BAUD = Constants.group("term_baud");
    private static final Xlat CSIZES = Constants.group("term_cflags_csize");
    private static final Xlat MODEM_FLAGS = Constants.group("modem_flags");
    private static final long CBAUD = Constants.value("term_cflags_mask", "CBAUD");
    private static final long CIBAUD = Constants.value("term_cflags_mask", "CIBAUD");
    private static final long CSIZE = Constants.value("term_cflags_mask", "CSIZE");
    private static final int IBSHIFT = Constants.intValue("term_cflags_shift", "IBSHIFT");
    /** The output delay fields in strace's order, each with its table and unknown-value comment. */
    private static final String[][] DELAYS = {{"NLDLY", "term_oflags_nldly", "NL?"}, {"CRDLY", "term_oflags_crdly", "CR?"},
            {"TABDLY", "term_oflags_tabdly", "TAB?"}, {"BSDLY", "term_oflags_bsdly", "BS?"},
            {"VTDLY", "term_oflags_vtdly", "VT?"}, {"FFDLY", "term_oflags_ffdly", "FF?"}};
    private static final StructRenderers.Field WS_ROW = new StructRenderers.Field(X86_64.WINSIZE, "ws_row");
    private static final StructRenderers.Field WS_COL = new StructRenderers.Field(X86_64.WINSIZE, "ws_col");
    private static final StructRenderers.Field WS_XPIXEL = new StructRenderers.Field(X86_64.WINSIZE, "ws_xpixel");
    private static final StructRenderers.Field WS_YPIXEL = new StructRenderers.Field(X86_64.WINSIZE, "ws_ypixel");

    private TerminalIoctls() {
    }

    private static void kind(Arg arg, boolean written, String... names) {
        for (String name : names) {
            KINDS.put(IoctlRequests.code(name), new Kind(arg, written));
        }
    }

    /** At the entry: the argument as strace shows it then (a written one: its address until the call succeeded). */
    static void entry(ArgumentCursor c, long code) {
        Kind kind = KINDS.get(code);
        if (kind == null) {
            c.hexArg(2);
        } else if (kind.arg != Arg.NONE) {
            c.add(kind.written ? StraceText.pointer(c.args[2]) : argument(c, kind.arg));
        }
    }

    /** At the exit of a call that succeeded: what a "get" request wrote. */
    static void exit(ArgumentCursor c, long code) {
        Kind kind = KINDS.get(code);
        if (kind != null && kind.written) {
            c.replace(2, argument(c, kind.arg));
        }
    }

    private static String argument(ArgumentCursor c, Arg arg) {
        long address = c.args[2];
        switch (arg) {
            case TERMIOS: return termios(c.tracee, address, X86_64.TERMIOS);
            case TERMIOS2: return termios(c.tracee, address, X86_64.TERMIOS2);
            case TERMIO: return termios(c.tracee, address, X86_64.TERMIO);
            case WINSIZE: return winsize(c.tracee, address);
            case INT: return intAt(c.tracee, address);
            case MODEM: return modem(c.tracee, address);
            case TCXONC: return Xlats.xval(Constants.group("term_tcxonc"), address, "TC???");
            case TCFLSH: return Xlats.xval(Constants.group("term_tcflsh"), address, "TC???");
            case DECIMAL: return Integer.toString((int) address);
            case CHAR: return TraceeStrings.bytes(c.tracee, address, 1, false);
            default: throw new IllegalStateException(arg.name());
        }
    }

    /** printnum_int: {@code [5]}, NULL, or the address when unreadable. */
    static String intAt(TraceeAccess tracee, long address) {
        byte[] b = address == 0 ? null : tracee.read(address, Integer.BYTES);
        return b == null ? StraceText.pointer(address) : "[" + (int) LittleEndian.u32(b, 0) + "]";
    }

    private static String modem(TraceeAccess tracee, long address) {
        byte[] b = address == 0 ? null : tracee.read(address, Integer.BYTES);
        return b == null ? StraceText.pointer(address)
                : "[" + Xlats.flags(MODEM_FLAGS, LittleEndian.u32(b, 0), "TIOCM_???") + "]";
    }

    /** termios, termios2 or termio (their flag words differ only in width): the four flag words, then "...". */
    static String termios(TraceeAccess tracee, long address, StructLayout layout) {
        byte[] b = address == 0 ? null : tracee.read(address, layout.size());
        if (b == null) {
            return StraceText.pointer(address);
        }
        long iflag = word(b, layout, "c_iflag");
        long oflag = word(b, layout, "c_oflag");
        long cflag = word(b, layout, "c_cflag");
        long lflag = word(b, layout, "c_lflag");
        return "{c_iflag=" + Xlats.flags(IFLAGS, iflag, null) + ", c_oflag=" + oflag(oflag)
                + ", c_cflag=" + cflag(cflag) + ", c_lflag=" + Xlats.flags(LFLAGS, lflag, null) + ", ...}";
    }

    private static long word(byte[] b, StructLayout layout, String field) {
        return LittleEndian.get(b, layout.offset(field), layout.size(field));
    }

    /** decode_oflag: each delay field by name (even when zero), then the other flags. */
    private static String oflag(long value) {
        StringBuilder sb = new StringBuilder();
        long rest = value;
        for (String[] d : DELAYS) {
            long mask = Constants.value("term_oflags_mask", d[0]);
            sb.append(Xlats.xval(Constants.group(d[1]), rest & mask, d[2])).append('|');
            rest &= ~mask;
        }
        return sb.append(Xlats.flags(OFLAGS, rest, null)).toString();
    }

    /** decode_cflag: the output speed, the input speed when set ({@code B38400<<IBSHIFT}), the size, the flags. */
    private static String cflag(long value) {
        StringBuilder sb = new StringBuilder(Xlats.xval(BAUD, value & CBAUD, "B???")).append('|');
        if ((value & CIBAUD) != 0) {
            sb.append(Xlats.xval(BAUD, (value & CIBAUD) >>> IBSHIFT, "B???")).append("<<IBSHIFT|");
        }
        sb.append(Xlats.xval(CSIZES, value & CSIZE, "CS?")).append('|');
        return sb.append(Xlats.flags(CFLAGS, value & ~(CBAUD | CIBAUD | CSIZE), null)).toString();
    }

    static String winsize(TraceeAccess tracee, long address) {
        byte[] b = address == 0 ? null : tracee.read(address, X86_64.WINSIZE.size());
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "{ws_row=" + WS_ROW.of(b) + ", ws_col=" + WS_COL.of(b) + ", ws_xpixel=" + WS_XPIXEL.of(b)
                + ", ws_ypixel=" + WS_YPIXEL.of(b) + "}";
    }
}
