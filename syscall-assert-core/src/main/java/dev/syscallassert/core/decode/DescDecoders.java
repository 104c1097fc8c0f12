package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Calls on descriptors that are neither plain I/O nor polling: fcntl (every command strace knows, with the argument
 * count and return annotation it prints for each), flock, close_range, the range and advice calls (fadvise64,
 * readahead, sync_file_range, fallocate), the in-kernel copies (copy_file_range, splice, tee, vmsplice), directory
 * reads (getdents, getdents64) and the descriptors made by eventfd, timerfd and inotify. strace's fcntl.c, flock.c,
 * close_range.c, fadvise.c, readahead.c, sync_file_range.c, fallocate.c, copy_file_range.c, io.c, xgetdents.c,
 * eventfd.c, time.c and inotify.c. Stateless; called on the tracer thread.
 */
final class DescDecoders {

    private static final Xlat FCNTL_CMD = Constants.group("fcntl_cmd");
    private static final Xlat FD_FLAGS = Constants.group("fd_flags");
    private static final Xlat LOCK_TYPES = Constants.group("lock_type");
    private static final Xlat SEALS = Constants.group("f_seals");
    private static final Xlat DNOTIFY = Constants.group("dnotify_flags");
    private static final int F_DUPFD = cmd("F_DUPFD");
    private static final int F_GETFD = cmd("F_GETFD");
    private static final int F_SETFD = cmd("F_SETFD");
    private static final int F_GETFL = cmd("F_GETFL");
    private static final int F_SETFL = cmd("F_SETFL");
    private static final int F_GETLK = cmd("F_GETLK");
    private static final int F_SETLK = cmd("F_SETLK");
    private static final int F_SETLKW = cmd("F_SETLKW");
    private static final int F_SETOWN = cmd("F_SETOWN");
    private static final int F_GETOWN = cmd("F_GETOWN");
    private static final int F_SETSIG = cmd("F_SETSIG");
    private static final int F_GETSIG = cmd("F_GETSIG");
    private static final int F_SETOWN_EX = cmd("F_SETOWN_EX");
    private static final int F_GETOWN_EX = cmd("F_GETOWN_EX");
    private static final int F_OFD_GETLK = cmd("F_OFD_GETLK");
    private static final int F_OFD_SETLK = cmd("F_OFD_SETLK");
    private static final int F_OFD_SETLKW = cmd("F_OFD_SETLKW");
    private static final int F_SETLEASE = cmd("F_SETLEASE");
    private static final int F_GETLEASE = cmd("F_GETLEASE");
    private static final int F_NOTIFY = cmd("F_NOTIFY");
    private static final int F_DUPFD_CLOEXEC = cmd("F_DUPFD_CLOEXEC");
    private static final int F_SETPIPE_SZ = cmd("F_SETPIPE_SZ");
    private static final int F_GETPIPE_SZ = cmd("F_GETPIPE_SZ");
    private static final int F_ADD_SEALS = cmd("F_ADD_SEALS");
    private static final int F_GET_SEALS = cmd("F_GET_SEALS");

    private static final Xlat SPLICE_FLAGS = Constants.group("splice_flags");
    /** copy_file_range's and splice's offsets are loff_t, the size of st_size. */
    private static final int LOFF_T_SIZE = StructRenderers.OFF_T_SIZE;

    private static final StructRenderers.Field DIRENT64_RECLEN = new StructRenderers.Field(X86_64.DIRENT64, "d_reclen");
    private static final int DIRENT64_HEADER = X86_64.DIRENT64.offset("d_name");
    private static final StructRenderers.Field DIRENT_RECLEN = new StructRenderers.Field(X86_64.LINUX_DIRENT, "d_reclen");
    private static final int DIRENT_HEADER = X86_64.LINUX_DIRENT.offset("d_name");

