package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;

import java.util.function.Supplier;

/**
 * Calls that name files: open and creat, stat, access, readlink, the namespace calls (unlink, rename, link, symlink,
 * mkdir, mknod), modes and owners, truncate, the working directory. strace's open.c, stat.c, access.c, readlink.c,
 * link.c, renameat.c, chmod.c, chown.c, mknod.c, ... Path arguments are made absolute against the cwd or the dirfd and
 * recorded in {@link DecodedCall#path}/{@link DecodedCall#path2}. Stateless; called on the tracer thread.
 */
final class FileDecoders {

    /** creat(path, mode) is open(path, O_CREAT|O_WRONLY|O_TRUNC, mode) (open(2)). */
    private static final long CREAT_FLAGS = Constants.value("open_flags", "O_CREAT")
            | Constants.value("open_access", "O_WRONLY") | Constants.value("open_flags", "O_TRUNC");
    private static final long O_CREAT = Constants.group("open_flags").value("O_CREAT");
    private static final long O_TMPFILE_BIT = Constants.group("open_flags").value("__O_TMPFILE");
    private static final long AT_EMPTY_PATH = Constants.group("at_flags").value("AT_EMPTY_PATH");
    /** openat2's size argument must cover at least this first version of struct open_how. */
    private static final int OPEN_HOW_SIZE = X86_64.OPEN_HOW.size();
    private static final StructRenderers.Field HOW_FLAGS = new StructRenderers.Field(X86_64.OPEN_HOW, "flags");
    private static final StructRenderers.Field HOW_MODE = new StructRenderers.Field(X86_64.OPEN_HOW, "mode");
    private static final StructRenderers.Field HOW_RESOLVE = new StructRenderers.Field(X86_64.OPEN_HOW, "resolve");

