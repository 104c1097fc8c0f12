package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * The file-system and lock structs as strace prints them: struct statfs (print_statfs.c: the file system's magic by
 * name, the counts, the fsid, and f_flags only when the kernel marked them valid), struct flock (fcntl.c, with l_pid
 * only for the F_GETLK forms) and struct f_owner_ex. Each shows the address when it cannot be read. Stateless; called
 * on the tracer thread.
 */
final class FsStructs {

    private static final StructLayout STATFS = X86_64.STATFS;
    private static final StructRenderers.Field F_TYPE = new StructRenderers.Field(STATFS, "f_type");
    /** The counts strace prints as unsigned numbers, in its order; f_fsid goes after f_ffree. */
    private static final String[] COUNTS = {"f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree"};
    private static final StructRenderers.Field[] COUNT_FIELDS = fields(STATFS, COUNTS);
    private static final int F_FSID = STATFS.offset("f_fsid");
    private static final int FSID_WORDS = STATFS.size("f_fsid") / Integer.BYTES;
    private static final StructRenderers.Field F_NAMELEN = new StructRenderers.Field(STATFS, "f_namelen");
    private static final StructRenderers.Field F_FRSIZE = new StructRenderers.Field(STATFS, "f_frsize");
    private static final StructRenderers.Field F_FLAGS = new StructRenderers.Field(STATFS, "f_flags");
    private static final Xlat FS_MAGIC = Constants.group("fs_magic");
    private static final Xlat STATFS_FLAGS = Constants.group("statfs_flags");
    private static final long ST_VALID = STATFS_FLAGS.value("ST_VALID");

    private static final StructLayout FLOCK = X86_64.FLOCK;
    private static final StructRenderers.Field L_TYPE = new StructRenderers.Field(FLOCK, "l_type");
    private static final StructRenderers.Field L_WHENCE = new StructRenderers.Field(FLOCK, "l_whence");
    private static final StructRenderers.Field L_START = new StructRenderers.Field(FLOCK, "l_start");
    private static final StructRenderers.Field L_LEN = new StructRenderers.Field(FLOCK, "l_len");
    private static final StructRenderers.Field L_PID = new StructRenderers.Field(FLOCK, "l_pid");
    private static final Xlat LOCK_TYPES = Constants.group("lock_type");
    private static final Xlat WHENCE = Constants.group("whence");

    private static final StructRenderers.Field OWNER_TYPE = new StructRenderers.Field(X86_64.F_OWNER_EX, "type");
    private static final StructRenderers.Field OWNER_PID = new StructRenderers.Field(X86_64.F_OWNER_EX, "pid");
    private static final Xlat OWNER_TYPES = Constants.group("f_owner_type");

    private FsStructs() {
    }

    /** struct statfs at {@code address}, as statfs and fstatfs wrote it. */
    static String statfs(TraceeAccess tracee, long address) {
        byte[] b = address == 0 ? null : tracee.read(address, STATFS.size());
        if (b == null) {
            return StraceText.pointer(address);
        }
        StringBuilder sb = new StringBuilder("{f_type=").append(Xlats.xval(FS_MAGIC, F_TYPE.of(b), null));
        for (int i = 0; i < COUNTS.length; i++) {
            sb.append(", ").append(COUNTS[i]).append('=').append(Long.toUnsignedString(COUNT_FIELDS[i].of(b)));
        }
        sb.append(", f_fsid={val=[");
        for (int i = 0; i < FSID_WORDS; i++) {
            sb.append(i > 0 ? ", " : "").append(StraceText.hex(LittleEndian.u32(b, F_FSID + i * Integer.BYTES)));
        }
        sb.append("]}, f_namelen=").append(Long.toUnsignedString(F_NAMELEN.of(b)))
                .append(", f_frsize=").append(Long.toUnsignedString(F_FRSIZE.of(b)));
        long flags = F_FLAGS.of(b);
        if ((flags & ST_VALID) != 0) {
            sb.append(", f_flags=").append(Xlats.flags(STATFS_FLAGS, flags, "ST_???"));
        }
        return sb.append('}').toString();
    }

    /** struct flock: {@code {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}}, and l_pid for F_GETLK. */
    static String flock(TraceeAccess tracee, long address, boolean withPid) {
        byte[] b = address == 0 ? null : tracee.read(address, FLOCK.size());
        if (b == null) {
            return StraceText.pointer(address);
        }
        StringBuilder sb = new StringBuilder("{l_type=").append(Xlats.xval(LOCK_TYPES, (short) L_TYPE.of(b), "F_???"))
                .append(", l_whence=").append(Xlats.xval(WHENCE, (short) L_WHENCE.of(b), "SEEK_???"))
                .append(", l_start=").append(L_START.of(b))
                .append(", l_len=").append(L_LEN.of(b));
        if (withPid) {
            sb.append(", l_pid=").append((int) L_PID.of(b));
        }
        return sb.append('}').toString();
    }

    /** struct f_owner_ex: {@code {type=F_OWNER_PID, pid=1234}}. */
    static String ownerEx(TraceeAccess tracee, long address) {
        byte[] b = address == 0 ? null : tracee.read(address, X86_64.F_OWNER_EX.size());
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "{type=" + Xlats.xval(OWNER_TYPES, (int) OWNER_TYPE.of(b), "F_OWNER_???")
                + ", pid=" + (int) OWNER_PID.of(b) + "}";
    }

    private static StructRenderers.Field[] fields(StructLayout layout, String[] names) {
        StructRenderers.Field[] out = new StructRenderers.Field[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = new StructRenderers.Field(layout, names[i]);
        }
        return out;
    }
}