    private static final Xlat MEMFD_FLAGS = Constants.group("memfd_flags");
    private static final int MFD_HUGE_SHIFT = Constants.intValue("memfd_huge", "MFD_HUGE_SHIFT");
    private static final long MFD_HUGE_MASK = Constants.value("memfd_huge", "MFD_HUGE_MASK");
    /** The longest memfd name the kernel takes (NAME_MAX less "memfd:"), plus its NUL, as strace reads it. */
    private static final int MFD_NAME_LIMIT = Constants.intValue("name_max", "NAME_MAX") - "memfd:".length() + 1;

    /** The largest directory buffer read in one piece; a bigger one (never seen in practice) is read per entry. */
    private static final int WHOLE_READ_LIMIT = 1 << 20;

    private DescDecoders() {
    }

    private static int cmd(String name) {
        return Constants.intValue("fcntl_cmd", name);
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "fcntl" -> SyscallDecoder.of(DescDecoders::fcntl, DescDecoders::fcntlExit);
            case "flock" -> SyscallDecoder.of(c -> c.fd(0)
                    .add(Xlats.flags(Constants.group("flock_op"), c.args[1] & 0xffffffffL, "LOCK_???")));
            case "close_range" -> SyscallDecoder.of(c -> {
                c.add(Integer.toUnsignedString(c.int32(0))).add(Integer.toUnsignedString(c.int32(1)));
                c.add(Xlats.flags(Constants.group("close_range_flags"), c.args[2] & 0xffffffffL, "CLOSE_RANGE_???"));
            });
            case "fadvise64" -> SyscallDecoder.of(c -> c.fd(0).signed(1).unsigned(2)
                    .add(Xlats.xval(Constants.group("fadvise_advice"), c.args[3], "POSIX_FADV_???")));
            case "readahead" -> SyscallDecoder.of(c -> c.fd(0).signed(1).unsigned(2));
            case "sync_file_range" -> SyscallDecoder.of(c -> c.fd(0).signed(1).signed(2)
                    .add(Xlats.flags(Constants.group("sync_file_range_flags"), c.args[3] & 0xffffffffL,
                            "SYNC_FILE_RANGE_???")));
            case "fallocate" -> SyscallDecoder.of(c -> c.fd(0)
                    .add(Xlats.flags(Constants.group("falloc_flags"), c.args[1] & 0xffffffffL, "FALLOC_FL_???"))
                    .signed(2).signed(3));

            case "copy_file_range" -> SyscallDecoder.of(c -> c.fd(0).add(int64At(c, 1)).fd(2).add(int64At(c, 3))
                    .unsigned(4).add(Integer.toUnsignedString(c.int32(5))));
            case "splice" -> SyscallDecoder.of(c -> c.fd(0).add(int64At(c, 1)).fd(2).add(int64At(c, 3)).unsigned(4)
                    .add(Xlats.flags(SPLICE_FLAGS, c.args[5] & 0xffffffffL, "SPLICE_F_???")));
            case "tee" -> SyscallDecoder.of(c -> c.fd(0).fd(1).unsigned(2)
                    .add(Xlats.flags(SPLICE_FLAGS, c.args[3] & 0xffffffffL, "SPLICE_F_???")));
            case "vmsplice" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], -1));
                c.unsigned(2).add(Xlats.flags(SPLICE_FLAGS, c.args[3] & 0xffffffffL, "SPLICE_F_???"));
            });

            case "getdents64" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).add(Integer.toUnsignedString(c.int32(2))),
                    (c, ret) -> c.replace(1, dirents(c, ret, DIRENT64_HEADER, DIRENT64_RECLEN)));
            case "getdents" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).add(Integer.toUnsignedString(c.int32(2))),
                    (c, ret) -> c.replace(1, dirents(c, ret, DIRENT_HEADER, DIRENT_RECLEN)));

            case "eventfd" -> SyscallDecoder.of(c -> c.add(Integer.toUnsignedString(c.int32(0))));
            case "eventfd2" -> SyscallDecoder.of(c -> c.add(Integer.toUnsignedString(c.int32(0)))
                    .add(Xlats.flags(Constants.group("eventfd_flags"), c.args[1] & 0xffffffffL, "EFD_???")));
            case "timerfd_create" -> SyscallDecoder.of(c -> c
                    .add(Xlats.xval(Constants.group("clock_id"), c.int32(0), "CLOCK_???"))
                    .add(Xlats.flags(Constants.group("timerfd_flags"), c.args[1] & 0xffffffffL, "TFD_???")));
            case "timerfd_settime" -> SyscallDecoder.of(c -> {
                c.fd(0).add(Xlats.flags(Constants.group("timerfd_flags"), c.args[1] & 0xffffffffL, "TFD_???"));
                c.add(TimeStructs.itimerspec(c.tracee, c.args[2])).pointer(3);
            }, (c, ret) -> c.replace(3, TimeStructs.itimerspec(c.tracee, c.args[3])));
            case "timerfd_gettime" -> SyscallDecoder.of(c -> c.fd(0).pointer(1),
                    (c, ret) -> c.replace(1, TimeStructs.itimerspec(c.tracee, c.args[1])));
            case "memfd_create" -> SyscallDecoder.of(c -> c
                    .add(TraceeStrings.cstring(c.tracee, c.args[0], MFD_NAME_LIMIT))
                    .add(memfdFlags(c.int32(1))));
            case "inotify_init" -> SyscallDecoder.of(c -> { });
            case "inotify_init1" -> SyscallDecoder.of(c ->
                    c.add(Xlats.flags(Constants.group("inotify_init_flags"), c.args[0] & 0xffffffffL, "IN_???")));
            case "inotify_add_watch" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.out.path = c.path(1);
                c.add(Xlats.flags(Constants.group("inotify_mask"), c.args[2] & 0xffffffffL, "IN_???"));
            });
            case "inotify_rm_watch" -> SyscallDecoder.of(c -> c.fd(0).int32Arg(1));
            default -> null;
        };
    }

    /** memfd_create's flags: the named ones, then a huge page size as {@code 21<<MFD_HUGE_SHIFT}. */
    private static String memfdFlags(int value) {
        long flags = Integer.toUnsignedLong(value);
        if (flags == 0) {
            return "0";
        }
        long mask = MFD_HUGE_MASK << MFD_HUGE_SHIFT;
        long huge = flags & mask;
        flags &= ~mask;
        String named = flags != 0 || huge == 0 ? Xlats.flags(MEMFD_FLAGS, flags, "MFD_???") : "";
        if (huge == 0) {
            return named;
        }
        return (flags != 0 ? named + "|" : "") + (huge >>> MFD_HUGE_SHIFT) + "<<MFD_HUGE_SHIFT";
    }

    /** printnum_int64: a loff_t pointer shown as {@code [5]}, NULL, or its address when unreadable. */
    private static String int64At(ArgumentCursor c, int i) {
        long address = c.args[i];
        byte[] b = address == 0 ? null : c.tracee.read(address, LOFF_T_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "[" + LittleEndian.get(b, 0, LOFF_T_SIZE) + "]";
    }

    // ------------------------------------------------------------------------------------------------ fcntl

    /** The fd, the command by name, and the third argument only for the commands that read one at the entry. */
    private static void fcntl(ArgumentCursor c) {
        c.fd(0).add(Xlats.xval(FCNTL_CMD, c.args[1], "F_???"));
        int cmd = c.int32(1);
        long arg = c.args[2];
        if (cmd == F_SETFD) {
            c.add(Xlats.flags(FD_FLAGS, arg, "FD_???"));
        } else if (cmd == F_SETOWN) {
            c.int32Arg(2);
        } else if (cmd == F_SETPIPE_SZ || cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
            c.signed(2);
        } else if (cmd == F_SETFL) {
            c.add(FlagRenderers.openFlags(arg & 0xffffffffL));
        } else if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW) {
            c.add(FsStructs.flock(c.tracee, arg, false));
        } else if (cmd == F_SETOWN_EX) {
            c.add(FsStructs.ownerEx(c.tracee, arg));
        } else if (cmd == F_NOTIFY) {
            c.add(Xlats.flags(DNOTIFY, arg, "DN_???"));
        } else if (cmd == F_SETLEASE) {
            c.add(Xlats.xval(LOCK_TYPES, arg, "F_???"));
        } else if (cmd == F_ADD_SEALS) {
            c.add(Xlats.flags(SEALS, arg, "F_SEAL_???"));
        } else if (cmd == F_SETSIG) {
            c.add(SignalText.signal((int) arg));
        } else if (cmd == F_GETLK || cmd == F_OFD_GETLK || cmd == F_GETOWN_EX) {
            // Written by the call: its address until it succeeded (how strace shows a failed one too).
            c.pointer(2);
        } else if (cmd != F_GETOWN && cmd != F_GETPIPE_SZ && cmd != F_GETFD && cmd != F_GETFL && cmd != F_GETLEASE
                && cmd != F_GET_SEALS && cmd != F_GETSIG) {
            c.hexArg(2);
        }
    }

    /** What the successful call wrote (a lock, an owner), or what its return value means (flags, a lease). */
    private static void fcntlExit(ArgumentCursor c, long ret) {
        int cmd = c.int32(1);
        if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
            c.replace(2, FsStructs.flock(c.tracee, c.args[2], true));
        } else if (cmd == F_GETOWN_EX) {
            c.replace(2, FsStructs.ownerEx(c.tracee, c.args[2]));
        } else if (cmd == F_GETFD && ret != 0) {
            c.returnAs(ReturnFormat.HEX, ret);
            c.annotateReturn("(" + Xlats.annotation("flags ", FD_FLAGS, ret) + ")");
        } else if (cmd == F_GETFL) {
            c.returnAs(ReturnFormat.HEX, ret);
            c.annotateReturn("(flags " + FlagRenderers.openFlags(ret) + ")");
        } else if (cmd == F_GETLEASE) {
            c.returnAs(ReturnFormat.HEX, ret);
            String name = LOCK_TYPES.name(ret);
            if (name != null) {
                c.annotateReturn("(" + name + ")");
            }
        } else if (cmd == F_GET_SEALS && ret != 0) {
            c.returnAs(ReturnFormat.HEX, ret);
            c.annotateReturn("(" + Xlats.annotation("seals ", SEALS, ret) + ")");
        } else if (cmd == F_GETSIG && ret != 0) {
            String name = ret <= Integer.MAX_VALUE ? SignalText.name((int) ret) : null;
            if (name != null) {
                c.annotateReturn("(" + name + ")");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ getdents

    /**
     * xgetdents without -v: the buffer's address and how many entries the kernel wrote, counted by walking their
     * d_reclen fields ({@code 0x55... /* 9 entries *}{@code /}), with {@code +} when the walk stopped early.
     */
    private static String dirents(ArgumentCursor c, long ret, int header, StructRenderers.Field reclen) {
        long address = c.args[1];
        long count = c.args[2] & 0xffffffffL;
        if (Long.compareUnsigned(ret, count) > 0) {
            return StraceText.pointer(address);
        }
        StringBuilder sb = new StringBuilder(StraceText.pointer(address));
        int entries = 0;
        long len = ret;
        long at = address;
        // One read for the whole buffer (the kernel wrote ret bytes); entry by entry only when that fails.
        byte[] buffer = len > 0 && len <= WHOLE_READ_LIMIT ? c.tracee.read(address, (int) len) : null;
        while (len >= header) {
            int offset = (int) (at - address);
            byte[] head = buffer != null ? java.util.Arrays.copyOfRange(buffer, offset, offset + header)
                    : c.tracee.read(at, header);
            if (head == null) {
                break;
            }
            entries++;
            long size = reclen.of(head);
            if (size > len) {
                sb.append(" /* d_reclen ").append(size - len).append(" bytes overflow */");
                size = len;
            } else if (size < header) {
                // strace takes the header's size and stops there, the rest uncounted.
                sb.append(" /* d_reclen ").append(header - size).append(" bytes underflow */");
                len -= header;
                break;
            }
            len -= size;
            at += size;
            if (len == 0) {
                break;
            }
        }
        return sb.append(" /* ").append(entries).append(len != 0 ? "+" : "").append(" entries */").toString();
    }
}
