package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Waiting on descriptors: poll and ppoll ({@code [{fd=3, events=POLLIN}]}, returning {@code 1 ([{fd=3,
 * revents=POLLIN}])} or {@code 0 (Timeout)}), select and pselect6 (fd sets {@code [3 4]}, returning
 * {@code 1 (in [3], left {...})}), and the epoll calls. strace's poll.c, desc.c and epoll.c, with the limits strace
 * puts on its return annotations. Stateless; called on the tracer thread.
 */
final class PollDecoders {

    private static final int POLLFD_SIZE = X86_64.POLLFD.size();
    private static final StructRenderers.Field POLL_FD = new StructRenderers.Field(X86_64.POLLFD, "fd");
    private static final StructRenderers.Field POLL_EVENTS = new StructRenderers.Field(X86_64.POLLFD, "events");
    private static final StructRenderers.Field POLL_REVENTS = new StructRenderers.Field(X86_64.POLLFD, "revents");
    private static final Xlat POLL_FLAGS = Constants.group("poll_events");

    private static final int EPOLL_EVENT_SIZE = X86_64.EPOLL_EVENT.size();
    private static final StructRenderers.Field EP_EVENTS = new StructRenderers.Field(X86_64.EPOLL_EVENT, "events");
    private static final int EP_DATA = X86_64.EPOLL_EVENT.offset("data");
    private static final int EP_DATA_SIZE = X86_64.EPOLL_EVENT.size("data");
    private static final Xlat EPOLL_EVENTS = Constants.group("epoll_events");
    private static final Xlat EPOLL_CTL_OPS = Constants.group("epoll_ctl_op");
    private static final long EPOLL_CTL_DEL = EPOLL_CTL_OPS.value("EPOLL_CTL_DEL");

    private static final StructRenderers.Field SIGSET_P = new StructRenderers.Field(X86_64.SIGSET_ARGPACK, "p");
    private static final StructRenderers.Field SIGSET_SIZE = new StructRenderers.Field(X86_64.SIGSET_ARGPACK, "size");

    /**
     * strace builds a return annotation in a 1024-byte buffer and stops adding entries before it would overflow;
     * what it keeps free at the end is room for a closing bracket, an address and {@code ", ], ..."}.
     */
    private static final int ANNOTATION_BUFFER = 1024;
    private static final int POLL_RESERVE = 2 + 2 * Long.BYTES + ", ], ...".length() + 1;
    /** select's kernel-side limit on the fd count strace reads (it clamps larger values, as a guard). */
    private static final int SELECT_MAX_FDS = 1024 * 1024;

    /** The most pollfds read in one piece at the exit. */
    private static final int MAX_WHOLE_READ = 1 << 16;

    private PollDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "poll" -> SyscallDecoder.of(c -> pollEntry(c).int32Arg(2), (c, ret) -> pollExit(c, ret, false));
            case "ppoll" -> SyscallDecoder.of(c -> {
                pollEntry(c).add(TimeStructs.timespec(c.tracee, c.args[2]));
                c.add(SignalText.maskAt(c.tracee, c.args[3], c.args[4])).unsigned(4);
            }, (c, ret) -> pollExit(c, ret, true));
            case "select" -> SyscallDecoder.of(c -> selectEntry(c, false), (c, ret) -> selectExit(c, ret, false));
            case "pselect6" -> SyscallDecoder.of(c -> {
                selectEntry(c, true);
                c.add(kernelSigset(c, c.args[5]));
            }, (c, ret) -> selectExit(c, ret, true));