    private FileDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "open" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                openFlagsAndMode(c, 1);
            });
            case "openat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                openFlagsAndMode(c, 2);
            });
            case "openat2" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.add(openHow(c, c.args[2], c.args[3]));
                c.unsigned(3);
            });
            case "creat" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.out.openFlags = CREAT_FLAGS;
                c.mode(1);
            });

            case "stat", "lstat" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.pointer(1);
            }, (c, ret) -> c.replace(1, StructRenderers.stat(c.tracee, c.args[1])));
            case "fstat" -> SyscallDecoder.of(c -> c.fd(0).pointer(1),
                    (c, ret) -> c.replace(1, StructRenderers.stat(c.tracee, c.args[1])));
            case "newfstatat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 3));
                c.pointer(2).flags(3, "at_flags", null);
            }, (c, ret) -> c.replace(2, StructRenderers.stat(c.tracee, c.args[2])));
            case "statx" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 2));
                c.add(FlagRenderers.statxFlags(c.args[2] & 0xffffffffL));
                c.flags(3, "statx_mask", null).pointer(4);
            }, (c, ret) -> c.replace(4, StructRenderers.statx(c.tracee, c.args[4])));

            case "access" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.flags(1, "access_modes", "F_OK");
            });
            case "faccessat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.flags(2, "access_modes", "F_OK");
            });
            case "faccessat2" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 3));
                c.flags(2, "access_modes", "F_OK").flags(3, "faccessat_flags", null);
            });

            case "readlink" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.pointer(1).unsigned(2);
            }, (c, ret) -> c.replace(1, StructRenderers.data(c.tracee, c.args[1], ret)));
            case "readlinkat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), true);
                c.pointer(2).unsigned(3);
            }, (c, ret) -> c.replace(2, StructRenderers.data(c.tracee, c.args[2], ret)));

            case "unlink", "rmdir", "chdir", "chroot", "acct", "swapoff", "uselib" ->
                    SyscallDecoder.of(c -> c.out.path = c.path(0));
            case "fchdir" -> SyscallDecoder.of(c -> c.fd(0));
            case "unlinkat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.flags(2, "unlinkat_flags", null);
            });
            case "rename", "link" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.out.path2 = c.path(1);
            });
            case "renameat" -> SyscallDecoder.of(FileDecoders::renameat);
            case "renameat2" -> SyscallDecoder.of(c -> {
                renameat(c);
                c.flags(4, "rename_flags", null);
            });
            case "linkat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 4));
                c.dirfd(2);
                c.out.path2 = c.path(3, c.int32(2), false);
                c.flags(4, "at_flags", null);
            });
            case "symlink" -> SyscallDecoder.of(c -> symlinkTarget(c, 0, () -> c.path(1)));
            case "symlinkat" -> SyscallDecoder.of(c -> symlinkTarget(c, 0, () -> {
                c.dirfd(1);
                return c.path(2, c.int32(1), false);
            }));
            case "mkdir" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.mode(1);
            });
            case "mkdirat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.mode(2);
            });
            case "mknod" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                modeAndDevice(c, 1);
            });
            case "mknodat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                modeAndDevice(c, 2);
            });

            case "chmod" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.mode(1);
            });
            case "fchmod" -> SyscallDecoder.of(c -> c.fd(0).mode(1));
            case "fchmodat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.mode(2);
            });
            case "fchmodat2" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 3));
                c.mode(2).flags(3, "at_flags", null);
            });
            case "chown", "lchown" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.id(1).id(2);
            });
            case "fchown" -> SyscallDecoder.of(c -> c.fd(0).id(1).id(2));
            case "fchownat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 4));
                c.id(2).id(3).flags(4, "at_flags", null);
            });
            case "truncate" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.signed(1);
            });
            case "ftruncate" -> SyscallDecoder.of(c -> c.fd(0).signed(1));
            case "getcwd" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1), (c, ret) -> {
                String cwd = c.args[0] == 0 ? null : c.tracee.readString(c.args[0], ArgumentCursor.PATH_MAX);
                if (cwd != null) {
                    c.replace(0, StraceText.quote(cwd, false));
                }
            });

            case "umask" -> SyscallDecoder.of(c -> c.mode(0)).returning(ReturnFormat.OCTAL);
            case "statfs" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.pointer(1);
            }, (c, ret) -> c.replace(1, FsStructs.statfs(c.tracee, c.args[1])));
            case "fstatfs" -> SyscallDecoder.of(c -> c.fd(0).pointer(1),
                    (c, ret) -> c.replace(1, FsStructs.statfs(c.tracee, c.args[1])));
            case "utime" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.add(TimeStructs.utimbuf(c.tracee, c.args[1]));
            });
            case "utimes" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.add(TimeStructs.timevalPair(c.tracee, c.args[1]));
            });
            case "futimesat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.add(TimeStructs.timevalPair(c.tracee, c.args[2]));
            });
            // utimensat(fd, NULL, ...) is futimens: the file is the fd's (fdPath), there is no path.
            case "utimensat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), emptyPathAllowed(c, 3));
                c.add(TimeStructs.utimePair(c.tracee, c.args[2])).flags(3, "at_flags", null);
            });

            // Not decoded yet, but the first argument is an fd: printargs, and what the fd names.
            case "name_to_handle_at", "open_by_handle_at", "getxattrat", "setxattrat", "listxattrat", "removexattrat",
                    "fanotify_mark", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr" ->
                    GenericDecoder.fdFirst();
            default -> null;
        };
    }

    /** mknod's mode (type and permissions), and the device number only for a device it creates. */
    private static void modeAndDevice(ArgumentCursor c, int modeIndex) {
        long mode = c.args[modeIndex] & 0xffffL;
        c.add(FlagRenderers.fileMode(mode));
        if (FlagRenderers.isDevice(mode)) {
            c.add(StructRenderers.makedev(c.args[modeIndex + 1] & 0xffffffffL));
        }
    }

    /** An empty path names the dirfd itself only when the flags argument at {@code flagsIndex} has AT_EMPTY_PATH. */
    private static boolean emptyPathAllowed(ArgumentCursor c, int flagsIndex) {
        return (c.args[flagsIndex] & AT_EMPTY_PATH) != 0;
    }

    private static void renameat(ArgumentCursor c) {
        c.dirfd(0);
        c.out.path = c.path(1, c.int32(0), false);
        c.dirfd(2);
        c.out.path2 = c.path(3, c.int32(2), false);
    }

    /** open's and openat's flags, recorded as the call's open flags, and the mode when a file may be created. */
    private static void openFlagsAndMode(ArgumentCursor c, int flagsIndex) {
        long flags = c.args[flagsIndex] & 0xffffffffL;
        c.out.openFlags = flags;
        c.add(FlagRenderers.openFlags(flags));
        // The mode is only read by the kernel (and shown by strace) when a file may be created.
        if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE_BIT) != 0) {
            c.mode(flagsIndex + 1);
        }
    }

    /** openat2's struct open_how, whose flags are recorded as the call's open flags. */
    private static String openHow(ArgumentCursor c, long address, long size) {
        if (address == 0) {
            return "NULL";
        }
        byte[] how = size >= OPEN_HOW_SIZE ? c.tracee.read(address, OPEN_HOW_SIZE) : null;
        if (how == null) {
            return StraceText.hex(address);
        }
        long flags = HOW_FLAGS.of(how);
        long mode = HOW_MODE.of(how);
        long resolve = HOW_RESOLVE.of(how);
        c.out.openFlags = flags;
        StringBuilder sb = new StringBuilder("{flags=").append(FlagRenderers.openFlags(flags));
        if (mode != 0 || (flags & O_CREAT) != 0 || (flags & O_TMPFILE_BIT) != 0) {
            sb.append(", mode=").append(StraceText.octalMode(mode));
        }
        return sb.append(", resolve=").append(Constants.group("resolve_flags").flags(resolve, null)).append('}').toString();
    }

    /**
     * A symlink's target is not resolved against the cwd: the kernel stores it verbatim and later resolves it
     * relative to the directory holding the link. So path is the target made absolute against the link's directory
     * (what the link will point at), and path2 the link itself.
     */
    private static void symlinkTarget(ArgumentCursor c, int targetIndex, Supplier<String> linkPath) {
        long address = c.args[targetIndex];
        String target = address == 0 ? null : c.tracee.readString(address, ArgumentCursor.PATH_MAX);
        if (address == 0) {
            c.add("NULL");
        } else if (target == null) {
            c.add(StraceText.hex(address));
        } else {
            c.add(StraceText.quote(target, c.tracee.lastStringTruncated()));
        }
        String link = linkPath.get();
        c.out.path2 = link;
        if (target != null && !target.isEmpty()) {
            c.out.path = target.startsWith("/") || link == null
                    ? PathNames.resolve(null, target)
                    : PathNames.resolve(PathNames.parent(link), target);
        }
    }
}
