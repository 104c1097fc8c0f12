package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * One control message's type and data as strace 6.1 prints them (strace's print_cmsg_type_data): SCM_RIGHTS' fds
 * ({@code cmsg_data=[4]}), SCM_CREDENTIALS ({@code {pid=42, uid=0, gid=0}}), timestamps, and the IP level's
 * IP_PKTINFO, IP_TTL, IP_TOS and IP_ORIGDSTADDR; a type with no printer, or data shorter than its printer needs,
 * shows no cmsg_data. Stateless; called on the tracer thread.
 */
final class ControlMessages {

    private static final long SOL_SOCKET = Constants.value("socket_level", "SOL_SOCKET");
    private static final long SOL_IP = Constants.value("socketlayers", "SOL_IP");
    private static final Xlat SCM = Constants.group("scmvals");
    private static final Xlat IP_TYPES = Constants.group("ip_cmsg_types");

    private static final long SCM_RIGHTS = SCM.value("SCM_RIGHTS");
    private static final long SCM_CREDENTIALS = SCM.value("SCM_CREDENTIALS");
    private static final long SCM_SECURITY = SCM.value("SCM_SECURITY");
    private static final long TIMESTAMP_OLD = SCM.value("SO_TIMESTAMP_OLD");
    private static final long TIMESTAMPNS_OLD = SCM.value("SO_TIMESTAMPNS_OLD");
    private static final long TIMESTAMPING_OLD = SCM.value("SO_TIMESTAMPING_OLD");
    private static final long TIMESTAMP_NEW = SCM.value("SO_TIMESTAMP_NEW");
    private static final long TIMESTAMPNS_NEW = SCM.value("SO_TIMESTAMPNS_NEW");
    private static final long TIMESTAMPING_NEW = SCM.value("SO_TIMESTAMPING_NEW");
    /** SO_TIMESTAMPING's data: three timespecs (software, deprecated, hardware). */
    private static final int TIMESTAMPING_COUNT = 3;

    private static final int UCRED_SIZE = X86_64.UCRED.size();
    private static final int UCRED_PID = X86_64.UCRED.offset("pid");
    private static final int UCRED_UID = X86_64.UCRED.offset("uid");
    private static final int UCRED_GID = X86_64.UCRED.offset("gid");
    private static final int PKTINFO_SIZE = X86_64.IN_PKTINFO.size();
    private static final int IPI_IFINDEX = X86_64.IN_PKTINFO.offset("ipi_ifindex");
    private static final int IPI_SPEC_DST = X86_64.IN_PKTINFO.offset("ipi_spec_dst");
    private static final int IPI_ADDR = X86_64.IN_PKTINFO.offset("ipi_addr");
    private static final int TIMESPEC_SIZE = X86_64.TIMESPEC.size();
    private static final int SOCKADDR_IN_SIZE = X86_64.SOCKADDR_IN.size();
    private static final int SOCKADDR_STORAGE_SIZE = X86_64.SOCKADDR_STORAGE.size();

    private ControlMessages() {
    }

    /** {@code SCM_RIGHTS, cmsg_data=[4]}: the type by name, then its data when strace has a printer for it. */
    static String typeAndData(TraceeAccess tracee, long level, int type, byte[] b, int at, int len) {
        String data;
        String name;
        if (level == SOL_SOCKET) {
            name = SCM.valueOrUnknown(type, "SCM_");
            data = socketData(type, b, at, len);
        } else if (level == SOL_IP) {
            name = IP_TYPES.valueOrUnknown(type, "IP_");
            data = ipData(type, b, at, len);
        } else {
            return StraceText.hex(type & 0xffffffffL);
        }
        return data == null ? name : name + ", cmsg_data=" + data;
    }

