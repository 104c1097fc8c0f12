package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;

import java.util.List;

/** Hand-built events that look like the engine's, for the edge cases a real process rarely shows on demand. */
final class Events {
    static final long O_RDONLY = 0, O_WRONLY = 01, O_RDWR = 02, O_CREAT = 0100, O_TRUNC = 01000,
            O_APPEND = 02000, O_CLOEXEC = 02000000, O_PATH = 010000000, O_DIRECTORY = 0200000;

    private Events() {
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

    static SyscallEvent.Builder openat(String path, long flags) {
        return call("openat").args(-100, 0, flags).path(path)
                .renderedArgs(List.of("AT_FDCWD", quote(path), flagNames(flags))).returnValue(3);
    }

    static SyscallEvent.Builder open(String path, long flags) {
        return call("open").args(0, flags).path(path).renderedArgs(List.of(quote(path), flagNames(flags)))
                .returnValue(3);
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
        String name = family == 2 ? "AF_INET" : family == 10 ? "AF_INET6" : family == 1 ? "AF_UNIX"
                : family == 16 ? "AF_NETLINK" : family == 17 ? "AF_PACKET" : Integer.toString(family);
        return call("socket").args(family, 1, 0).renderedArgs(List.of(name, "SOCK_STREAM", "0")).returnValue(fd);
    }

    static SyscallEvent.Builder sockCall(String syscall, int fd, String address) {
        return call(syscall).args(fd).address(address)
                .renderedArgs(List.of(Integer.toString(fd), "{" + address + "}", "16")).returnValue(0);
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
        long acc = flags & 3;
        b.append(acc == 0 ? "O_RDONLY" : acc == 1 ? "O_WRONLY" : "O_RDWR");
        if ((flags & O_CREAT) != 0) b.append("|O_CREAT");
        if ((flags & O_TRUNC) != 0) b.append("|O_TRUNC");
        if ((flags & O_APPEND) != 0) b.append("|O_APPEND");
        if ((flags & O_PATH) != 0) b.append("|O_PATH");
        if ((flags & O_CLOEXEC) != 0) b.append("|O_CLOEXEC");
        return b.toString();
    }
}
