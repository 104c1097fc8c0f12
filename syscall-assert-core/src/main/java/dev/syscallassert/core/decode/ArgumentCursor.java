package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cursor over one call's arguments, what strace's {@code tcp} is to a {@code SYS_FUNC}: the raw registers, the
 * stopped tracee, and the {@link DecodedCall} being filled. At the entry each helper renders the next argument (in
 * order) and, for paths and fds, records the decoded value; at the exit {@link #replace} swaps an output argument's
 * entry rendering for what the call wrote. Lookups of the cwd and of fd paths are cached for the call because each one
 * is a readlink in /proc. One per stop, on the tracer thread.
 */
final class ArgumentCursor {

    /** Paths longer than PATH_MAX cannot name anything; the kernel refuses them with ENAMETOOLONG. */
    static final int PATH_MAX = Constants.intValue("path_max", "PATH_MAX");

    private static final int AT_FDCWD = (int) Constants.group("at_fdcwd").value("AT_FDCWD");

    final int nr;
    final long[] args;
    final TraceeAccess tracee;
    final DecodedCall out;
    private final List<String> rendered = new ArrayList<>(6);
    private final SyscallTable table;

    private String cwd;
    private boolean cwdRead;
    /** Made at the first fd lookup: most calls never look one up. */
    private Map<Integer, String> fdPaths;

    ArgumentCursor(int nr, long[] args, TraceeAccess tracee, DecodedCall out, SyscallTable table) {
        this.nr = nr;
        this.args = args;
        this.tracee = tracee;
        this.out = out;
        this.table = table;
    }

    ArgumentCursor add(String text) {
        rendered.add(text);
        return this;
    }

    int int32(int i) {
        return (int) args[i];
    }

    /** A plain fd argument: its number, and what it names in {@link DecodedCall#fdPath} when it is the first one. */
    ArgumentCursor fd(int i) {
        int fd = int32(i);
        if (i == 0 && fd >= 0) {
            out.fdPath = fdPath(fd);
        }
        return add(Integer.toString(fd));
    }

    /** A dirfd argument: AT_FDCWD by name; a real first-argument fd also fills fdPath. */
    ArgumentCursor dirfd(int i) {
        int fd = int32(i);
        if (fd == AT_FDCWD) {
            return add("AT_FDCWD");
        }
        return fd(i);
    }

    /** Signed decimal of the full register (off_t, loff_t). */
    ArgumentCursor signed(int i) {
        return add(Long.toString(args[i]));
    }

    /** Unsigned decimal (size_t). */
    ArgumentCursor unsigned(int i) {
        return add(Long.toUnsignedString(args[i]));
    }

    /** Signed decimal of the low 32 bits (int). */
    ArgumentCursor int32Arg(int i) {
        return add(Integer.toString(int32(i)));
    }

    /** A uid_t/gid_t: -1 ("leave unchanged") as -1, everything else unsigned. */
    ArgumentCursor id(int i) {
        int v = int32(i);
        return add(v == -1 ? "-1" : Integer.toUnsignedString(v));
    }

    ArgumentCursor mode(int i) {
        return add(StraceText.octalMode(args[i] & 0xffffffffL));
    }

    ArgumentCursor hexArg(int i) {
        return add(StraceText.hex(args[i]));
    }

    ArgumentCursor pointer(int i) {
        return add(StraceText.pointer(args[i]));
    }

    /**
     * An in/out integer argument of {@code size} bytes (a socklen_t, sendfile's off_t): {@code [16]} at the entry,
     * its value kept in {@link DecodedCall#inOutValueAtEntry} so that the exit can show {@code [16 => 2]}.
     */
    ArgumentCursor inOutInteger(int i, int size) {
        long address = args[i];
        if (address == 0) {
            return add("NULL");
        }
        byte[] b = tracee.read(address, size);
        if (b == null) {
            return add(StraceText.hex(address));
        }
        long value = LittleEndian.get(b, 0, size);
        out.inOutValueAtEntry = value;
        return add("[" + value + "]");
    }

    ArgumentCursor flags(int i, String group, String zeroName) {
        return add(Constants.group(group).flags(args[i] & 0xffffffffL, zeroName));
    }

    /** The directory a dirfd argument stands for, for making relative paths absolute. */
    private String base(int dirfd) {
        if (dirfd == AT_FDCWD) {
            return cwd();
        }
        return dirfd >= 0 ? fdPath(dirfd) : null;
    }

    private String fdPath(int fd) {
        // computeIfAbsent would not cache a null (unreadable) answer, and asking again cannot change it.
        if (fdPaths == null) {
            fdPaths = new HashMap<>(4);
        } else if (fdPaths.containsKey(fd)) {
            return fdPaths.get(fd);
        }
        String path = tracee.fdPath(fd);
        fdPaths.put(fd, path);
        return path;
    }

    private String cwd() {
        if (!cwdRead) {
            cwd = tracee.cwd();
            cwdRead = true;
        }
        return cwd;
    }

    /**
     * Renders path argument {@code i} in full (strace never shortens file names) and returns the path made absolute
     * against {@code dirfd}'s directory (AT_FDCWD meaning the cwd), or null when it could not be read. An empty path
     * names the dirfd itself only with AT_EMPTY_PATH; without it the kernel fails the call, and null says so.
     */
    String path(int i, int dirfd, boolean emptyPathAllowed) {
        long address = args[i];
        if (address == 0) {
            add("NULL");
            return null;
        }
        String raw = tracee.readString(address, PATH_MAX);
        if (raw == null) {
            add(StraceText.hex(address));
            return null;
        }
        add(StraceText.quote(raw, tracee.lastStringTruncated()));
        if (raw.isEmpty()) {
            if (!emptyPathAllowed) {
                return null;
            }
            String base = base(dirfd);
            return base == null ? null : PathNames.normalise(base);
        }
        return PathNames.resolve(raw.startsWith("/") ? null : base(dirfd), raw);
    }

    /** A path relative to the cwd (the non-at calls). */
    String path(int i) {
        return path(i, AT_FDCWD, false);
    }

    /** How many arguments the syscall takes (strace's table), at most six: what a generic rendering shows. */
    int argumentCount() {
        return Math.max(0, Math.min(6, table.argumentCount(nr)));
    }

    /** At the exit: replaces the entry's rendering of argument {@code i} by what the call wrote there. */
    void replace(int i, String text) {
        String[] r = out.renderedArgs;
        if (i < r.length) {
            r[i] = text;
        }
    }

    /**
     * At the exit of a call that succeeded: strace's annotation after the value, as a decoder of a call that explains
     * its return prints it ({@code 0x8802 (flags O_RDWR|O_NONBLOCK|O_LARGEFILE)}, {@code 0 (Timeout)},
     * {@code 1 ([{fd=3, revents=POLLIN}])}). The value itself stays as the return format rendered it.
     */
    void annotateReturn(String annotation) {
        out.renderedReturn = out.renderedReturn + " " + annotation;
    }

    /**
     * At the exit of a call that succeeded: shows its return value {@code ret} in {@code format} instead of the
     * decoder's declared one, for a call whose result depends on an argument (fcntl's F_GETFL returns flags, which
     * strace shows in hex; its F_DUPFD returns an fd, in decimal). Before {@link #annotateReturn}, if both.
     */
    void returnAs(ReturnFormat format, long ret) {
        out.renderedReturn = ReturnValues.success(ret, format);
    }

    String[] renderedArray() {
        return rendered.toArray(new String[0]);
    }
}
