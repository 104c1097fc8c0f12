package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * getsockopt and setsockopt as strace 6.1 prints them (strace's net.c): the level and option by name
 * ({@code SOL_SOCKET, SO_REUSEADDR}, {@code SOL_TCP, TCP_NODELAY}), int values as {@code [1]}, SO_ERROR's value as
 * the errno it holds ({@code [ECONNREFUSED]}), SO_LINGER and SO_PEERCRED as structs, multicast memberships as
 * addresses, anything else as its bytes; getsockopt's length as {@code [4]} or {@code [16 => 4]}. A successful
 * getsockopt(SOL_SOCKET, SO_ERROR) also records the error as {@link DecodedCall#socketError}, how a non-blocking
 * connect learns its outcome. Stateless; called on the tracer thread.
 */
final class SocketOptionDecoders {

    private static final Xlat LEVELS = Constants.group("socketlayers");
    private static final long SOL_SOCKET = Constants.value("socket_level", "SOL_SOCKET");
    private static final long SOL_IP = LEVELS.value("SOL_IP");
    private static final long SOL_NETLINK = LEVELS.value("SOL_NETLINK");
    private static final Xlat SO = Constants.group("sock_options");
    private static final long SO_ERROR = Constants.value("socket_option", "SO_ERROR");
    private static final long SO_LINGER = SO.value("SO_LINGER");
    private static final long SO_PEERCRED = SO.value("SO_PEERCRED");
    private static final Xlat IP = Constants.group("sock_ip_options");

    /** The option tables of each level: the common one, then getsockopt's or setsockopt's own (strace's lists). */
    private static final Map<Long, Xlat[]> GET_NAMES = new HashMap<>();
    private static final Map<Long, Xlat[]> SET_NAMES = new HashMap<>();
    private static final Map<Long, String> UNKNOWN = new HashMap<>();

    /** The SOL_SOCKET options whose value is an int (strace's "All known int-like options"). */
    private static final Set<Long> INT_OPTIONS = new HashSet<>();

    private static final int LINGER_SIZE = X86_64.LINGER.size();
    private static final int UCRED_SIZE = X86_64.UCRED.size();
    /** struct ip_mreq: two IPv4 addresses. */
    private static final int IP_MREQ_SIZE = 2 * Integer.BYTES;

    static {
        level("SOL_SOCKET", "SO_???", "sock_options", "getsock_options", "setsock_options");
        // strace's get/set-only SOL_IP and SOL_IPV6 tables hold only the iptables options, which are left out.
        level("SOL_IP", "IP_???", "sock_ip_options", null, null);
        level("SOL_IPV6", "IPV6_???", "sock_ipv6_options", null, null);
        level("SOL_PACKET", "PACKET_???", "sock_packet_options", null, null);
        level("SOL_TCP", "TCP_???", "sock_tcp_options", null, null);
        level("SOL_RAW", "RAW_???", "sock_raw_options", null, null);
        level("SOL_NETLINK", "NETLINK_???", "sock_netlink_options", null, null);
        level("SOL_UDP", "UDP_???", "sock_udp_options", null, null);
        for (String name : new String[] {"SO_DEBUG", "SO_REUSEADDR", "SO_DONTROUTE", "SO_BROADCAST", "SO_SNDBUF",
            "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY", "SO_BSDCOMPAT", "SO_REUSEPORT",
            "SO_PASSCRED", "SO_RCVLOWAT", "SO_SNDLOWAT", "SO_DETACH_FILTER", "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN",
            "SO_SNDBUFFORCE", "SO_RCVBUFFORCE", "SO_PASSSEC", "SO_TIMESTAMPNS_OLD", "SO_MARK", "SO_TIMESTAMPING_OLD",
            "SO_RXQ_OVFL", "SO_WIFI_STATUS", "SO_PEEK_OFF", "SO_NOFCS", "SO_LOCK_FILTER", "SO_SELECT_ERR_QUEUE",
            "SO_BUSY_POLL", "SO_INCOMING_CPU", "SO_CNX_ADVICE", "SO_INCOMING_NAPI_ID", "SO_ZEROCOPY",
            "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW", "SO_DETACH_REUSEPORT_BPF",
            "SO_PREFER_BUSY_POLL", "SO_BUSY_POLL_BUDGET", "SO_RESERVE_MEM", "SO_RCVMARK"}) {
            for (Xlat.Entry e : SO.entries()) {
                if (e.name().equals(name)) {
                    INT_OPTIONS.add(e.value());
                }
            }
        }
    }

    private SocketOptionDecoders() {
    }

    private static void level(String level, String unknown, String common, String get, String set) {
        long value = LEVELS.value(level);
        Xlat c = Constants.group(common);
        GET_NAMES.put(value, get == null ? new Xlat[] {c} : new Xlat[] {c, Constants.group(get)});
        SET_NAMES.put(value, set == null ? new Xlat[] {c} : new Xlat[] {c, Constants.group(set)});
        UNKNOWN.put(value, unknown);
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "getsockopt" -> SyscallDecoder.of(c -> {
                levelAndName(c, GET_NAMES);
                c.pointer(3);
                byte[] len = c.args[4] == 0 ? null : c.tracee.read(c.args[4], Integer.BYTES);
                if (len == null) {
                    c.pointer(4);
                } else {
                    c.out.inOutValueAtEntry = (long) (int) LittleEndian.u32(len, 0);
                    c.add("[" + c.out.inOutValueAtEntry + "]");
                }
            }, SocketOptionDecoders::getsockoptExit);
            case "setsockopt" -> SyscallDecoder.of(c -> {
                levelAndName(c, SET_NAMES);
                c.add(setValue(c.tracee, c.args[1] & 0xffffffffL, c.args[2] & 0xffffffffL, c.args[3], c.int32(4)));
                c.int32Arg(4);
            });
            default -> null;
        };
    }

    private static void levelAndName(ArgumentCursor c, Map<Long, Xlat[]> names) {
        c.fd(0);
        long level = c.args[1] & 0xffffffffL;
        long name = c.args[2] & 0xffffffffL;
        c.add(Xlats.xvals(level, "SOL_??", LEVELS));
        Xlat[] tables = names.get(level);
        c.add(tables == null ? Long.toString(name) : Xlats.xvals(name, UNKNOWN.get(level), tables));
    }

    private static void getsockoptExit(ArgumentCursor c, long ret) {
        long level = c.args[1] & 0xffffffffL;
        long name = c.args[2] & 0xffffffffL;
        byte[] len = c.out.inOutValueAtEntry == null ? null : c.tracee.read(c.args[4], Integer.BYTES);
        if (len == null) {
            return;
        }
        int ulen = (int) (long) c.out.inOutValueAtEntry;
        int rlen = (int) LittleEndian.u32(len, 0);
        c.replace(3, getValue(c.tracee, level, name, c.args[3], ulen, rlen));
        c.replace(4, ulen == rlen ? "[" + rlen + "]" : "[" + ulen + " => " + rlen + "]");
        if (level == SOL_SOCKET && name == SO_ERROR && c.args[3] != 0) {
            byte[] value = c.tracee.read(c.args[3], Integer.BYTES);
            if (value != null) {
                c.out.socketError = (int) LittleEndian.u32(value, 0);
            }
        }
    }

    /** strace's print_getsockopt: what the kernel wrote, {@code rlen} bytes of it. */
    private static String getValue(TraceeAccess tracee, long level, long name, long address, int ulen, int rlen) {
        if (ulen <= 0 || rlen <= 0) {
            return StraceText.pointer(address);
        }
        if (address != 0 && level == SOL_SOCKET) {
            if (name == SO_LINGER) {
                return struct(tracee, address, Math.min(rlen, LINGER_SIZE), X86_64.LINGER, "l_onoff", "l_linger");
            }
            if (name == SO_PEERCRED) {
                return struct(tracee, address, Math.min(rlen, UCRED_SIZE), X86_64.UCRED, "pid", "uid", "gid");
            }
            if (name == SO_ERROR) {
                if (rlen < Integer.BYTES) {
                    return TraceeBytes.hex(tracee, address, rlen);
                }
                return TraceeNumbers.intAt(tracee, address, v -> {
                    String errno = Constants.errnoName((int) v);
                    return errno != null ? errno : Long.toString(v);
                });
            }
            if (INT_OPTIONS.contains(name)) {
                return rlen >= Integer.BYTES ? TraceeNumbers.intAt(tracee, address)
                        : TraceeBytes.hex(tracee, address, rlen);
            }
        }
        if (address != 0 && level == SOL_NETLINK) {
            return TraceeNumbers.intAt(tracee, address);
        }
        return rlen == Integer.BYTES ? TraceeNumbers.intAt(tracee, address)
                : TraceeStrings.bytes(tracee, address, rlen, false);
    }

    /** strace's print_setsockopt: the value the call hands the kernel. */
    private static String setValue(TraceeAccess tracee, long level, long name, long address, int len) {
        if (address != 0 && level == SOL_SOCKET) {
            if (name == SO_LINGER) {
                return len < LINGER_SIZE ? StraceText.hex(address)
                        : struct(tracee, address, LINGER_SIZE, X86_64.LINGER, "l_onoff", "l_linger");
            }
            if (INT_OPTIONS.contains(name)) {
                return len < Integer.BYTES ? StraceText.hex(address) : TraceeNumbers.intAt(tracee, address);
            }
        }
        if (address != 0 && level == SOL_IP
                && (name == IP.value("IP_ADD_MEMBERSHIP") || name == IP.value("IP_DROP_MEMBERSHIP"))) {
            return len < IP_MREQ_SIZE ? StraceText.hex(address) : ipMreq(tracee, address);
        }
        if (address != 0 && level == SOL_NETLINK) {
            return len < Integer.BYTES ? StraceText.hex(address) : TraceeNumbers.intAt(tracee, address);
        }
        return len == Integer.BYTES ? TraceeNumbers.intAt(tracee, address)
                : TraceeStrings.bytes(tracee, address, len & 0xffffffffL, false);
    }

    /** struct ip_mreq: {@code {imr_multiaddr=inet_addr("224.0.0.251"), imr_interface=inet_addr("0.0.0.0")}}. */
    private static String ipMreq(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, IP_MREQ_SIZE, b -> "{imr_multiaddr=inet_addr(\"" + Sockaddrs.dotted(b, 0)
                + "\"), imr_interface=inet_addr(\"" + Sockaddrs.dotted(b, Integer.BYTES) + "\")}");
    }

    /**
     * A struct of int fields the kernel wrote {@code length} bytes of: each field that fits whole as a signed
     * decimal, a field cut short as its bytes in hex (strace's MAYBE_PRINT_FIELD_LEN).
     */
    private static String struct(TraceeAccess tracee, long address, int length, StructLayout layout,
                                 String... fields) {
        byte[] b = tracee.read(address, length);
        if (b == null) {
            return StraceText.hex(address);
        }
        StringBuilder sb = new StringBuilder("{");
        for (String field : fields) {
            int start = layout.offset(field);
            int end = start + layout.size(field);
            if (length <= start) {
                break;
            }
            sb.append(start > 0 ? ", " : "").append(field).append('=');
            if (length >= end) {
                sb.append((int) LittleEndian.get(b, start, layout.size(field)));
            } else {
                byte[] part = new byte[length - start];
                System.arraycopy(b, start, part, 0, part.length);
                sb.append(TraceeBytes.hexQuote(part, part.length, false));
            }
        }
        return sb.append('}').toString();
    }
}
