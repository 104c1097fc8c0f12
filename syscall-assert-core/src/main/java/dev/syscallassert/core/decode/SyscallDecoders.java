package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders a syscall's arguments as strace 6.1 does (default options: {@code -s 32}, no {@code -y}, no {@code -v}) and
 * extracts the values tests assert on: absolute paths, the fd's path, socket addresses, argv.
 *
 * <p>The tracer calls {@link #decodeEntry} at the entry (or seccomp) stop and {@link #decodeExit} at the exit stop.
 * Output arguments (read's buffer, accept's address, stat's struct) are shown as pointers at the entry and replaced
 * by their contents at a successful exit, which is also how strace shows a call that failed. Neither method throws: a
 * decoder bug must not take the tracer down, so it degrades to strace's generic rendering of the raw registers.
 *
 * <p>x86_64 only for now: struct layouts below are the x86_64 ones (little-endian, 8-byte pointers).
 */
public final class SyscallDecoders {

    /** {@code SOCK_TYPE_MASK} from the kernel's include/linux/net.h; not exported in the uapi headers. */
    private static final int SOCK_TYPE_MASK = 0xf;

    /** execve's argv: strace prints at most {@code -s} elements; the decoded list stops at this many. */
    private static final int MAX_ARGV = 65536;
    /** One argv string: execve's own limit for one argument is MAX_ARG_STRLEN (32 pages). */
    private static final int MAX_ARG_BYTES = 32 * 4096;

    /** Syscalls whose first argument is an fd; undecoded ones still get fdPath. */
    private static final Set<String> FD_FIRST = Set.of(
            "read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2",
            "close", "fstat", "lseek", "fsync", "fdatasync", "ftruncate", "fchmod", "fchown", "fchdir", "flock",
            "fcntl", "ioctl", "dup", "dup2", "dup3", "getdents", "getdents64", "fstatfs", "fallocate", "fadvise64",
            "sync_file_range", "syncfs", "sendfile", "splice", "tee", "vmsplice", "copy_file_range", "readahead",
            "connect", "bind", "listen", "accept", "accept4", "getsockname", "getpeername", "sendto", "recvfrom",
            "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown", "setsockopt", "getsockopt",
            "fgetxattr", "fsetxattr", "flistxattr", "fremovexattr", "inotify_add_watch", "inotify_rm_watch",
            "fanotify_mark", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2", "timerfd_settime",
            "timerfd_gettime", "close_range", "pidfd_send_signal", "pidfd_getfd", "fsconfig", "fsmount", "fspick",
            "move_mount", "open_tree", "mount_setattr", "futimesat", "utimensat", "name_to_handle_at",
            "open_by_handle_at", "faccessat", "faccessat2", "fchmodat", "fchmodat2", "fchownat", "newfstatat",
            "statx", "openat", "openat2", "mkdirat", "mknodat", "unlinkat", "renameat", "renameat2", "linkat",
            "readlinkat", "execveat", "getxattrat", "setxattrat", "listxattrat", "removexattrat");

    /** Calls whose return value strace prints in hex because it is an address. */
    private static final Set<String> HEX_RETURN = Set.of("mmap", "mremap", "brk", "shmat");

    private final SyscallTable table;

    public SyscallDecoders(SyscallTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** At the syscall-entry (or seccomp) stop: renders every argument, reads paths/argv/sockaddrs. Never throws. */
    public DecodedCall decodeEntry(int nr, long[] args, TraceeAccess tracee) {
        DecodedCall out = new DecodedCall();
        long[] a = Arrays.copyOf(args == null ? new long[0] : args, 6);
        String name = nameOf(nr);
        Call c = new Call(name, a, tracee, out);
        try {
            if (!entry(c)) {
                c.rendered.clear();
                generic(c, nr);
            }
            out.cloneFlags = cloneFlags(c);
            out.renderedArgs = c.renderedArray();
        } catch (RuntimeException e) {
            // Keep whatever was decoded before the failure, but show the raw registers: a half-rendered list would
            // look like a real rendering with missing arguments.
            out.renderedArgs = rawArguments(nr, a);
        }
        return out;
    }

    /**
     * At the exit stop: completes what needs the result (accept/accept4/getsockname/getpeername/recvfrom addresses,
     * readlink's buffer, pipe/socketpair fds, ...) and sets renderedReturn when the return is not a plain decimal.
     * {@code args} are the entry's arguments (the exit stop does not report them); {@code returnValue} may be the raw
     * register ({@code -errno}) or the positive errno when {@code failed}.
     */
    public void decodeExit(int nr, long[] args, long returnValue, boolean failed, TraceeAccess tracee,
                           DecodedCall call) {
        if (call == null) {
            return;
        }
        if (failed) {
            // Output arguments keep their entry rendering (pointers), which is how strace shows a failed call.
            long errno = returnValue < 0 ? -returnValue : returnValue;
            call.renderedReturn = renderError((int) errno);
            return;
        }
        String name = nameOf(nr);
        if (HEX_RETURN.contains(name)) {
            call.renderedReturn = StraceText.hex(returnValue);
        }
        if (call.renderedArgs == null) {
            return;
        }
        long[] a = Arrays.copyOf(args == null ? new long[0] : args, 6);
        try {
            exit(new Call(name, a, tracee, call), returnValue);
        } catch (RuntimeException e) {
            // The entry rendering (pointers for output arguments) stays: correct, only less informative.
        }
    }

    private String nameOf(int nr) {
        try {
            return table.name(nr);
        } catch (RuntimeException e) {
            return "syscall_0x" + Integer.toHexString(nr);
        }
    }

    private String[] rawArguments(int nr, long[] args) {
        int count;
        try {
            count = Math.max(0, Math.min(6, table.argumentCount(nr)));
        } catch (RuntimeException e) {
            count = 6;
        }
        String[] raw = new String[count];
        for (int i = 0; i < count; i++) {
            raw[i] = StraceText.hex(args[i]);
        }
        return raw;
    }

    /** The errno name for a positive errno value ("ENOENT"), or "E" + n when unknown. */
    public static String errnoName(int errno) {
        String name = Constants.errnoName(errno);
        return name != null ? name : "E" + errno;
    }

    /** strace's text for a failed return: "-1 ENOENT (No such file or directory)". */
    public static String renderError(int errno) {
        String text = Constants.errnoText(errno);
        return "-1 " + errnoName(errno) + " (" + (text != null ? text : "Unknown error " + errno) + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entry

    private static final Xlat RESTARTS = Constants.group("restart_errno");
    /** creat(path, mode) is open(path, O_CREAT|O_WRONLY|O_TRUNC, mode) (open(2)). */
    private static final long CREAT_FLAGS = Constants.value("open_flags", "O_CREAT")
            | Constants.value("open_access", "O_WRONLY") | Constants.value("open_flags", "O_TRUNC");
    /** fork() is clone(SIGCHLD) and vfork() clone(CLONE_VM|CLONE_VFORK|SIGCHLD) (kernel/fork.c). */
    private static final long FORK_FLAGS = Constants.value("signal", "SIGCHLD");
    private static final long VFORK_FLAGS = Constants.value("clone_flags", "CLONE_VM")
            | Constants.value("clone_flags", "CLONE_VFORK") | FORK_FLAGS;

    /** Kernel-internal restart codes a tracer sees at a syscall exit; they mean "will be restarted", not failure. */
    public static boolean isRestart(long errno) {
        return RESTARTS.name(errno) != null;
    }

    public static String restartName(long errno) {
        return RESTARTS.name(errno);
    }

    private static final long O_CREAT = Constants.group("open_flags").value("O_CREAT");
    private static final long O_TMPFILE_BIT = Constants.group("open_flags").value("__O_TMPFILE");
    private static final long O_ACCMODE = Constants.group("open_access_mask").value("O_ACCMODE");
    private static final long AT_EMPTY_PATH = Constants.group("at_flags").value("AT_EMPTY_PATH");
    private static final long AT_STATX_SYNC_TYPE = Constants.group("statx_sync_mask").value("AT_STATX_SYNC_TYPE");
    private static final long S_IFMT = Constants.group("file_type_mask").value("S_IFMT");
    private static final long MAP_TYPE = Constants.group("map_type_mask").value("MAP_TYPE");

    /** Renders a decoded syscall; false when there is no decoder for it. */
    private boolean entry(Call c) {
        int fdcwd = Call.atFdcwd();
        switch (c.name) {
            case "open":
                c.out.path = c.path(0);
                openFlagsAndMode(c, 1);
                return true;
            case "openat":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                openFlagsAndMode(c, 2);
                return true;
            case "openat2":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.add(openHow(c, c.args[2], c.args[3]));
                c.unsigned(3);
                return true;
            case "creat":
                c.out.path = c.path(0);
                c.out.openFlags = CREAT_FLAGS;
                c.mode(1);
                return true;
            case "stat": case "lstat":
                c.out.path = c.path(0);
                c.pointer(1);
                return true;
            case "fstat":
                c.fd(0).pointer(1);
                return true;
            case "newfstatat": {
                c.dirfd(0);
                boolean empty = (c.args[3] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                c.pointer(2).flags(3, "at_flags", null);
                return true;
            }
            case "statx": {
                c.dirfd(0);
                boolean empty = (c.args[2] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                c.add(statxFlags(c.args[2] & 0xffffffffL));
                c.flags(3, "statx_mask", null).pointer(4);
                return true;
            }
            case "access":
                c.out.path = c.path(0);
                c.flags(1, "access_modes", "F_OK");
                return true;
            case "faccessat":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.flags(2, "access_modes", "F_OK");
                return true;
            case "faccessat2": {
                c.dirfd(0);
                boolean empty = (c.args[3] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                c.flags(2, "access_modes", "F_OK").flags(3, "faccessat_flags", null);
                return true;
            }
            case "readlink":
                c.out.path = c.path(0);
                c.pointer(1).unsigned(2);
                return true;
            case "readlinkat": {
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), true);
                c.pointer(2).unsigned(3);
                return true;
            }
            case "unlink": case "rmdir": case "chdir": case "chroot": case "acct": case "swapoff": case "uselib":
                c.out.path = c.path(0);
                return true;
            case "unlinkat":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.flags(2, "unlinkat_flags", null);
                return true;
            case "rename": case "link":
                c.out.path = c.path(0);
                c.out.path2 = c.path(1);
                return true;
            case "renameat": case "renameat2":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.add(dirfdText(c.int32(2)));
                c.out.path2 = c.path(3, c.int32(2), false);
                if (c.name.equals("renameat2")) {
                    c.flags(4, "rename_flags", null);
                }
                return true;
            case "linkat": {
                c.dirfd(0);
                boolean empty = (c.args[4] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                c.add(dirfdText(c.int32(2)));
                c.out.path2 = c.path(3, c.int32(2), false);
                c.flags(4, "at_flags", null);
                return true;
            }
            case "symlink":
                symlinkTarget(c, 0, () -> c.path(1));
                return true;
            case "symlinkat":
                symlinkTarget(c, 0, () -> {
                    c.add(dirfdText(c.int32(1)));
                    return c.path(2, c.int32(1), false);
                });
                return true;
            case "mkdir":
                c.out.path = c.path(0);
                c.mode(1);
                return true;
            case "mkdirat":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.mode(2);
                return true;
            case "mknod":
                c.out.path = c.path(0);
                c.add(fileMode(c.args[1] & 0xffffffffL)).hexArg(2);
                return true;
            case "chmod":
                c.out.path = c.path(0);
                c.mode(1);
                return true;
            case "fchmod":
                c.fd(0).mode(1);
                return true;
            case "fchmodat":
                c.dirfd(0);
                c.out.path = c.path(1, c.int32(0), false);
                c.mode(2);
                return true;
            case "fchmodat2": {
                c.dirfd(0);
                boolean empty = (c.args[3] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                c.mode(2).flags(3, "at_flags", null);
                return true;
            }
            case "chown": case "lchown":
                c.out.path = c.path(0);
                c.id(1).id(2);
                return true;
            case "fchown":
                c.fd(0).id(1).id(2);
                return true;
            case "fchownat": {
                c.dirfd(0);
                boolean empty = (c.args[4] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                c.id(2).id(3).flags(4, "at_flags", null);
                return true;
            }
            case "truncate":
                c.out.path = c.path(0);
                c.signed(1);
                return true;
            case "ftruncate":
                c.fd(0).signed(1);
                return true;
            case "fchdir": case "close": case "fsync": case "fdatasync": case "dup": case "syncfs":
                c.fd(0);
                return true;
            case "dup2":
                c.fd(0).int32Arg(1);
                return true;
            case "dup3":
                c.fd(0).int32Arg(1).flags(2, "open_flags", null);
                return true;
            case "getcwd":
                c.pointer(0).unsigned(1);
                return true;
            case "execve":
                c.out.path = c.path(0);
                execArgs(c, 1, 2);
                return true;
            case "execveat": {
                c.dirfd(0);
                boolean empty = (c.args[4] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                execArgs(c, 2, 3);
                c.flags(4, "at_flags", null);
                return true;
            }
            case "read": case "write":
                c.fd(0);
                c.add(c.name.equals("write") ? data(c.tracee, c.args[1], c.args[2]) : StraceText.pointer(c.args[1]));
                c.unsigned(2);
                return true;
            case "pread64": case "pwrite64":
                c.fd(0);
                c.add(c.name.equals("pwrite64") ? data(c.tracee, c.args[1], c.args[2]) : StraceText.pointer(c.args[1]));
                c.unsigned(2).signed(3);
                return true;
            case "readv": case "writev":
                c.fd(0);
                c.add(c.name.equals("writev") ? iovecs(c.tracee, c.args[1], c.args[2], -1) : StraceText.pointer(c.args[1]));
                c.unsigned(2);
                return true;
            case "preadv": case "pwritev":
                c.fd(0);
                c.add(c.name.equals("pwritev") ? iovecs(c.tracee, c.args[1], c.args[2], -1) : StraceText.pointer(c.args[1]));
                c.unsigned(2).signed(3);
                return true;
            case "lseek":
                c.fd(0).signed(1);
                c.add(Constants.group("whence").valueOrUnknown(c.args[2] & 0xffffffffL, "SEEK_"));
                return true;
            case "sendfile":
                c.fd(0).fd(1);
                c.add(offsetEntry(c, c.args[2]));
                c.unsigned(3);
                return true;
            case "pipe":
                c.pointer(0);
                return true;
            case "pipe2":
                c.pointer(0).flags(1, "open_flags", null);
                return true;
            case "socket":
                socketTriple(c);
                return true;
            case "socketpair":
                socketTriple(c);
                c.pointer(3);
                return true;
            case "connect": case "bind":
                c.fd(0);
                sockaddrArg(c, c.args[1], c.args[2]);
                c.add(Integer.toString(c.int32(2)));
                return true;
            case "listen":
                c.fd(0).int32Arg(1);
                return true;
            case "accept": case "accept4": case "getsockname": case "getpeername":
                c.fd(0).pointer(1);
                c.add(socklenEntry(c, c.args[2]));
                if (c.name.equals("accept4")) {
                    c.flags(3, "socket_type_flags", null);
                }
                return true;
            case "sendto":
                c.fd(0);
                c.add(data(c.tracee, c.args[1], c.args[2]));
                c.unsigned(2).flags(3, "msg_flags", null);
                sockaddrArg(c, c.args[4], c.args[5]);
                c.add(Integer.toString(c.int32(5)));
                return true;
            case "recvfrom":
                c.fd(0).pointer(1).unsigned(2).flags(3, "msg_flags", null).pointer(4);
                c.add(socklenEntry(c, c.args[5]));
                return true;
            case "sendmsg":
                c.fd(0);
                c.add(msghdr(c, c.args[1], -1));
                c.flags(2, "msg_flags", null);
                return true;
            case "recvmsg": {
                c.fd(0);
                // Only msg_namelen is an input worth showing before the call; strace prints "{msg_namelen=N}".
                byte[] hdr = c.tracee.read(c.args[1], MSGHDR_SIZE);
                if (hdr == null) {
                    c.pointer(1);
                } else {
                    long namelen = le(hdr, 8, 4);
                    c.out.saved = namelen;
                    c.add("{msg_namelen=" + namelen + "}");
                }
                c.flags(2, "msg_flags", null);
                return true;
            }
            case "mmap":
                c.pointer(0).unsigned(1);
                c.flags(2, "prot_flags", "PROT_NONE");
                c.add(mapFlags(c.args[3] & 0xffffffffL));
                c.int32Arg(4).hexArg(5);
                return true;
            case "munmap":
                c.pointer(0).unsigned(1);
                return true;
            case "mprotect":
                c.pointer(0).unsigned(1).flags(2, "prot_flags", "PROT_NONE");
                return true;
            case "brk":
                c.pointer(0);
                return true;
            case "exit": case "exit_group":
                c.int32Arg(0);
                return true;
            default:
                return false;
        }
    }

    /** strace's printargs: each of the table's arguments as {@code %#lx}; fd-first calls still get their fdPath. */
    private void generic(Call c, int nr) {
        int count = Math.max(0, Math.min(6, table.argumentCount(nr)));
        for (int i = 0; i < count; i++) {
            if (i == 0 && FD_FIRST.contains(c.name)) {
                int fd = c.int32(0);
                if (fd >= 0) {
                    c.out.fdPath = c.tracee.fdPath(fd);
                }
            }
            c.hexArg(i);
        }
    }

    private static String dirfdText(int fd) {
        return fd == Call.atFdcwd() ? "AT_FDCWD" : Integer.toString(fd);
    }

    private static void openFlagsAndMode(Call c, int flagsIndex) {
        long flags = c.args[flagsIndex] & 0xffffffffL;
        c.out.openFlags = flags;
        c.add(openFlags(flags));
        // The mode is only read by the kernel (and shown by strace) when a file may be created.
        if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE_BIT) != 0) {
            c.mode(flagsIndex + 1);
        }
    }

    /** The flags a process- or thread-creating call passes to the kernel, or null (not such a call, unreadable). */
    private static Long cloneFlags(Call c) {
        switch (c.name) {
            case "clone":
                return c.args[0];
            case "clone3": {
                byte[] flags = c.args[1] >= X86_64.CLONE_ARGS.offset("flags") + 8
                        ? c.tracee.read(c.args[0] + X86_64.CLONE_ARGS.offset("flags"), 8) : null;
                return flags == null ? null : le(flags, 0, 8);
            }
            case "fork":
                return FORK_FLAGS;
            case "vfork":
                return VFORK_FLAGS;
            default:
                return null;
        }
    }

    /** The access mode always appears (O_RDONLY is zero), then the other flags. */
    static String openFlags(long flags) {
        String access = Constants.group("open_access").valueOrUnknown(flags & O_ACCMODE, "O_");
        long rest = flags & ~O_ACCMODE;
        return rest == 0 ? access : access + "|" + Constants.group("open_flags").flags(rest, null);
    }

    private static String openHow(Call c, long address, long size) {
        if (address == 0) {
            return "NULL";
        }
        byte[] how = size >= 24 ? c.tracee.read(address, 24) : null;
        if (how == null) {
            return StraceText.hex(address);
        }
        long flags = le(how, 0, 8);
        long mode = le(how, 8, 8);
        long resolve = le(how, 16, 8);
        c.out.openFlags = flags;
        StringBuilder sb = new StringBuilder("{flags=").append(openFlags(flags));
        if (mode != 0 || (flags & O_CREAT) != 0 || (flags & O_TMPFILE_BIT) != 0) {
            sb.append(", mode=").append(StraceText.octalMode(mode));
        }
        return sb.append(", resolve=").append(Constants.group("resolve_flags").flags(resolve, null)).append('}').toString();
    }

    /** statx shows the sync type by name (AT_STATX_SYNC_AS_STAT is zero) before the ordinary AT_ flags. */
    private static String statxFlags(long flags) {
        String sync = Constants.group("statx_sync").valueOrUnknown(flags & AT_STATX_SYNC_TYPE, "AT_STATX_");
        long rest = flags & ~AT_STATX_SYNC_TYPE;
        return rest == 0 ? sync : sync + "|" + Constants.group("at_flags").flags(rest, null);
    }

    /**
     * A symlink's target is not resolved against the cwd: the kernel stores it verbatim and later resolves it
     * relative to the directory holding the link. So path is the target made absolute against the link's directory
     * (what the link will point at), and path2 the link itself.
     */
    private static void symlinkTarget(Call c, int targetIndex, Supplier<String> linkPath) {
        long address = c.args[targetIndex];
        String target = address == 0 ? null : c.tracee.readString(address, Call.PATH_MAX);
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

    private static String fileMode(long mode) {
        String type = Constants.group("file_type").name(mode & S_IFMT);
        StringBuilder sb = new StringBuilder();
        if (type != null) {
            sb.append(type);
        } else if ((mode & S_IFMT) != 0) {
            sb.append(StraceText.octalMode(mode & S_IFMT));
        }
        long special = mode & 07000;
        if (special != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(Constants.group("mode_special").flags(special, null));
        }
        if (sb.length() > 0) {
            sb.append('|');
        }
        return sb.append(StraceText.octalMode(mode & 0777)).toString();
    }

    private static String mapFlags(long flags) {
        String type = Constants.group("map_type").valueOrUnknown(flags & MAP_TYPE, "MAP_");
        long rest = flags & ~MAP_TYPE;
        return rest == 0 ? type : type + "|" + Constants.group("map_flags").flags(rest, null);
    }

    private static void socketTriple(Call c) {
        int family = c.int32(0);
        c.add(Constants.group("address_family").valueOrUnknown(family & 0xffffffffL, "AF_"));
        long type = c.args[1] & 0xffffffffL;
        // An unknown type is not split: strace shows the whole word as one unknown value then.
        String typeName = Constants.group("socket_type").name(type & SOCK_TYPE_MASK);
        long typeFlags = typeName == null ? type : type & ~SOCK_TYPE_MASK;
        c.add(typeName == null ? Constants.group("socket_type_flags").flags(typeFlags, null)
                : typeFlags == 0 ? typeName : typeName + "|" + Constants.group("socket_type_flags").flags(typeFlags, null));
        if (family == Sockaddrs.AF_INET || family == Sockaddrs.AF_INET6) {
            c.add(Constants.group("ip_protocol").valueOrUnknown(c.args[2] & 0xffffffffL, "IPPROTO_"));
        } else {
            c.int32Arg(2);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // execve

    private static void execArgs(Call c, int argvIndex, int envpIndex) {
        c.add(argv(c, c.args[argvIndex]));
        c.add(environment(c.tracee, c.args[envpIndex]));
    }

    /**
     * strace shows the first 32 elements (its -s limit applies to the element count too) and "..." for the rest;
     * the decoded argv is complete, up to the first unreadable element, where what follows cannot be trusted.
     */
    private static String argv(Call c, long address) {
        if (address == 0) {
            return "NULL";
        }
        List<String> argv = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        boolean more = false;
        boolean broken = false;
        for (int n = 0; n < MAX_ARGV; n++) {
            byte[] p = c.tracee.read(address + 8L * n, 8);
            if (p == null) {
                if (n == 0) {
                    return StraceText.hex(address);
                }
                more = true;
                break;
            }
            long element = le(p, 0, 8);
            if (element == 0) {
                break;
            }
            String arg = c.tracee.readString(element, MAX_ARG_BYTES);
            boolean truncated = arg != null && c.tracee.lastStringTruncated();
            if (n < StraceText.MAX_STRLEN) {
                shown.add(arg == null ? StraceText.hex(element) : shortString(arg, truncated));
            } else {
                more = true;
            }
            broken |= arg == null;
            if (!broken) {
                argv.add(arg);
            }
        }
        c.out.argv = List.copyOf(argv);
        return "[" + String.join(", ", shown) + (more ? (shown.isEmpty() ? "..." : ", ...") : "") + "]";
    }

    /** The environment is only counted, as strace does without -v: {@code 0x7ffd... /* 23 vars *}{@code /}. */
    private static String environment(TraceeAccess tracee, long address) {
        if (address == 0) {
            return "NULL";
        }
        int count = 0;
        while (count < MAX_ARGV) {
            byte[] p = tracee.read(address + 8L * count, 8);
            if (p == null) {
                if (count == 0) {
                    return StraceText.hex(address);
                }
                break;
            }
            if (le(p, 0, 8) == 0) {
                break;
            }
            count++;
        }
        return StraceText.hex(address) + " /* " + count + (count == 1 ? " var" : " vars") + " */";
    }

    /** A string shown with the {@code -s 32} limit: cut at 32 bytes, "..." when there was more. */
    private static String shortString(String s, boolean longer) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, StraceText.MAX_STRLEN);
        return StraceText.quote(bytes, n, longer || bytes.length > StraceText.MAX_STRLEN);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Buffers, iovecs, sockaddrs, msghdr

    /** {@code count} bytes of data at {@code address}, shown with the -s limit; the address when unreadable. */
    private static String data(TraceeAccess tracee, long address, long count) {
        if (count == 0) {
            return "\"\"";
        }
        if (address == 0) {
            return "NULL";
        }
        boolean more = Long.compareUnsigned(count, StraceText.MAX_STRLEN) > 0;
        int n = more ? StraceText.MAX_STRLEN : (int) count;
        byte[] bytes = tracee.read(address, n);
        if (bytes == null) {
            return StraceText.hex(address);
        }
        return StraceText.quote(bytes, n, more);
    }

    private static final int IOVEC_SIZE = 16;

    /**
     * {@code [{iov_base="ab", iov_len=2}, ...]}. {@code dataLimit} is how many bytes the call transferred (readv's
     * result), shared out in order; -1 means each iovec's full length (writev).
     */
    private static String iovecs(TraceeAccess tracee, long address, long count, long dataLimit) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        int shown = Long.compareUnsigned(count, StraceText.MAX_STRLEN) > 0 ? StraceText.MAX_STRLEN : (int) count;
        byte[] vec = tracee.read(address, shown * IOVEC_SIZE);
        if (vec == null) {
            return StraceText.hex(address);
        }
        StringBuilder sb = new StringBuilder("[");
        long remaining = dataLimit;
        for (int i = 0; i < shown; i++) {
            long base = le(vec, i * IOVEC_SIZE, 8);
            long len = le(vec, i * IOVEC_SIZE + 8, 8);
            long dataLength = len;
            if (remaining >= 0) {
                dataLength = Math.min(len, remaining);
                remaining -= dataLength;
            }
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("{iov_base=").append(data(tracee, base, dataLength))
                    .append(", iov_len=").append(Long.toUnsignedString(len)).append('}');
        }
        if (Long.compareUnsigned(count, shown) > 0) {
            sb.append(", ...");
        }
        return sb.append(']').toString();
    }

    /** Renders a sockaddr argument and records it as the call's address. */
    private static void sockaddrArg(Call c, long address, long length) {
        Sockaddrs.Decoded d = sockaddr(c.tracee, address, (int) length);
        c.add(d.rendered());
        if (d.address() != null) {
            c.out.address = d.address();
        }
    }

    /** strace's rule: NULL, the address when shorter than the family field or unreadable, else the decoded struct. */
    private static Sockaddrs.Decoded sockaddr(TraceeAccess tracee, long address, int length) {
        if (address == 0) {
            return new Sockaddrs.Decoded("NULL", null);
        }
        // sizeof(struct sockaddr_storage): the kernel never copies more than this.
        int n = Math.min(length, 128);
        byte[] bytes = n >= 2 ? tracee.read(address, n) : null;
        if (bytes == null) {
            return new Sockaddrs.Decoded(StraceText.hex(address), null);
        }
        return Sockaddrs.decode(bytes, n);
    }

    /** The value-result socklen at entry: {@code [16]}; remembered to show {@code [110 => 2]} at the exit. */
    private static String socklenEntry(Call c, long address) {
        if (address == 0) {
            return "NULL";
        }
        byte[] len = c.tracee.read(address, 4);
        if (len == null) {
            return StraceText.hex(address);
        }
        long in = le(len, 0, 4);
        c.out.saved = in;
        return "[" + in + "]";
    }

    static final int MSGHDR_SIZE = 56;

    /**
     * struct msghdr (x86_64: name@0, namelen@8, iov@16, iovlen@24, control@32, controllen@40, flags@48).
     * Control messages are shown as their address: decoding cmsg types is not needed for assertions yet.
     */
    private static String msghdr(Call c, long address, long dataLimit) {
        byte[] h = c.tracee.read(address, MSGHDR_SIZE);
        if (h == null) {
            return StraceText.pointer(address);
        }
        long name = le(h, 0, 8);
        long namelen = le(h, 8, 4);
        long iov = le(h, 16, 8);
        long iovlen = le(h, 24, 8);
        long control = le(h, 32, 8);
        long controllen = le(h, 40, 8);
        long flags = le(h, 48, 4);
        StringBuilder sb = new StringBuilder("{msg_name=");
        Sockaddrs.Decoded d = sockaddr(c.tracee, name, (int) namelen);
        sb.append(d.rendered());
        if (d.address() != null) {
            c.out.address = d.address();
        }
        sb.append(", msg_namelen=");
        if (c.out.saved != null && c.out.saved != namelen) {
            sb.append(c.out.saved).append(" => ");
        }
        sb.append(namelen);
        sb.append(", msg_iov=").append(iovecs(c.tracee, iov, iovlen, dataLimit))
                .append(", msg_iovlen=").append(Long.toUnsignedString(iovlen));
        if (controllen != 0) {
            sb.append(", msg_control=").append(StraceText.pointer(control));
        }
        sb.append(", msg_controllen=").append(Long.toUnsignedString(controllen))
                .append(", msg_flags=").append(Constants.group("msg_flags").flags(flags, null)).append('}');
        return sb.toString();
    }

    /** sendfile's in/out offset: {@code [0]} at the entry, {@code [0] => [10]} once the kernel moved it. */
    private static String offsetEntry(Call c, long address) {
        if (address == 0) {
            return "NULL";
        }
        byte[] b = c.tracee.read(address, 8);
        if (b == null) {
            return StraceText.hex(address);
        }
        c.out.saved = le(b, 0, 8);
        return "[" + c.out.saved + "]";
    }

    static long le(byte[] b, int offset, int size) {
        ByteBuffer buf = ByteBuffer.wrap(b, offset, size).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 4: return buf.getInt() & 0xffffffffL;
            case 8: return buf.getLong();
            case 2: return buf.getShort() & 0xffff;
            default: throw new IllegalArgumentException("size " + size);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exit

    private void exit(Call c, long ret) {
        String[] r = c.out.renderedArgs;
        switch (c.name) {
            case "read": case "pread64":
                set(r, 1, data(c.tracee, c.args[1], ret));
                break;
            case "readv": case "preadv":
                set(r, 1, iovecs(c.tracee, c.args[1], c.args[2], ret));
                break;
            case "readlink":
                set(r, 1, data(c.tracee, c.args[1], ret));
                break;
            case "readlinkat":
                set(r, 2, data(c.tracee, c.args[2], ret));
                break;
            case "getcwd": {
                String cwd = c.args[0] == 0 ? null : c.tracee.readString(c.args[0], Call.PATH_MAX);
                if (cwd != null) {
                    set(r, 0, StraceText.quote(cwd, false));
                }
                break;
            }
            case "stat": case "lstat": case "fstat":
                set(r, 1, statBuffer(c.tracee, c.args[1]));
                break;
            case "newfstatat":
                set(r, 2, statBuffer(c.tracee, c.args[2]));
                break;
            case "statx":
                set(r, 4, statxBuffer(c.tracee, c.args[4]));
                break;
            case "pipe": case "pipe2":
                set(r, 0, fdPair(c.tracee, c.args[0]));
                break;
            case "socketpair":
                set(r, 3, fdPair(c.tracee, c.args[3]));
                break;
            case "accept": case "accept4": case "getsockname": case "getpeername":
                addressResult(c, r, 1, c.args[1], c.args[2]);
                break;
            case "recvfrom":
                set(r, 1, data(c.tracee, c.args[1], ret));
                addressResult(c, r, 4, c.args[4], c.args[5]);
                break;
            case "recvmsg":
                set(r, 1, msghdr(c, c.args[1], ret));
                break;
            case "sendfile":
                if (c.args[2] != 0 && c.out.saved != null) {
                    byte[] b = c.tracee.read(c.args[2], 8);
                    if (b != null) {
                        set(r, 2, "[" + c.out.saved + "] => [" + le(b, 0, 8) + "]");
                    }
                }
                break;
            default:
                break;
        }
    }

    private static void set(String[] rendered, int index, String text) {
        if (index < rendered.length) {
            rendered[index] = text;
        }
    }

    /**
     * The address an accept-like call wrote: decoded from min(buffer size at entry, length at exit) bytes, as
     * strace does, with the length shown as {@code [in => out]} when the kernel changed it.
     */
    private static void addressResult(Call c, String[] r, int addrIndex, long address, long lengthAddress) {
        if (lengthAddress == 0 || c.out.saved == null) {
            return;
        }
        byte[] lenBytes = c.tracee.read(lengthAddress, 4);
        if (lenBytes == null) {
            return;
        }
        long in = c.out.saved;
        long outLen = le(lenBytes, 0, 4);
        set(r, addrIndex + 1, in == outLen ? "[" + in + "]" : "[" + in + " => " + outLen + "]");
        if (address != 0) {
            Sockaddrs.Decoded d = sockaddr(c.tracee, address, (int) Math.min(in, outLen));
            set(r, addrIndex, d.rendered());
            if (d.address() != null) {
                c.out.address = d.address();
            }
        }
    }

    private static String fdPair(TraceeAccess tracee, long address) {
        byte[] b = tracee.read(address, 8);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "[" + (int) le(b, 0, 4) + ", " + (int) le(b, 4, 4) + "]";
    }

    /** x86_64 struct stat (144 bytes): st_mode u32 @24, st_rdev @40, st_size @48. strace's non-verbose form. */
    private static String statBuffer(TraceeAccess tracee, long address) {
        byte[] st = tracee.read(address, 144);
        if (st == null) {
            return StraceText.pointer(address);
        }
        long mode = le(st, 24, 4);
        StringBuilder sb = new StringBuilder("{st_mode=").append(fileMode(mode));
        long type = mode & S_IFMT;
        if (isDevice(type)) {
            long dev = le(st, 40, 8);
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            sb.append(", st_rdev=makedev(0x").append(Long.toHexString(major)).append(", 0x")
                    .append(Long.toHexString(minor)).append(')');
        } else {
            sb.append(", st_size=").append(le(st, 48, 8));
        }
        return sb.append(", ...}").toString();
    }

    private static boolean isDevice(long type) {
        Xlat types = Constants.group("file_type");
        return type == types.value("S_IFCHR") || type == types.value("S_IFBLK");
    }

    /** struct statx: stx_mask u32 @0, stx_attributes u64 @8, stx_mode u16 @28, stx_size u64 @40. */
    private static String statxBuffer(TraceeAccess tracee, long address) {
        byte[] st = tracee.read(address, 48);
        if (st == null) {
            return StraceText.pointer(address);
        }
        return "{stx_mask=" + Constants.group("statx_mask").flags(le(st, 0, 4), null)
                + ", stx_attributes=" + Constants.group("statx_attributes").flags(le(st, 8, 8), null)
                + ", stx_mode=" + fileMode(le(st, 28, 2))
                + ", stx_size=" + le(st, 40, 8) + ", ...}";
    }
}
