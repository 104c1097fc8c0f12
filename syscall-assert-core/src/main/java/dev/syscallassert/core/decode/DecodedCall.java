package dev.syscallassert.core.decode;

import java.util.List;

/**
 * The mutable result of decoding one call, filled at the entry stop and completed at the exit stop; the tracer turns it
 * into an immutable {@link dev.syscallassert.SyscallEvent}. Confined to the tracer thread, like the call it describes.
 *
 * <p>The contract with the tracer: after {@link SyscallDecoders#decodeEntry} the argument fields are set
 * ({@link #renderedArgs} always; the others when the call has such an argument and it could be read). After
 * {@link SyscallDecoders#decodeExit} the event's whole exit is here too, and the tracer copies it as it is:
 * <ul>
 *   <li>{@link #renderedReturn}: always set: {@code "3"}, {@code "0x7f3b877dd000"},
 *       {@code "-1 ENOENT (No such file or directory)"}, {@code "? ERESTARTNOHAND (To be restarted if no handler)"};</li>
 *   <li>{@link #finished}: false only for a call the kernel will restart (it has not returned yet);</li>
 *   <li>{@link #errno}: the errno name ({@code "ENOENT"}) when the call failed, null when it succeeded or will be
 *       restarted;</li>
 *   <li>{@link #returnValue}: the event's raw return value ({@code -errno} when it failed, 0 for a restart);</li>
 *   <li>{@link #address}: also the address a successful {@code listen} listens on, looked up at its exit.</li>
 * </ul>
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
    /**
     * getsockopt(fd, SOL_SOCKET, SO_ERROR, ...) that succeeded: the socket's pending error the kernel reported (and
     * cleared), 0 for none; how a non-blocking connect learns its outcome. Null for other calls or when unreadable.
     */
    public Integer socketError;
    /** The return value as strace shows it; set by {@link SyscallDecoders#decodeExit}, null before. */
    public String renderedReturn;
    /** False until the exit; then false only when the call will be restarted. */
    public boolean finished;
    /** The errno name when the call failed (not when it will be restarted); null otherwise. */
    public String errno;
    /** The raw return value, {@code -errno} for a failure, 0 for a call that has not returned. */
    public long returnValue;
    /**
     * The value an in/out argument had at the entry (accept's socklen, recvmsg's msg_namelen, sendfile's offset),
     * which the exit shows next to what the kernel wrote back: {@code [110 => 2]}. Internal to the decoders.
     */
    Long inOutValueAtEntry;
    /**
     * The in/out values of an argument that is an array (recvmmsg's msg_namelen of each message), kept from the entry
     * for the exit as {@link #inOutValueAtEntry} is for a single one. Internal to the decoders.
     */
    long[] inOutValuesAtEntry;
}
