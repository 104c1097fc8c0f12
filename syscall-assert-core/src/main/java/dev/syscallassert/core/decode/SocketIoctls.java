package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The socket ioctls (type 0x89) as strace's sock.c prints them: SIOCGIFCONF's struct ifconf (the length, with the
 * kernel's answer after {@code =>}, and the interfaces it listed), the interface queries by name or index with the
 * field the kernel filled in ({@code {ifr_name="lo", ifr_ifindex=1}}), the interface settings, and the int-valued
 * ones. Requests strace shows as an address (routes, ARP, bonding, ...) are shown so too; others in hex.
 * Stateless; called on the tracer thread.
 */
final class SocketIoctls {

    private static final long SIOCGIFCONF = IoctlRequests.code("SIOCGIFCONF");
    private static final long SIOCGIFNAME = IoctlRequests.code("SIOCGIFNAME");
    private static final long SIOCSIFNAME = IoctlRequests.code("SIOCSIFNAME");
    /** Queries that name the interface at the entry and get one field back. */
    private static final Set<Long> GETS = codes("SIOCGIFADDR", "SIOCGIFBRDADDR", "SIOCGIFDSTADDR", "SIOCGIFFLAGS",
            "SIOCGIFHWADDR", "SIOCGIFINDEX", "SIOCGIFMAP", "SIOCGIFMETRIC", "SIOCGIFMTU", "SIOCGIFNAME",
            "SIOCGIFNETMASK", "SIOCGIFSLAVE", "SIOCGIFTXQLEN");
    private static final Set<Long> SETS = codes("SIOCADDMULTI", "SIOCDELMULTI", "SIOCSIFADDR", "SIOCSIFBRDADDR",
            "SIOCSIFDSTADDR", "SIOCSIFFLAGS", "SIOCSIFHWADDR", "SIOCSIFHWBROADCAST", "SIOCSIFMAP", "SIOCSIFMETRIC",
            "SIOCSIFMTU", "SIOCSIFNAME", "SIOCSIFNETMASK", "SIOCSIFSLAVE", "SIOCSIFTXQLEN");
    private static final Set<Long> INT_GETS = codes("FIOGETOWN", "SIOCATMARK", "SIOCGIFENCAP", "SIOCGPGRP",
            "SIOCOUTQNSD");
    private static final Set<Long> INT_SETS = codes("FIOSETOWN", "SIOCSIFENCAP", "SIOCSPGRP");
    private static final Set<Long> ADDRESSES = codes("SIOCADDDLCI", "SIOCADDRT", "SIOCBONDCHANGEACTIVE",
            "SIOCBONDENSLAVE", "SIOCBONDINFOQUERY", "SIOCBONDRELEASE", "SIOCBONDSETHWADDR",
            "SIOCBONDSLAVEINFOQUERY", "SIOCDARP", "SIOCDELDLCI", "SIOCDELRT", "SIOCDIFADDR", "SIOCDRARP",
            "SIOCETHTOOL", "SIOCGARP", "SIOCGHWTSTAMP", "SIOCGIFBR", "SIOCGIFCOUNT", "SIOCGIFMEM", "SIOCGIFPFLAGS",
            "SIOCGIFVLAN", "SIOCGMIIPHY", "SIOCGMIIREG", "SIOCGRARP", "SIOCGSKNS", "SIOCGSTAMP_OLD",
            "SIOCGSTAMP_NEW", "SIOCGSTAMPNS_OLD", "SIOCGSTAMPNS_NEW", "SIOCRTMSG", "SIOCSARP", "SIOCSHWTSTAMP",
            "SIOCSIFBR", "SIOCSIFLINK", "SIOCSIFMEM", "SIOCSIFPFLAGS", "SIOCSIFVLAN", "SIOCSMIIREG", "SIOCSRARP",
            "SIOCWANDEV");
    private static final Set<Long> NAMES = codes("SIOCBRADDBR", "SIOCBRDELBR");
    /** Which ifreq field each interface request reads or fills in (print_ifreq's switch). */
    private static final Map<Long, String> FIELDS = new HashMap<>();

    static {
        fields("ifr_addr", "SIOCSIFADDR", "SIOCGIFADDR");
        fields("ifr_dstaddr", "SIOCSIFDSTADDR", "SIOCGIFDSTADDR");
        fields("ifr_broadaddr", "SIOCSIFBRDADDR", "SIOCGIFBRDADDR");
        fields("ifr_netmask", "SIOCSIFNETMASK", "SIOCGIFNETMASK");
        fields("ifr_flags", "SIOCSIFFLAGS", "SIOCGIFFLAGS");
        fields("ifr_ifindex", "SIOCGIFINDEX");
        fields("ifr_metric", "SIOCSIFMETRIC", "SIOCGIFMETRIC");
        fields("ifr_mtu", "SIOCSIFMTU", "SIOCGIFMTU");
        fields("ifr_slave", "SIOCSIFSLAVE", "SIOCGIFSLAVE");
        fields("ifr_newname", "SIOCSIFNAME");
        fields("ifr_name", "SIOCGIFNAME");
        fields("ifr_qlen", "SIOCSIFTXQLEN", "SIOCGIFTXQLEN");
    }
    private static final Set<Long> INDEXES = codes("SIOCBRADDIF", "SIOCBRDELIF");

    private static final int IFREQ_SIZE = X86_64.IFREQ.size();
    private static final int IFR_NAME = X86_64.IFREQ.offset("ifr_name");
    private static final int IFNAMSIZ = Constants.intValue("ifnamsiz", "IFNAMSIZ");
    private static final int IFR_ADDR = X86_64.IFREQ.offset("ifr_addr");
    private static final int IFR_ADDR_SIZE = X86_64.IFREQ.size("ifr_addr");
    private static final StructRenderers.Field IFR_FLAGS = new StructRenderers.Field(X86_64.IFREQ, "ifr_flags");
    private static final StructRenderers.Field IFR_IFINDEX = new StructRenderers.Field(X86_64.IFREQ, "ifr_ifindex");
    private static final StructRenderers.Field IFR_MTU = new StructRenderers.Field(X86_64.IFREQ, "ifr_mtu");
    private static final StructRenderers.Field IFR_METRIC = new StructRenderers.Field(X86_64.IFREQ, "ifr_metric");
    private static final StructRenderers.Field IFR_QLEN = new StructRenderers.Field(X86_64.IFREQ, "ifr_qlen");
    private static final int IFR_NEWNAME = X86_64.IFREQ.offset("ifr_newname");
    private static final int IFR_SLAVE = X86_64.IFREQ.offset("ifr_slave");
    private static final Xlat IFF_FLAGS = Constants.group("iff_flags");
    private static final StructRenderers.Field IFC_LEN = new StructRenderers.Field(X86_64.IFCONF, "ifc_len");
    private static final StructRenderers.Field IFC_BUF = new StructRenderers.Field(X86_64.IFCONF, "ifc_buf");
    /** What is kept of the entry's struct ifconf for the exit: ifc_len in the low 32 bits, this bit for a buffer. */
    private static final long HAD_BUFFER = 1L << Integer.SIZE;

    private SocketIoctls() {
    }

    private static void fields(String field, String... requests) {
        for (String request : requests) {
            FIELDS.put(IoctlRequests.code(request), field);
        }
    }

    private static Set<Long> codes(String... names) {
        Long[] out = new Long[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = IoctlRequests.code(names[i]);
        }
        return Set.of(out);
    }

    static void entry(ArgumentCursor c, long code) {
        long arg = c.args[2];
        if (code == SIOCGIFCONF) {
            ifconfEntry(c, arg);
        } else if (NAMES.contains(code)) {
            c.add(TraceeStrings.cstring(c.tracee, arg, IFNAMSIZ));
        } else if (INT_GETS.contains(code)) {
            c.pointer(2);
        } else if (INT_SETS.contains(code)) {
            c.add(TerminalIoctls.intAt(c.tracee, arg));
        } else if (INDEXES.contains(code)) {
            byte[] ifr = read(c, arg);
            c.add(ifr == null ? StraceText.pointer(arg) : "{ifr_ifindex=" + (int) IFR_IFINDEX.of(ifr) + "}");
        } else if (SETS.contains(code)) {
            byte[] ifr = read(c, arg);
            c.add(ifr == null ? StraceText.pointer(arg) : "{ifr_name=" + name(ifr, IFR_NAME) + ", "
                    + field(code, ifr) + "}");
        } else if (GETS.contains(code)) {
            // What the call fills in is added at its exit; a failed call shows only what it was asked.
            byte[] ifr = read(c, arg);
            c.add(ifr == null ? StraceText.pointer(arg) : getHead(code, ifr) + "}");
        } else if (ADDRESSES.contains(code)) {
            c.pointer(2);
        } else {
            c.hexArg(2);
        }
    }

    /** At the exit of a call that succeeded: what the kernel wrote back. */
    static void exit(ArgumentCursor c, long code) {
        long arg = c.args[2];
        if (code == SIOCGIFCONF) {
            String ifconf = c.out.inOutValueAtEntry == null ? null : ifconfExit(c, arg, c.out.inOutValueAtEntry);
            if (ifconf != null) {
                c.replace(2, ifconf);
            }
        } else if (INT_GETS.contains(code)) {
            c.replace(2, TerminalIoctls.intAt(c.tracee, arg));
        } else if (GETS.contains(code)) {
            byte[] ifr = read(c, arg);
            if (ifr != null) {
                String field = field(code, ifr);
                c.replace(2, getHead(code, ifr) + (field.isEmpty() ? "" : ", " + field) + "}");
            }
        }
    }

    private static byte[] read(ArgumentCursor c, long address) {
        return address == 0 ? null : c.tracee.read(address, IFREQ_SIZE);
    }

    /** What a query was asked: the interface by name, or SIOCGIFNAME's by index; without the closing brace. */
    private static String getHead(long code, byte[] ifr) {
        return code == SIOCGIFNAME ? "{ifr_ifindex=" + (int) IFR_IFINDEX.of(ifr)
                : "{ifr_name=" + name(ifr, IFR_NAME);
    }

    /** print_ifreq: the one field the request is about; nothing for the ones not decoded here (hwaddr, map). */
    private static String field(long code, byte[] ifr) {
        String field = FIELDS.get(code);
        if (field == null) {
            return "";
        }
        switch (field) {
            case "ifr_addr": case "ifr_dstaddr": case "ifr_broadaddr": case "ifr_netmask":
                return field + "=" + sockaddr(ifr);
            case "ifr_flags": return field + "=" + Xlats.flags(IFF_FLAGS, IFR_FLAGS.of(ifr), "IFF_???");
            case "ifr_ifindex": return field + "=" + (int) IFR_IFINDEX.of(ifr);
            case "ifr_metric": return field + "=" + (int) IFR_METRIC.of(ifr);
            case "ifr_mtu": return field + "=" + (int) IFR_MTU.of(ifr);
            case "ifr_qlen": return field + "=" + (int) IFR_QLEN.of(ifr);
            case "ifr_slave": return field + "=" + name(ifr, IFR_SLAVE);
            case "ifr_newname": return field + "=" + name(ifr, IFR_NEWNAME);
            case "ifr_name": return field + "=" + name(ifr, IFR_NAME);
            default: throw new IllegalStateException(field);
        }
    }

    /** The ifreq's address union as a sockaddr (all of its address fields share the same bytes). */
    private static String sockaddr(byte[] ifr) {
        return Sockaddrs.decode(Arrays.copyOfRange(ifr, IFR_ADDR, IFR_ADDR + IFR_ADDR_SIZE), IFR_ADDR_SIZE).rendered();
    }

    /** An IFNAMSIZ name field: quoted up to its NUL, {@code ...} when it has none (print_quoted_cstring). */
    private static String name(byte[] ifr, int offset) {
        int n = 0;
        while (n < IFNAMSIZ && ifr[offset + n] != 0) {
            n++;
        }
        return StraceText.quote(Arrays.copyOfRange(ifr, offset, offset + n), n, n == IFNAMSIZ);
    }

    // ------------------------------------------------------------------------------------------------ SIOCGIFCONF

    /** {@code {ifc_len=80 /* 2 * sizeof(struct ifreq) *}{@code /, ifc_buf=0x...}}: how a failed call shows it too. */
    private static void ifconfEntry(ArgumentCursor c, long arg) {
        byte[] ifc = arg == 0 ? null : c.tracee.read(arg, X86_64.IFCONF.size());
        if (ifc == null) {
            c.pointer(2);
            return;
        }
        int len = (int) IFC_LEN.of(ifc);
        long buf = IFC_BUF.of(ifc);
        c.out.inOutValueAtEntry = (buf != 0 ? HAD_BUFFER : 0) | (len & 0xffffffffL);
        c.add("{ifc_len=" + ifcLen(len) + ", ifc_buf=" + StraceText.pointer(buf) + "}");
    }

    private static String ifconfExit(ArgumentCursor c, long arg, long atEntry) {
        boolean hadBuffer = (atEntry & HAD_BUFFER) != 0;
        int entryLen = (int) atEntry;
        byte[] ifc = c.tracee.read(arg, X86_64.IFCONF.size());
        if (ifc == null) {
            return null;
        }
        int len = (int) IFC_LEN.of(ifc);
        long buf = IFC_BUF.of(ifc);
        StringBuilder sb = new StringBuilder("{ifc_len=");
        if (hadBuffer) {
            sb.append(ifcLen(entryLen));
            if (entryLen != len) {
                sb.append(" => ").append(ifcLen(len));
            }
        } else {
            sb.append(ifcLen(len));
        }
        sb.append(", ifc_buf=");
        if (!hadBuffer) {
            sb.append(StraceText.pointer(0));
            if (buf != 0) {
                sb.append(" => ").append(StraceText.pointer(buf));
            }
        } else {
            sb.append(TraceeArrays.render(c.tracee, buf, Integer.toUnsignedLong(len) / IFREQ_SIZE, IFREQ_SIZE,
                    (out, ifr) -> {
                        out.append("{ifr_name=").append(name(ifr, IFR_NAME)).append(", ifr_addr=")
                                .append(sockaddr(ifr)).append('}');
                        return true;
                    }));
        }
        return sb.append('}').toString();
    }

    /** print_ifc_len: the length, and how many ifreqs it is when it is a whole number of them. */
    private static String ifcLen(int len) {
        int n = Integer.divideUnsigned(len, IFREQ_SIZE);
        return len > 0 && n * IFREQ_SIZE == len ? len + " /* " + n + " * sizeof(struct ifreq) */" : Integer.toString(len);
    }
}
