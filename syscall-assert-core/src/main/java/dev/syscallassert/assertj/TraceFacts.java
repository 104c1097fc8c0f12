package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a list of events means in terms of files, sockets and processes. Membership is decided by syscall name here,
 * not by the table's categories, so that the checks do not change meaning when the table's classes do.
 */
final class TraceFacts {

    // ---- files ---------------------------------------------------------------------------------------------

    static final Set<String> READ_THROUGH_FD = Set.of("read", "readv", "pread64", "preadv", "preadv2");
    static final Set<String> WRITE_THROUGH_FD =
            Set.of("write", "writev", "pwrite64", "pwritev", "pwritev2", "ftruncate", "fallocate");
    static final Set<String> RENAMES = Set.of("rename", "renameat", "renameat2");
    static final Set<String> DELETES = Set.of("unlink", "unlinkat", "rmdir");
    static final Set<String> MAKE_NODES = Set.of("mknod", "mknodat");
    static final Set<String> MAKE_LINKS = Set.of("link", "linkat", "symlink", "symlinkat");
    static final Set<String> MAKE_DIRS = Set.of("mkdir", "mkdirat");

    /** One open-like call, successful or not. */
    record Open(SyscallEvent event, Path path, OpenMode mode) {
        boolean succeeded() {
            return event.succeeded();
        }
    }

    /** How a file was touched, for the read/write/create/delete checks and their messages. */
    enum Access { READ, WRITE, CREATE, DELETE }

    /** One event that touched {@code path} in the way of its {@link Access}. */
    record Touch(SyscallEvent event, Path path, Access access) {
    }

    private TraceFacts() {
    }

    static List<Open> opens(List<SyscallEvent> events) {
        List<Open> opens = new ArrayList<>();
        for (SyscallEvent e : events) {
            Optional<OpenMode> mode = OpenMode.of(e);
            if (mode.isPresent()) {
                Path path = FilePaths.actual(e.path().orElse(null));
                if (path != null) {
                    opens.add(new Open(e, path, mode.get()));
                }
            }
        }
        return opens;
    }

    /** Every event that touched a file, successful or not; one event may touch several paths (rename). */
    static List<Touch> touches(List<SyscallEvent> events) {
        List<Touch> touches = new ArrayList<>();
        for (SyscallEvent e : events) {
            String name = e.syscall();
            Path path = FilePaths.actual(e.path().orElse(null));
            Path path2 = FilePaths.actual(e.path2().orElse(null));
            Optional<OpenMode> mode = OpenMode.of(e);
            if (mode.isPresent() && path != null) {
                if (mode.get().read) {
                    touches.add(new Touch(e, path, Access.READ));
                }
                if (mode.get().write) {
                    touches.add(new Touch(e, path, Access.WRITE));
                }
                if (mode.get().create) {
                    touches.add(new Touch(e, path, Access.CREATE));
                }
            } else if (READ_THROUGH_FD.contains(name)) {
                Path fd = FilePaths.actual(e.fdPath().orElse(null));
                if (fd != null) {
                    touches.add(new Touch(e, fd, Access.READ));
                }
            } else if (WRITE_THROUGH_FD.contains(name)) {
                Path fd = FilePaths.actual(e.fdPath().orElse(null));
                if (fd != null) {
                    touches.add(new Touch(e, fd, Access.WRITE));
                }
            } else if (name.equals("truncate") && path != null) {
                touches.add(new Touch(e, path, Access.WRITE));
            } else if ((MAKE_NODES.contains(name) || MAKE_DIRS.contains(name)) && path != null) {
                touches.add(new Touch(e, path, Access.CREATE));
            } else if (MAKE_LINKS.contains(name) && path2 != null) {
                touches.add(new Touch(e, path2, Access.CREATE));
            } else if (DELETES.contains(name) && path != null) {
                touches.add(new Touch(e, path, Access.DELETE));
            } else if (RENAMES.contains(name)) {
                // The old name disappears and the new one appears: for "what did it change" both count.
                if (path != null) {
                    touches.add(new Touch(e, path, Access.DELETE));
                }
                if (path2 != null) {
                    touches.add(new Touch(e, path2, Access.CREATE));
                }
            }
        }
        return touches;
    }

    // ---- network -------------------------------------------------------------------------------------------

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final Set<Integer> NETWORK_FAMILIES = Set.of(AF_INET, AF_INET6, AF_PACKET);
    static final Set<String> ADDRESS_CALLS =
            Set.of("connect", "bind", "listen", "accept", "accept4", "sendto", "sendmsg", "sendmmsg");
    static final Set<String> CONNECTS = Set.of("connect");
    /** systemd-resolved's lookup socket: a name lookup through it is DNS, although the socket is Unix-domain. */
    static final String RESOLVED_SOCKET = "/run/systemd/resolve/io.systemd.Resolve";

    /** A call that made or used a socket, with what the trace tells about its kind. */
    record SocketCall(SyscallEvent event, Endpoint endpoint, int family, String why) {
        boolean network() {
            return why != null;
        }
    }

