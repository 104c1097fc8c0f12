package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * The flag and mode words whose spelling is more than one table walk: a field by name, then the other bits as flags
 * (open's access mode, statx's sync type, socket's type), and file modes. Values come from the
 * generated tables. Stateless; called on the tracer thread.
 */
final class FlagRenderers {

    /** The bits of socket()'s type word that hold the type; the others are SOCK_CLOEXEC and SOCK_NONBLOCK. */
    private static final long SOCK_TYPE_MASK = Constants.group("socket_type_mask").value("SOCK_TYPE_MASK");

    private static final long O_ACCMODE = Constants.group("open_access_mask").value("O_ACCMODE");
    private static final long AT_STATX_SYNC_TYPE = Constants.group("statx_sync_mask").value("AT_STATX_SYNC_TYPE");
    private static final long S_IFMT = Constants.group("file_type_mask").value("S_IFMT");
    /** S_ISUID|S_ISGID|S_ISVTX. */
    private static final long MODE_SPECIAL = allBits("mode_special");
    /** ACCESSPERMS: the rwx bits of owner, group and others. */
    private static final long PERMISSIONS = Constants.group("file_permission_mask").value("ACCESSPERMS");

    private FlagRenderers() {
    }

    private static final Xlat OPEN_ACCESS = Constants.group("open_access");
    private static final Xlat OPEN_FLAGS = Constants.group("open_flags");

    /**
     * strace's tprint_open_modes: the access mode always appears (O_RDONLY is zero; all three bits are O_ACCMODE),
     * then the other flags, bits no name matched in hex without a comment.
     */
    static String openFlags(long flags) {
        long access = flags & O_ACCMODE;
        String name = OPEN_ACCESS.name(access);
        String field = name != null ? name : Constants.group("open_access_mask").name(access);
        long rest = flags & ~O_ACCMODE;
        return rest == 0 ? field : field + "|" + Xlats.flags(OPEN_FLAGS, rest, null);
    }

    /** statx shows the sync type by name (AT_STATX_SYNC_AS_STAT is zero) before the ordinary AT_ flags. */
    static String statxFlags(long flags) {
        return fieldThenFlags(flags, AT_STATX_SYNC_TYPE, "statx_sync", "AT_STATX_", "at_flags");
    }

    /**
     * A word holding a value field under {@code mask} and flags in the other bits: the field by name (even when zero,
     * an unknown one in hex), then {@code |} and the flags when there are any.
     */
    private static String fieldThenFlags(long word, long mask, String fieldGroup, String unknownPrefix,
                                         String flagsGroup) {
        String field = Constants.group(fieldGroup).valueOrUnknown(word & mask, unknownPrefix);
        long rest = word & ~mask;
        return rest == 0 ? field : field + "|" + Constants.group(flagsGroup).flags(rest, null);
    }

    /** The file type by name (when there is one), the set-id and sticky bits, then the permissions in octal. */
    static String fileMode(long mode) {
        String type = Constants.group("file_type").name(mode & S_IFMT);
        StringBuilder sb = new StringBuilder();
        if (type != null) {
            sb.append(type);
        } else if ((mode & S_IFMT) != 0) {
            sb.append(StraceText.octalMode(mode & S_IFMT));
        }
        long special = mode & MODE_SPECIAL;
        if (special != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(Constants.group("mode_special").flags(special, null));
        }
        if (sb.length() > 0) {
            sb.append('|');
        }
        return sb.append(StraceText.octalMode(mode & PERMISSIONS)).toString();
    }

    private static long allBits(String group) {
        long bits = 0;
        for (Xlat.Entry e : Constants.group(group).entries()) {
            bits |= e.value();
        }
        return bits;
    }

    /** True for a character or block device, whose stat shows st_rdev instead of st_size. */
    static boolean isDevice(long mode) {
        long type = mode & S_IFMT;
        Xlat types = Constants.group("file_type");
        return type == types.value("S_IFCHR") || type == types.value("S_IFBLK");
    }

    /** socket's type word: the type by name, then SOCK_CLOEXEC/SOCK_NONBLOCK. */
    static String socketType(long type) {
        // An unknown type is not split: strace shows the whole word as one unknown value then.
        String typeName = Constants.group("socket_type").name(type & SOCK_TYPE_MASK);
        long typeFlags = typeName == null ? type : type & ~SOCK_TYPE_MASK;
        return typeName == null ? Constants.group("socket_type_flags").flags(typeFlags, null)
                : typeFlags == 0 ? typeName : typeName + "|" + Constants.group("socket_type_flags").flags(typeFlags, null);
    }
}
