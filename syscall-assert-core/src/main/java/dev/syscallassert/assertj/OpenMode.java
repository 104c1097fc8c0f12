package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.xlat.Constants;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an open-like call asked for. "Writing" follows the brief of the DSL: any of O_WRONLY, O_RDWR, O_CREAT,
 * O_TRUNC or O_APPEND can change the file, so each counts; O_PATH only names a file and is neither.
 */
final class OpenMode {
    private static final long O_ACCMODE = Constants.value("open_access_mask", "O_ACCMODE");
    private static final long O_WRONLY = Constants.value("open_access", "O_WRONLY");
    private static final long O_RDWR = Constants.value("open_access", "O_RDWR");
    private static final long O_CREAT = Constants.value("open_flags", "O_CREAT");
    private static final long O_TRUNC = Constants.value("open_flags", "O_TRUNC");
    private static final long O_APPEND = Constants.value("open_flags", "O_APPEND");
    private static final long O_PATH = Constants.value("open_flags", "O_PATH");
    /** O_TMPFILE is tested by its own bit only, because its O_DIRECTORY part differs between architectures. */
    private static final long O_TMPFILE_BIT = Constants.value("open_flags", "__O_TMPFILE");

    /** creat(path, mode) is open(path, O_CREAT|O_WRONLY|O_TRUNC, mode) (open(2)): it writes and creates. */
    private static final OpenMode CREAT = new OpenMode(false, true, true, true);
    private static final OpenMode UNKNOWN = new OpenMode(false, false, false, false);

    final boolean read;
    final boolean write;
    final boolean create;
    /** False when the flags could not be decoded (an unreadable openat2 struct); then neither read nor write. */
    final boolean known;

    private OpenMode(boolean read, boolean write, boolean create, boolean known) {
        this.read = read;
        this.write = write;
        this.create = create;
        this.known = known;
    }

    /**
     * The mode of an open-like event; empty for any other syscall. The flags are the ones the engine decoded
     * ({@link SyscallEvent#openFlags()}); an event without them (built by hand, or read from an older trace file)
     * falls back to the flags register of open and openat and to creat's implied flags. openat2's flags live in a
     * struct in the tracee's memory: without the decoded value they are unknown.
     */
    static Optional<OpenMode> of(SyscallEvent e) {
        OptionalLong decoded = e.openFlags();
        switch (e.syscall()) {
            case "open":
                return Optional.of(fromFlags(decoded.orElse(e.arg(1))));
            case "openat":
                return Optional.of(fromFlags(decoded.orElse(e.arg(2))));
            case "creat":
                return Optional.of(decoded.isPresent() ? fromFlags(decoded.getAsLong()) : CREAT);
            case "openat2":
                return Optional.of(decoded.isPresent() ? fromFlags(decoded.getAsLong()) : UNKNOWN);
            default:
                return Optional.empty();
        }
    }

    private static OpenMode fromFlags(long flags) {
        if ((flags & O_PATH) != 0) {
            return new OpenMode(false, false, false, true);
        }
        long access = flags & O_ACCMODE;
        boolean read = access == 0 || access == O_RDWR;
        boolean write = access == O_WRONLY || access == O_RDWR || (flags & (O_CREAT | O_TRUNC | O_APPEND)) != 0;
        // An O_TMPFILE open names a directory and makes an unnamed file in it: nothing appears at that path.
        boolean create = (flags & O_CREAT) != 0 && (flags & O_TMPFILE_BIT) == 0;
        return new OpenMode(read, write, create, true);
    }

    String describe() {
        if (!known) {
            return "flags unknown";
        }
        if (!read && !write) {
            return "O_PATH";
        }
        return read && write ? "read-write" : read ? "read" : "write";
    }
}