    static String familyName(int family) {
        switch (family) {
            case AF_UNIX: return "AF_UNIX";
            case AF_INET: return "AF_INET";
            case AF_INET6: return "AF_INET6";
            case AF_NETLINK: return "AF_NETLINK";
            case AF_PACKET: return "AF_PACKET";
            default: return "family " + family;
        }
    }

    /**
     * Every socket-related call with its family when known: from its own address, or from the {@code socket()}
     * call that made its descriptor in the same process (descriptors are per process, and reused after close).
     */
    static List<SocketCall> socketCalls(List<SyscallEvent> events) {
        Map<Long, Integer> familyByFd = new HashMap<>();
        List<SocketCall> calls = new ArrayList<>();
        for (SyscallEvent e : events) {
            String name = e.syscall();
            if (name.equals("close") || name.equals("close_range")) {
                familyByFd.remove(key(e.pid(), e.arg(0)));
                continue;
            }
            if (name.equals("socket") || name.equals("socketpair")) {
                int family = (int) e.arg(0);
                if (name.equals("socket") && e.succeeded()) {
                    familyByFd.put(key(e.pid(), e.returnValue()), family);
                }
                String why = NETWORK_FAMILIES.contains(family) ? "an " + familyName(family) + " socket" : null;
                calls.add(new SocketCall(e, null, family, why));
                continue;
            }
            if (!ADDRESS_CALLS.contains(name)) {
                continue;
            }
            Endpoint endpoint = Endpoint.ofEvent(e.address().orElse(null)).orElse(null);
            Integer fdFamily = familyByFd.get(key(e.pid(), e.arg(0)));
            if ((name.equals("accept") || name.equals("accept4")) && e.succeeded() && fdFamily != null) {
                familyByFd.put(key(e.pid(), e.returnValue()), fdFamily);
            }
            int family = endpoint != null ? (endpoint.isUnix() ? AF_UNIX : AF_INET) : fdFamily != null ? fdFamily : -1;
            String why = null;
            if (endpoint != null && endpoint.isInet()) {
                why = endpoint.port() == 53 ? "DNS to " + endpoint : "internet address " + endpoint;
            } else if (endpoint != null && endpoint.toString().equals("unix:" + RESOLVED_SOCKET)) {
                why = "DNS through systemd-resolved";
            } else if (endpoint == null && fdFamily != null && NETWORK_FAMILIES.contains(fdFamily)) {
                why = "on an " + familyName(fdFamily) + " socket";
            }
            calls.add(new SocketCall(e, endpoint, family, why));
        }
        return calls;
    }

    /** Whether a connect reached or is reaching its peer: success, or a non-blocking connect under way. */
    static boolean connected(SyscallEvent e) {
        return e.succeeded() || e.errno().map("EINPROGRESS"::equals).orElse(false);
    }

    /** Successful listens with the address they were bound to (from the earlier bind on that fd, same process). */
    static List<SocketCall> listens(List<SyscallEvent> events) {
        Map<Long, Endpoint> bound = new HashMap<>();
        List<SocketCall> listens = new ArrayList<>();
        for (SyscallEvent e : events) {
            if (e.syscall().equals("close")) {
                bound.remove(key(e.pid(), e.arg(0)));
            } else if (e.syscall().equals("bind") && e.succeeded()) {
                Endpoint.ofEvent(e.address().orElse(null)).ifPresent(ep -> bound.put(key(e.pid(), e.arg(0)), ep));
            } else if (e.syscall().equals("listen") && e.succeeded()) {
                Endpoint ep = Endpoint.ofEvent(e.address().orElse(null))
                        .orElse(bound.get(key(e.pid(), e.arg(0))));
                listens.add(new SocketCall(e, ep, -1, null));
            }
        }
        return listens;
    }

    private static long key(int pid, long fd) {
        return ((long) pid << 32) | (fd & 0xffffffffL);
    }

    // ---- processes -----------------------------------------------------------------------------------------

    static final Set<String> EXECS = Set.of("execve", "execveat");
    static final long CLONE_THREAD = 0x10000;

    /**
     * Whether an exec replaced the program. A successful execve has no return in the old image when it was made
     * by a non-leader thread, so an unfinished one counts too: a failed exec always returns its error.
     */
    static boolean execSucceeded(SyscallEvent e) {
        return !e.failed();
    }

    /** Whether a fork-like call made a new process (not a thread); null when it is not fork-like. */
    static String processCreation(SyscallEvent e, List<SyscallEvent> events) {
        switch (e.syscall()) {
            case "fork":
            case "vfork":
                return e.syscall();
            case "clone":
                return (e.arg(0) & CLONE_THREAD) == 0 ? "clone without CLONE_THREAD" : null;
            case "clone3": {
                // arg0 points to struct clone_args: the flags are only in the decoder's text.
                String rendered = String.join(", ", e.renderedArgs());
                if (rendered.contains("CLONE_THREAD")) {
                    return null;
                }
                if (rendered.contains("flags=")) {
                    return "clone3 without CLONE_THREAD";
                }
                if (e.succeeded()) {
                    long child = e.returnValue();
                    for (SyscallEvent other : events) {
                        if (other.tid() == child) {
                            return other.pid() == child ? "clone3 (the child is a process)" : null;
                        }
                    }
                }
                return "clone3 (flags unreadable)";
            }
            default:
                return null;
        }
    }
}