            case "epoll_create" -> SyscallDecoder.of(c -> c.int32Arg(0));
            case "epoll_create1" -> SyscallDecoder.of(c -> c.add(Xlats.flags(Constants.group("epoll_create_flags"),
                    c.args[0] & 0xffffffffL, "EPOLL_???")));
            case "epoll_ctl" -> SyscallDecoder.of(c -> {
                c.fd(0).add(Xlats.xval(EPOLL_CTL_OPS, c.args[1] & 0xffffffffL, "EPOLL_CTL_???")).fd(2);
                if ((c.args[1] & 0xffffffffL) == EPOLL_CTL_DEL) {
                    c.pointer(3);
                } else {
                    byte[] ev = c.args[3] == 0 ? null : c.tracee.read(c.args[3], EPOLL_EVENT_SIZE);
                    c.add(ev == null ? StraceText.pointer(c.args[3]) : epollEvent(new StringBuilder(), ev).toString());
                }
            });
            // The events are written by the call; strace prints the rest of the arguments with them, at the exit.
            case "epoll_wait" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).int32Arg(2).int32Arg(3),
                    (c, ret) -> c.replace(1, epollEvents(c, ret)));
            // The mask and epoll_pwait2's timeout are read at the exit too, so a failed call shows their addresses.
            case "epoll_pwait" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).int32Arg(2).int32Arg(3).pointer(4)
                    .unsigned(5), (c, ret) -> {
                c.replace(1, epollEvents(c, ret));
                c.replace(4, SignalText.maskAt(c.tracee, c.args[4], c.args[5]));
            });
            case "epoll_pwait2" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).int32Arg(2).pointer(3).pointer(4)
                    .unsigned(5), (c, ret) -> {
                c.replace(1, epollEvents(c, ret));
                c.replace(3, TimeStructs.timespec(c.tracee, c.args[3]));
                c.replace(4, SignalText.maskAt(c.tracee, c.args[4], c.args[5]));
            });
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------------ poll

    private static ArgumentCursor pollEntry(ArgumentCursor c) {
        long nfds = c.args[1] & 0xffffffffL;
        c.add(TraceeArrays.render(c.tracee, c.args[0], nfds, POLLFD_SIZE, (sb, fd) -> {
            int n = (int) POLL_FD.of(fd);
            sb.append("{fd=").append(n);
            if (n >= 0) {
                sb.append(", events=").append(Xlats.flags(POLL_FLAGS, POLL_EVENTS.of(fd), "POLL???"));
            }
            sb.append('}');
            return true;
        }));
        return c.add(Long.toString(nfds));
    }

    /** The fds that have events ({@code revents}), at most 32, then ppoll's time left; {@code Timeout} for none. */
    private static void pollExit(ArgumentCursor c, long ret, boolean timeLeft) {
        if (ret == 0) {
            c.annotateReturn("(Timeout)");
            return;
        }
        long start = c.args[0];
        long nfds = c.args[1] & 0xffffffffL;
        if (start == 0 || nfds == 0 || Long.compareUnsigned(start + nfds * POLLFD_SIZE, start) < 0) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        int printed = 0;
        // One read for the whole array; element by element only when that fails (or for an absurd count).
        byte[] all = nfds <= MAX_WHOLE_READ ? c.tracee.read(start, (int) nfds * POLLFD_SIZE) : null;
        for (long i = 0; i < nfds; i++) {
            long at = start + i * POLLFD_SIZE;
            byte[] fd = all != null ? java.util.Arrays.copyOfRange(all, (int) (i * POLLFD_SIZE),
                    (int) ((i + 1) * POLLFD_SIZE)) : c.tracee.read(at, POLLFD_SIZE);
            if (fd == null) {
                sb.append(sb.length() == 0 ? "[" : ", ").append(StraceText.hex(at));
                break;
            }
            long revents = POLL_REVENTS.of(fd);
            if (revents == 0) {
                continue;
            }
            sb.append(sb.length() == 0 ? "[" : ", ");
            if (printed >= StraceText.MAX_STRLEN) {
                sb.append("...");
                break;
            }
            String head = "{fd=" + (int) POLL_FD.of(fd) + ", revents=";
            String flags = Xlats.flags(POLL_FLAGS, revents, null);
            if (sb.length() + head.length() + flags.length() + 1 >= ANNOTATION_BUFFER - POLL_RESERVE) {
                sb.append("...");
                break;
            }
            sb.append(head).append(flags).append('}');
            printed++;
        }
        if (sb.length() > 0) {
            sb.append(']');
        }
        if (timeLeft && c.args[2] != 0) {
            String left = TimeStructs.timespec(c.tracee, c.args[2]);
            if (sb.length() + ", left ".length() + 1 + left.length() < ANNOTATION_BUFFER) {
                sb.append(sb.length() == 0 ? "left " : ", left ").append(left);
            } else {
                sb.append(", ...");
            }
        }
        if (sb.length() > 0) {
            c.annotateReturn("(" + sb + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------ select

    /** The fd count as the kernel reads it (an int, negative meaning none), and the size of each fd set in bytes. */
    private static int nfds(ArgumentCursor c) {
        int nfds = c.int32(0);
        return nfds < 0 ? 0 : Math.min(nfds, SELECT_MAX_FDS);
    }

    private static int fdSetSize(int nfds) {
        int word = StructRenderers.POINTER_SIZE;
        return ((nfds + 7) / 8 + word - 1) & -word;
    }

    private static void selectEntry(ArgumentCursor c, boolean timespec) {
        c.int32Arg(0);
        int nfds = nfds(c);
        int size = fdSetSize(nfds);
        for (int i = 1; i <= 3; i++) {
            long address = c.args[i];
            byte[] set = size > 0 && address != 0 ? c.tracee.read(address, size) : null;
            if (set == null) {
                c.pointer(i);
                continue;
            }
            StringBuilder sb = new StringBuilder("[");
            for (int fd = 0; fd < nfds; fd++) {
                if (isSet(set, fd)) {
                    sb.append(sb.length() > 1 ? " " : "").append(fd);
                }
            }
            c.add(sb.append(']').toString());
        }
        c.add(timespec ? TimeStructs.timespec(c.tracee, c.args[4]) : TimeStructs.timeval(c.tracee, c.args[4]));
    }

    /**
     * The ready fds per set, as strace words it ({@code in [3 4], out [5]}), up to the count the call returned, then
     * the time left. strace closes each set with {@code ]} whenever anything is written so far, even for a set that
     * added nothing; that is kept.
     */
    private static void selectExit(ArgumentCursor c, long ret, boolean timespec) {
        if (ret == 0) {
            c.annotateReturn("(Timeout)");
            return;
        }
        int nfds = nfds(c);
        int size = fdSetSize(nfds);
        int ready = (int) ret;
        StringBuilder sb = new StringBuilder();
        String sep = "";
        String[] names = {"in", "out", "except"};
        for (int i = 0; i < 3 && ready > 0; i++) {
            long address = c.args[i + 1];
            byte[] set = address != 0 && size > 0 ? c.tracee.read(address, size) : null;
            if (set == null) {
                continue;
            }
            boolean first = true;
            for (int fd = 0; fd < nfds; fd++) {
                if (!isSet(set, fd)) {
                    continue;
                }
                if (sb.length() < ANNOTATION_BUFFER - (", except [".length() + 1 + Integer.BYTES * 3 + 2)) {
                    if (first) {
                        sb.append(sep).append(names[i]).append(" [").append(fd);
                        first = false;
                        sep = ", ";
                    } else {
                        sb.append(' ').append(fd);
                    }
                }
                if (--ready == 0) {
                    break;
                }
            }
            if (sb.length() > 0) {
                sb.append(']');
            }
        }
        if (c.args[4] != 0) {
            String left = timespec ? TimeStructs.timespec(c.tracee, c.args[4])
                    : TimeStructs.timeval(c.tracee, c.args[4]);
            if (sb.length() + "left ".length() + 1 + sep.length() + left.length() < ANNOTATION_BUFFER) {
                sb.append(sep).append("left ").append(left);
            }
        }
        c.annotateReturn("(" + sb + ")");
    }

    private static boolean isSet(byte[] set, int fd) {
        return (set[fd / Byte.SIZE] & (1 << (fd % Byte.SIZE))) != 0;
    }

    /** pselect6's sixth argument: {@code {sigmask=[], sigsetsize=8}}. */
    private static String kernelSigset(ArgumentCursor c, long address) {
        byte[] b = address == 0 ? null : c.tracee.read(address, X86_64.SIGSET_ARGPACK.size());
        if (b == null) {
            return StraceText.pointer(address);
        }
        long size = SIGSET_SIZE.of(b);
        return "{sigmask=" + SignalText.maskAt(c.tracee, SIGSET_P.of(b), size) + ", sigsetsize="
                + Long.toUnsignedString(size) + "}";
    }

    // ------------------------------------------------------------------------------------------------ epoll

    private static String epollEvents(ArgumentCursor c, long ret) {
        return TraceeArrays.render(c.tracee, c.args[1], ret, EPOLL_EVENT_SIZE, (sb, ev) -> {
            epollEvent(sb, ev);
            return true;
        });
    }

    /** {@code {events=EPOLLIN, data={u32=3, u64=3}}}: the data union both ways, since only the program knows. */
    private static StringBuilder epollEvent(StringBuilder sb, byte[] ev) {
        long data = LittleEndian.get(ev, EP_DATA, EP_DATA_SIZE);
        return sb.append("{events=").append(Xlats.flags(EPOLL_EVENTS, EP_EVENTS.of(ev), "EPOLL???"))
                .append(", data={u32=").append(data & 0xffffffffL).append(", u64=")
                .append(Long.toUnsignedString(data)).append("}}");
    }
}