    private static String socketData(long type, byte[] b, int at, int len) {
        if (type == SCM_RIGHTS && len >= Integer.BYTES) {
            return ints(b, at, len / Integer.BYTES, v -> Integer.toString((int) v));
        }
        if (type == SCM_CREDENTIALS && len >= UCRED_SIZE) {
            return "{pid=" + (int) LittleEndian.u32(b, at + UCRED_PID) + ", uid=" + id(b, at + UCRED_UID)
                    + ", gid=" + id(b, at + UCRED_GID) + "}";
        }
        if (len < 1) {
            return null;
        }
        if (type == SCM_SECURITY) {
            byte[] context = new byte[len];
            System.arraycopy(b, at, context, 0, len);
            return StraceText.quote(context, len, false);
        }
        if (type == TIMESTAMP_OLD || type == TIMESTAMP_NEW) {
            return len < TimeStructs.TIMEVAL_SIZE ? "???" : TimeStructs.timeval(b, at);
        }
        if (type == TIMESTAMPNS_OLD || type == TIMESTAMPNS_NEW) {
            return len < TIMESPEC_SIZE ? "???" : TimeStructs.timespec(b, at);
        }
        if (type == TIMESTAMPING_OLD || type == TIMESTAMPING_NEW) {
            if (len < TIMESTAMPING_COUNT * TIMESPEC_SIZE) {
                return "???";
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < TIMESTAMPING_COUNT; i++) {
                sb.append(i > 0 ? ", " : "").append(TimeStructs.timespec(b, at + i * TIMESPEC_SIZE));
            }
            return sb.append(']').toString();
        }
        return null;
    }

    private static String ipData(long type, byte[] b, int at, int len) {
        if (len < 1) {
            return null;
        }
        String name = IP_TYPES.name(type);
        if (name == null) {
            // strace's table also prints SCM_SECURITY's value at this level as the security context.
            return type == SCM_SECURITY ? StraceText.quote(slice(b, at, len), len, false) : null;
        }
        switch (name) {
            case "IP_PKTINFO":
                return len < PKTINFO_SIZE ? null
                        : "{ipi_ifindex=" + Sockaddrs.ifindex(LittleEndian.u32(b, at + IPI_IFINDEX))
                        + ", ipi_spec_dst=inet_addr(\"" + Sockaddrs.dotted(b, at + IPI_SPEC_DST)
                        + "\"), ipi_addr=inet_addr(\"" + Sockaddrs.dotted(b, at + IPI_ADDR) + "\")}";
            case "IP_TTL":
            case "IP_CHECKSUM":
                return len < Integer.BYTES ? null : ints(b, at, len / Integer.BYTES, Long::toString);
            case "IP_TOS":
            case "IP_RECVOPTS":
            case "IP_RETOPTS":
                return bytesInHex(b, at, len);
            case "IP_ORIGDSTADDR":
                if (len < SOCKADDR_IN_SIZE) {
                    return null;
                }
                return Sockaddrs.decode(slice(b, at, Math.min(len, SOCKADDR_STORAGE_SIZE)),
                        Math.min(len, SOCKADDR_STORAGE_SIZE)).rendered();
            default:
                return null;
        }
    }

    /** An int array held in the message: {@code [3, 4]}. */
    private static String ints(byte[] b, int at, int count, LongFunction<String> how) {
        return local(count, i -> how.apply(LittleEndian.u32(b, at + i * Integer.BYTES)));
    }

    private static String bytesInHex(byte[] b, int at, int count) {
        return local(count, i -> StraceText.hex(b[at + i] & 0xff));
    }

    /** strace's print_local_array: at most 32 elements shown, then "...". */
    private static String local(int count, IntFunction<String> element) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (i == StraceText.MAX_STRLEN) {
                return sb.append("...]").toString();
            }
            sb.append(element.apply(i));
        }
        return sb.append(']').toString();
    }

    private static String id(byte[] b, int at) {
        int id = (int) LittleEndian.u32(b, at);
        return id == -1 ? "-1" : Integer.toUnsignedString(id);
    }

    private static byte[] slice(byte[] b, int at, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, at, out, 0, len);
        return out;
    }
}
