package dev.syscallassert.core.decode;

import dev.syscallassert.ByteStrings;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Decodes a {@code struct sockaddr} read from the tracee into strace's text and our short address form. The families
 * ordinary programs use (AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, AF_PACKET) are decoded field by field; others show
 * their raw sa_data as strace does for a family it has no decoder for; only the first three have an address form.
 * Public only for {@link #inet6Text}, the one IPv6 text formatter. Stateless:
 * any thread.
 */
public final class Sockaddrs {

    static final int AF_UNSPEC;
    static final int AF_UNIX;
    static final int AF_INET;
    static final int AF_INET6;
    static final int AF_NETLINK;
    static final int AF_PACKET;
    private static final Xlat FAMILIES;

    static {
        FAMILIES = Constants.group("address_family");
        AF_UNSPEC = (int) FAMILIES.value("AF_UNSPEC");
        AF_UNIX = (int) FAMILIES.value("AF_UNIX");
        AF_INET = (int) FAMILIES.value("AF_INET");
        AF_INET6 = (int) FAMILIES.value("AF_INET6");
        AF_NETLINK = (int) FAMILIES.value("AF_NETLINK");
        AF_PACKET = (int) FAMILIES.value("AF_PACKET");
    }

    /** strace's text and our address ("127.0.0.1:80", "unix:/x"); address is null for families we do not name. */
    record Decoded(String rendered, String address) {
    }

    /** sizeof(struct sockaddr_storage): the kernel never copies more than this. */
    private static final int SOCKADDR_STORAGE_SIZE = X86_64.SOCKADDR_STORAGE.size();
    /** sizeof(sa_family_t), the field every sockaddr starts with; sa_data, sin_port, sun_path... follow it. */
    private static final int FAMILY_SIZE = X86_64.SOCKADDR.size("sa_family");
    // Ports, flow labels and addresses are in network byte order; sa_family and sin6_scope_id in host order.
    private static final int SIN_PORT = X86_64.SOCKADDR_IN.offset("sin_port");
    private static final int SIN_ADDR = X86_64.SOCKADDR_IN.offset("sin_addr");
    private static final int SIZEOF_SOCKADDR_IN = X86_64.SOCKADDR_IN.size();
    private static final int SIN6_PORT = X86_64.SOCKADDR_IN6.offset("sin6_port");
    private static final int SIN6_FLOWINFO = X86_64.SOCKADDR_IN6.offset("sin6_flowinfo");
    private static final int SIN6_ADDR = X86_64.SOCKADDR_IN6.offset("sin6_addr");
    private static final int IN6_ADDR_SIZE = X86_64.SOCKADDR_IN6.size("sin6_addr");
    private static final int SIN6_SCOPE_ID = X86_64.SOCKADDR_IN6.offset("sin6_scope_id");
    /** RFC 2133's sockaddr_in6 had no sin6_scope_id; the kernel still accepts that 24-byte form. */
    private static final int SIZEOF_SOCKADDR_IN6_RFC2133 = SIN6_SCOPE_ID;
    private static final int SIZEOF_SOCKADDR_IN6 = X86_64.SOCKADDR_IN6.size();
    private static final int SUN_PATH = X86_64.SOCKADDR_UN.offset("sun_path");
    private static final int SIZEOF_SOCKADDR_NL = X86_64.SOCKADDR_NL.size();
    private static final int NL_PAD = X86_64.SOCKADDR_NL.offset("nl_pad");
    private static final int NL_PID = X86_64.SOCKADDR_NL.offset("nl_pid");
    private static final int NL_GROUPS = X86_64.SOCKADDR_NL.offset("nl_groups");
    private static final int NL_GROUPS_SIZE = X86_64.SOCKADDR_NL.size("nl_groups");
    private static final int SIZEOF_SOCKADDR_LL = X86_64.SOCKADDR_LL.size();
    private static final int SLL_PROTOCOL = X86_64.SOCKADDR_LL.offset("sll_protocol");
    private static final int SLL_IFINDEX = X86_64.SOCKADDR_LL.offset("sll_ifindex");
    private static final int SLL_HATYPE = X86_64.SOCKADDR_LL.offset("sll_hatype");
    private static final int SLL_PKTTYPE = X86_64.SOCKADDR_LL.offset("sll_pkttype");
    private static final int SLL_HALEN = X86_64.SOCKADDR_LL.offset("sll_halen");
    private static final int SLL_ADDR = X86_64.SOCKADDR_LL.offset("sll_addr");

    private Sockaddrs() {
    }

    /** strace's rule: NULL, the address when shorter than the family field or unreadable, else the decoded struct. */
    static Decoded read(TraceeAccess tracee, long address, int length) {
        if (address == 0) {
            return new Decoded("NULL", null);
        }
        int n = Math.min(length, SOCKADDR_STORAGE_SIZE);
        byte[] bytes = n >= FAMILY_SIZE ? tracee.read(address, n) : null;
        if (bytes == null) {
            return new Decoded(StraceText.hex(address), null);
        }
        return decode(bytes, n);
    }

    /** Decodes {@code length} bytes (at least the family) of {@code bytes}. */
    static Decoded decode(byte[] bytes, int length) {
        int family = LittleEndian.u16(bytes, 0);
        String familyName = FAMILIES.valueOrUnknown(family, "AF_");
        StringBuilder sb = new StringBuilder("{sa_family=").append(familyName);
        String address = null;
        if (family == AF_INET && length >= SIZEOF_SOCKADDR_IN) {
            int port = port(bytes, SIN_PORT);
            String ip = dotted(bytes, SIN_ADDR);
            sb.append(", sin_port=htons(").append(port).append("), sin_addr=inet_addr(\"").append(ip).append("\")");
            address = ip + ":" + port;
        } else if (family == AF_INET6 && length >= SIZEOF_SOCKADDR_IN6_RFC2133) {
            int port = port(bytes, SIN6_PORT);
            long flowinfo = (bytes[SIN6_FLOWINFO] & 0xffL) << 24 | (bytes[SIN6_FLOWINFO + 1] & 0xff) << 16
                    | (bytes[SIN6_FLOWINFO + 2] & 0xff) << 8 | (bytes[SIN6_FLOWINFO + 3] & 0xff);
            byte[] ip = new byte[IN6_ADDR_SIZE];
            System.arraycopy(bytes, SIN6_ADDR, ip, 0, IN6_ADDR_SIZE);
            String text = inet6Text(ip);
            sb.append(", sin6_port=htons(").append(port).append("), sin6_flowinfo=htonl(").append(flowinfo)
                    .append("), inet_pton(AF_INET6, \"").append(text).append("\", &sin6_addr)");
            if (length >= SIZEOF_SOCKADDR_IN6) {
                long scope = LittleEndian.u32(bytes, SIN6_SCOPE_ID);
                sb.append(", sin6_scope_id=").append(ifindex(scope));
            }
            address = endpoint(ip, port);
        } else if (family == AF_UNIX) {
            int pathLength = length - SUN_PATH;
            if (pathLength > 0) {
                if (bytes[SUN_PATH] == 0) {
                    // Abstract: the name is every byte after the leading NUL, NULs included.
                    byte[] name = new byte[pathLength - 1];
                    System.arraycopy(bytes, SUN_PATH + 1, name, 0, name.length);
                    sb.append(", sun_path=@").append(StraceText.quote(name, name.length, false));
                    address = "unix:@" + ByteStrings.decode(name);
                } else {
                    int end = SUN_PATH;
                    while (end < length && bytes[end] != 0) {
                        end++;
                    }
                    byte[] path = new byte[end - SUN_PATH];
                    System.arraycopy(bytes, SUN_PATH, path, 0, path.length);
                    sb.append(", sun_path=").append(StraceText.quote(path, path.length, false));
                    address = "unix:" + ByteStrings.decode(path);
                }
            } else {
                address = "unix:";
            }
        } else if (family == AF_NETLINK && length >= SIZEOF_SOCKADDR_NL) {
            int pad = LittleEndian.u16(bytes, NL_PAD);
            if (pad != 0) {
                sb.append(", nl_pad=").append(StraceText.hex(pad));
            }
            sb.append(", nl_pid=").append((int) LittleEndian.u32(bytes, NL_PID))
                    .append(", nl_groups=")
                    .append(zeroPaddedHex(LittleEndian.u32(bytes, NL_GROUPS), 2 * NL_GROUPS_SIZE));
        } else if (family == AF_PACKET && length >= SIZEOF_SOCKADDR_LL) {
            packet(sb, bytes, length);
        } else if (length > FAMILY_SIZE) {
            // Too short for its family, or a family without a decoder: strace shows the raw sa_data.
            byte[] data = new byte[length - FAMILY_SIZE];
            System.arraycopy(bytes, FAMILY_SIZE, data, 0, data.length);
            sb.append(", sa_data=").append(StraceText.quote(data, data.length, false));
        }
        return new Decoded(sb.append('}').toString(), address);
    }

    /** struct sockaddr_ll as strace prints it: protocol, interface, hardware type, packet type and address. */
    private static void packet(StringBuilder sb, byte[] bytes, int length) {
        String protocol = Constants.group("ethernet_protocols").valueOrUnknown(port(bytes, SLL_PROTOCOL), "ETH_P_");
        int halen = bytes[SLL_HALEN] & 0xff;
        sb.append(", sll_protocol=htons(").append(protocol).append(')')
                .append(", sll_ifindex=").append(ifindex(LittleEndian.u32(bytes, SLL_IFINDEX)))
                .append(", sll_hatype=").append(Constants.group("arp_hardware_types")
                        .valueOrUnknown(LittleEndian.u16(bytes, SLL_HATYPE), "ARPHRD_"))
                .append(", sll_pkttype=").append(Constants.group("af_packet_types")
                        .valueOrUnknown(bytes[SLL_PKTTYPE] & 0xff, "PACKET_"))
                .append(", sll_halen=").append(halen);
        if (halen != 0) {
            // strace prints every byte sll_halen claims, "..." for those beyond the address the call passed.
            int inAddress = length - SLL_ADDR;
            sb.append(", sll_addr=[");
            for (int i = 0; i < halen; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                if (i >= inAddress) {
                    sb.append("...");
                    break;
                }
                // Within the bytes the call passed (which may run past sll_addr's 8 into the rest of the storage).
                sb.append(zeroPaddedHex(bytes[SLL_ADDR + i] & 0xff, 2));
            }
            sb.append(']');
        }
    }

    /** C's {@code %#0*x}: 0 as {@code width} zeros, anything else as 0x and hex digits, zero-padded to the width. */
    static String zeroPaddedHex(long value, int width) {
        if (value == 0) {
            return "0".repeat(width);
        }
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, width - 2 - digits.length())) + digits;
    }

    private static int port(byte[] b, int offset) {
        return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
    }

    /**
     * strace's print_ifindex: {@code if_nametoindex("lo")}, or the number when no interface has that index; named
     * as the tracer's network namespace sees it, as strace does.
     */
    static String ifindex(long index) {
        if (index == 0) {
            return "0";
        }
        try {
            NetworkInterface nif = index <= Integer.MAX_VALUE ? NetworkInterface.getByIndex((int) index) : null;
            if (nif != null) {
                return "if_nametoindex(\"" + nif.getName() + "\")";
            }
        } catch (SocketException | RuntimeException e) {
            // fall through to the number: naming the interface is a nicety, not worth failing the decode
        }
        return Long.toUnsignedString(index);
    }

    /**
     * An event's address text for a 4- or 16-byte IP and a port: "a.b.c.d:port" or "[v6]:port". The JDK connects IPv4
     * peers through IPv6 sockets as ::ffff:a.b.c.d; tests think of them as IPv4, so a v4-mapped address is shown so.
     */
    static String endpoint(byte[] ip, int port) {
        if (ip.length == 4) {
            return dotted(ip, 0) + ":" + port;
        }
        return (isV4Mapped(ip) ? dotted(ip, 12) : "[" + inet6Text(ip) + "]") + ":" + port;
    }

    static String dotted(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }

    static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff;
    }

    /**
     * glibc's inet_ntop for AF_INET6 (what strace prints): the longest run of at least two zero groups becomes "::"
     * (the first on a tie), groups in lower-case hex, and the last 32 bits dotted when the address is IPv4-mapped
     * or IPv4-compatible. Java's own formatting never compresses, so it cannot be used. Public so that every IPv6
     * address the project prints (the DSL's endpoints too) is spelt the way strace spells it.
     *
     * @param ip the 16 bytes of the address, in network order ({@code Inet6Address.getAddress()})
     */
    public static String inet6Text(byte[] ip) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (ip[2 * i] & 0xff) << 8 | (ip[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(ip[12] & 0xff).append('.').append(ip[13] & 0xff).append('.')
                        .append(ip[14] & 0xff).append('.').append(ip[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
