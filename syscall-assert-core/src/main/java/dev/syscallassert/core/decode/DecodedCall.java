package dev.syscallassert.core.decode;

import java.util.List;

/**
 * The mutable result of decoding one call, filled at the entry stop and completed at the exit stop; the tracer turns it
 * into an immutable {@link dev.syscallassert.SyscallEvent}.
 */
public final class DecodedCall {
    /** The call's arguments as strace prints them; as many as the syscall takes. */
    public String[] renderedArgs;
    /** The first path argument, absolute and normalised (no "." or ".." segments, no duplicate slashes). */
    public String path;
    /** The second path argument (rename's new path, link's new path, symlink's link path), absolute and normalised. */
    public String path2;
    /** What the fd argument named at the entry. */
    public String fdPath;
    /** The socket address: "127.0.0.1:80", "[::1]:80", "unix:/path", "unix:@abstract", "unix:" (unnamed). */
    public String address;
    /** execve/execveat argument vector. */
    public List<String> argv;
    /**
     * The open flags the call used: the flags argument of open/openat, creat's implied O_CREAT|O_WRONLY|O_TRUNC,
     * openat2's {@code open_how.flags} as read from the tracee at the entry; null for other calls or when unreadable.
     */
    public Long openFlags;
    /**
     * The clone flags the call used: clone's flags argument, clone3's {@code clone_args.flags} read from the tracee
     * at the entry, fork's and vfork's as the kernel applies them; null for other calls or when unreadable.
     */
    public Long cloneFlags;
    /** The return value as strace shows it, when it is not a plain number (e.g. "0x7f..." for mmap); null otherwise. */
    public String renderedReturn;
    /**
     * An input the exit needs to show next to its output (a socklen before the kernel changed it, sendfile's offset);
     * kept between the entry and the exit stop. Internal to the decoders.
     */
    Long saved;
}
