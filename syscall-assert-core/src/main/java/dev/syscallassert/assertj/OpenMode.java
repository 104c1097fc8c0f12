package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an open-like call asked for. "Writing" follows the brief of the DSL: any of O_WRONLY, O_RDWR, O_CREAT,
 * O_TRUNC or O_APPEND can change the file, so each counts; O_PATH only names a file and is neither.
 */
final class OpenMode {
    // x86_64 (and asm-generic) values. O_TMPFILE is tested by its own bit only, because its O_DIRECTORY part
    // differs between architectures.
    static final long O_ACCMODE = 03;
    static final long O_WRONLY = 01;
    static final long O_RDWR = 02;
    static final long O_CREAT = 0100;
    static final long O_TRUNC = 01000;
    static final long O_APPEND = 02000;
    static final long O_PATH = 010000000;
    static final long O_TMPFILE_BIT = 020000000;

    static final List<String> OPEN_SYSCALLS = List.of("open", "openat", "openat2", "creat");

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

    static boolean isOpen(SyscallEvent e) {
        return OPEN_SYSCALLS.contains(e.syscall());
    }

    /** The mode of an open-like event; empty for any other syscall. */
    static Optional<OpenMode> of(SyscallEvent e) {
        switch (e.syscall()) {
            case "open":
                return Optional.of(fromFlags(e.arg(1)));
            case "openat":
                return Optional.of(fromFlags(e.arg(2)));
            case "creat":
                return Optional.of(new OpenMode(false, true, true, true));
            case "openat2":
                // arg2 is a pointer to struct open_how: the registers do not hold the flags, the decoder's text does.
                return Optional.of(fromRendered(e.renderedArgs()));
            default:
                return Optional.empty();
        }
    }

    static OpenMode fromFlags(long flags) {
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

    /** Parses the {@code flags=} member of a rendered {@code struct open_how}, symbolic or numeric. */
    static OpenMode fromRendered(List<String> renderedArgs) {
        for (String arg : renderedArgs) {
            int at = arg.indexOf("flags=");
            if (at < 0) {
                continue;
            }
            int end = at + "flags=".length();
            while (end < arg.length() && arg.charAt(end) != ',' && arg.charAt(end) != '}') {
                end++;
            }
            Long flags = parseFlags(arg.substring(at + "flags=".length(), end).trim());
            if (flags != null) {
                return fromFlags(flags);
            }
        }
        return new OpenMode(false, false, false, false);
    }

    private static Long parseFlags(String text) {
        if (text.isEmpty()) {
            return null;
        }
        long flags = 0;
        for (String part : text.split("\\|")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            switch (p) {
                case "O_RDONLY": break;
                case "O_WRONLY": flags |= O_WRONLY; break;
                case "O_RDWR": flags |= O_RDWR; break;
                case "O_CREAT": flags |= O_CREAT; break;
                case "O_TRUNC": flags |= O_TRUNC; break;
                case "O_APPEND": flags |= O_APPEND; break;
                case "O_PATH": flags |= O_PATH; break;
                case "O_TMPFILE": flags |= O_TMPFILE_BIT; break;
                default:
                    Long n = parseNumber(p);
                    if (n != null) {
                        flags |= n;
                    }
                    // Other O_ names (O_CLOEXEC, O_NOFOLLOW, ...) do not change reading or writing.
            }
        }
        return flags;
    }

    private static Long parseNumber(String p) {
        try {
            if (p.startsWith("0X")) {
                return Long.parseLong(p.substring(2), 16);
            }
            if (p.startsWith("0") && p.length() > 1) {
                return Long.parseLong(p.substring(1), 8);
            }
            return Long.parseLong(p);
        } catch (NumberFormatException notANumber) {
            return null;
        }
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
