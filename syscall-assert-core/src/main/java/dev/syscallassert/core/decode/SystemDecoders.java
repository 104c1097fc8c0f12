package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;

/**
 * What a program asks about the system and itself: uname and sysinfo (strace's non-verbose forms), getrandom (the
 * bytes it got, in hex), and the supplementary groups (getgroups, setgroups). strace's uname.c, sysinfo.c,
 * getrandom.c and uid.c. Stateless; called on the tracer thread.
 */
final class SystemDecoders {

    private static final int UTSNAME_SIZE = X86_64.UTSNAME.size();
    private static final int SYSNAME = X86_64.UTSNAME.offset("sysname");
    private static final int SYSNAME_SIZE = X86_64.UTSNAME.size("sysname");
    private static final int NODENAME = X86_64.UTSNAME.offset("nodename");
    private static final int NODENAME_SIZE = X86_64.UTSNAME.size("nodename");

    private static final int SYSINFO_SIZE = X86_64.SYSINFO.size();
    /** sysinfo's fields after loads, in the order strace prints them. */
    private static final String[] SYSINFO_COUNTS = {"totalram", "freeram", "sharedram", "bufferram", "totalswap",
        "freeswap", "procs", "totalhigh", "freehigh", "mem_unit"};
    private static final StructRenderers.Field[] SYSINFO_FIELDS = new StructRenderers.Field[SYSINFO_COUNTS.length];
    private static final StructRenderers.Field UPTIME = new StructRenderers.Field(X86_64.SYSINFO, "uptime");
    private static final int LOADS = X86_64.SYSINFO.offset("loads");
    private static final int LOADS_SIZE = X86_64.SYSINFO.size("loads");

    static {
        for (int i = 0; i < SYSINFO_COUNTS.length; i++) {
            SYSINFO_FIELDS[i] = new StructRenderers.Field(X86_64.SYSINFO, SYSINFO_COUNTS[i]);
        }
    }

    private static final long NGROUPS_MAX = Constants.value("ngroups_max", "NGROUPS_MAX");
    private static final int GID_SIZE = Integer.BYTES;

    private SystemDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "uname" -> SyscallDecoder.of(c -> c.pointer(0), (c, ret) -> c.replace(0, uname(c.tracee, c.args[0])));
            case "sysinfo" -> SyscallDecoder.of(c -> c.pointer(0),
                    (c, ret) -> c.replace(0, sysinfo(c.tracee, c.args[0])));
            case "getrandom" -> SyscallDecoder.of(c -> {
                c.pointer(0).unsigned(1);
                c.flags(2, "getrandom_flags", null);
            }, (c, ret) -> c.replace(0, TraceeBytes.hex(c.tracee, c.args[0], ret)));
            case "getgroups" -> SyscallDecoder.of(c -> c.int32Arg(0).pointer(1),
                    (c, ret) -> c.replace(1, groups(c.tracee, ret, c.args[1])));
            case "setgroups" -> SyscallDecoder.of(c -> c.int32Arg(0).add(groups(c.tracee, c.int32(0), c.args[1])));
            default -> null;
        };
    }

    /** {@code {sysname="Linux", nodename="host", ...}}: strace without -v stops after the node name. */
    private static String uname(TraceeAccess tracee, long address) {
        byte[] b = tracee.read(address, UTSNAME_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "{sysname=" + TraceeBytes.cString(b, SYSNAME, SYSNAME_SIZE)
                + ", nodename=" + TraceeBytes.cString(b, NODENAME, NODENAME_SIZE) + ", ...}";
    }

    /** Every field of struct sysinfo, unsigned, the three load averages as an array. */
    private static String sysinfo(TraceeAccess tracee, long address) {
        byte[] b = tracee.read(address, SYSINFO_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        StringBuilder sb = new StringBuilder("{uptime=").append(Long.toUnsignedString(UPTIME.of(b)))
                .append(", loads=[");
        int loadSize = StructRenderers.POINTER_SIZE;
        for (int i = 0; i < LOADS_SIZE / loadSize; i++) {
            long load = LittleEndian.get(b, LOADS + i * loadSize, loadSize);
            sb.append(i > 0 ? ", " : "").append(Long.toUnsignedString(load));
        }
        sb.append(']');
        for (int i = 0; i < SYSINFO_FIELDS.length; i++) {
            sb.append(", ").append(SYSINFO_COUNTS[i]).append('=')
                    .append(Long.toUnsignedString(SYSINFO_FIELDS[i].of(b)));
        }
        return sb.append('}').toString();
    }

    /** A gid list of {@code count} entries; its address when the count cannot be a real one. */
    private static String groups(TraceeAccess tracee, long count, long address) {
        // strace compares the count as an unsigned int.
        if (Long.compareUnsigned(count & 0xffffffffL, NGROUPS_MAX) > 0) {
            return StraceText.pointer(address);
        }
        return TraceeArrays.render(tracee, address, count & 0xffffffffL, GID_SIZE, (out, bytes) -> {
            int gid = (int) LittleEndian.u32(bytes, 0);
            out.append(gid == -1 ? "-1" : Integer.toUnsignedString(gid));
            return true;
        });
    }
}
