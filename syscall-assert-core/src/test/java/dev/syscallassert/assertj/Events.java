package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.xlat.Constants;

import java.util.List;

/**
 * Hand-built events that look like the engine's, for the edge cases a real process rarely shows on demand. The
 * constants come from the generated table, as the engine's do.
 */
final class Events {
    static final long O_RDONLY = Constants.value("open_access", "O_RDONLY");
    static final long O_WRONLY = Constants.value("open_access", "O_WRONLY");
    static final long O_RDWR = Constants.value("open_access", "O_RDWR");
    static final long O_CREAT = Constants.value("open_flags", "O_CREAT");
    static final long O_EXCL = Constants.value("open_flags", "O_EXCL");
    static final long O_TRUNC = Constants.value("open_flags", "O_TRUNC");
    static final long O_APPEND = Constants.value("open_flags", "O_APPEND");
    static final long O_CLOEXEC = Constants.value("open_flags", "O_CLOEXEC");
    static final long O_PATH = Constants.value("open_flags", "O_PATH");
    static final long O_DIRECTORY = Constants.value("open_flags", "O_DIRECTORY");
    static final long AT_FDCWD = Constants.value("at_fdcwd", "AT_FDCWD");
    static final long AT_REMOVEDIR = Constants.value("at_flags", "AT_REMOVEDIR");
    static final int AF_UNIX = Constants.intValue("address_family", "AF_UNIX");
    static final int AF_INET = Constants.intValue("address_family", "AF_INET");
    static final int AF_INET6 = Constants.intValue("address_family", "AF_INET6");
    static final int AF_NETLINK = Constants.intValue("address_family", "AF_NETLINK");
    static final int AF_PACKET = Constants.intValue("address_family", "AF_PACKET");
    static final long SOCK_STREAM = Constants.value("socket_type", "SOCK_STREAM");
    /** What glibc's pthread_create passes to clone. */
    static final long THREAD_FLAGS = cloneFlags("CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND",
            "CLONE_THREAD", "CLONE_SYSVSEM", "CLONE_SETTLS", "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID");
    /** What glibc's fork passes to clone. */
    static final long FORK_FLAGS = cloneFlags("CLONE_CHILD_SETTID", "CLONE_CHILD_CLEARTID")
            | Constants.value("signal", "SIGCHLD");

    private Events() {
    }

    static long cloneFlags(String... names) {
        long flags = 0;
        for (String name : names) {
            flags |= Constants.value("clone_flags", name);
        }
        return flags;
    }

    static SyscallTrace trace(SyscallEvent... events) {
        return SyscallTrace.of(List.of(events));
    }

    static SyscallEvent.Builder call(String syscall) {
        return SyscallEvent.builder().pid(100).tid(100).thread("app").syscall(syscall);
    }

    static SyscallEvent.Builder ok(SyscallEvent.Builder b, long returnValue) {
        return b.returnValue(returnValue);
    }

    static SyscallEvent.Builder fail(SyscallEvent.Builder b, String errno) {
        return b.returnValue(-1).errno(errno);
    }

    /** An openat with its flags decoded, as the engine makes it. */
    static SyscallEvent.Builder openat(String path, long flags) {
        return call("openat").args(AT_FDCWD, 0, flags).path(path).openFlags(flags)
                .renderedArgs(List.of("AT_FDCWD", quote(path), flagNames(flags))).returnValue(3);
    }

    static SyscallEvent.Builder open(String path, long flags) {
        return call("open").args(0, flags).path(path).openFlags(flags)
                .renderedArgs(List.of(quote(path), flagNames(flags))).returnValue(3);
    }

    static SyscallEvent.Builder fdCall(String syscall, int fd, String fdPath) {
        return call(syscall).args(fd).fdPath(fdPath).renderedArgs(List.of(Integer.toString(fd), "\"...\"", "5"))
                .returnValue(5);
    }

    static SyscallEvent.Builder pathCall(String syscall, String path) {
        return call(syscall).path(path).renderedArgs(List.of(quote(path))).returnValue(0);
    }

    static SyscallEvent.Builder rename(String from, String to) {
        return call("rename").path(from).path2(to).renderedArgs(List.of(quote(from), quote(to))).returnValue(0);
    }

    static SyscallEvent.Builder socket(int family, long fd) {
        String name = Constants.group("address_family").name(family);
        return call("socket").args(family, SOCK_STREAM, 0)
                .renderedArgs(List.of(name != null ? name : Integer.toString(family), "SOCK_STREAM", "0"))
                .returnValue(fd);
    }

    static SyscallEvent.Builder sockCall(String syscall, int fd, String address) {
        return call(syscall).args(fd).address(address)
                .renderedArgs(List.of(Integer.toString(fd), "{" + address + "}", "16")).returnValue(0);
    }

    static final long SOL_SOCKET = Constants.value("socket_level", "SOL_SOCKET");
    static final long SO_ERROR = Constants.value("socket_option", "SO_ERROR");

    /** A connect on fd {@code fd}, which names socket {@code inode}, as the engine records it. */
    static SyscallEvent.Builder connect(int fd, long inode, String address) {
        return sockCall("connect", fd, address).fdPath("socket:[" + inode + "]");
    }

    /** getsockopt(fd, SOL_SOCKET, SO_ERROR, ...) that read {@code errno} (0 for none). */
    static SyscallEvent.Builder soError(int fd, long inode, String errno) {
        int error = errno.equals("0") ? 0 : Constants.errno(errno);
        return call("getsockopt").args(fd, SOL_SOCKET, SO_ERROR).fdPath("socket:[" + inode + "]").socketError(error)
                .renderedArgs(List.of(Integer.toString(fd), "0x1", "0x4", "0x7ffd0000", "0x7ffd0004")).returnValue(0);
    }

    /** Any call on fd {@code fd} naming socket {@code inode}, returning {@code ret}. */
    static SyscallEvent.Builder onSocket(String syscall, int fd, long inode, long ret) {
        return fdCall(syscall, fd, "socket:[" + inode + "]").returnValue(ret);
    }

    static SyscallEvent.Builder execve(String path, String... argv) {
        return call("execve").path(path).argv(List.of(argv))
                .renderedArgs(List.of(quote(path), List.of(argv).toString(), "0x7ffd /* 20 vars */")).returnValue(0);
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String flagNames(long flags) {
        StringBuilder b = new StringBuilder();
        long acc = flags & (O_WRONLY | O_RDWR);
        b.append(acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY" : "O_RDWR");
        if ((flags & O_CREAT) != 0) b.append("|O_CREAT");
        if ((flags & O_TRUNC) != 0) b.append("|O_TRUNC");
        if ((flags & O_APPEND) != 0) b.append("|O_APPEND");
        if ((flags & O_PATH) != 0) b.append("|O_PATH");
        if ((flags & O_CLOEXEC) != 0) b.append("|O_CLOEXEC");
        return b.toString();
    }
}
