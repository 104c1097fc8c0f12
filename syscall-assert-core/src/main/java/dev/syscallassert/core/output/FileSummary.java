package dev.syscallassert.core.output;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.xlat.Constants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --summary=files}: per file path, what was done to it, from the kernel's answers: each way it was opened
 * (the access mode and flags of the opens that succeeded, and the errnos of those that failed), the bytes the
 * read-like and write-like calls on its descriptors returned, renames to and from it, and its unlinking. A path is
 * the call's own (made absolute by the tracer) or the one its descriptor named when the call was made; descriptors
 * that name no file (pipes, sockets, anonymous inodes) are left out. Bytes moved by mmap, sendfile, splice or
 * copy_file_range are not counted. Stateless; any thread.
 */
public final class FileSummary {

    private static final Set<String> OPENS = Set.of("open", "openat", "openat2", "creat");
    private static final Set<String> READS = Set.of("read", "pread64", "readv", "preadv", "preadv2");
    private static final Set<String> WRITES = Set.of("write", "pwrite64", "writev", "pwritev", "pwritev2");
    private static final Set<String> RENAMES = Set.of("rename", "renameat", "renameat2");
    private static final Set<String> DELETES = Set.of("unlink", "unlinkat", "rmdir");
    private static final long ACCMODE = Constants.value("open_access_mask", "O_ACCMODE");

    private static final class Facts {
        final Map<String, Integer> opens = new LinkedHashMap<>(); // in the order first seen
        final Map<String, Integer> failed = new LinkedHashMap<>();
        long read;
        long written;
        final Map<String, Integer> other = new LinkedHashMap<>();
        final Map<String, Integer> renamedTo = new TreeMap<>();
        final Map<String, Integer> renamedFrom = new TreeMap<>();
        int deleted;
    }

    private FileSummary() {
    }

    public static String format(List<SyscallEvent> events) {
        Map<String, Facts> files = new TreeMap<>();
        for (SyscallEvent e : events) {
            String name = e.syscall();
            if (e.path().isPresent() && e.path().get().startsWith("/")) {
                Facts f = files.computeIfAbsent(e.path().get(), k -> new Facts());
                if (OPENS.contains(name)) {
                    if (e.succeeded()) {
                        f.opens.merge(mode(e), 1, Integer::sum);
                    } else if (e.failed()) {
                        f.failed.merge(name + " " + e.errno().orElseThrow(), 1, Integer::sum);
                    }
                } else if (RENAMES.contains(name) && e.succeeded() && e.path2().isPresent()) {
                    f.renamedTo.merge(e.path2().get(), 1, Integer::sum);
                    files.computeIfAbsent(e.path2().get(), k -> new Facts()).renamedFrom
                            .merge(e.path().get(), 1, Integer::sum);
                } else if (DELETES.contains(name) && e.succeeded()) {
                    f.deleted++;
                } else {
                    f.other.merge(name + (e.failed() ? " " + e.errno().orElseThrow() : ""), 1, Integer::sum);
                }
            } else if (e.fdPath().isPresent() && e.fdPath().get().startsWith("/") && e.succeeded()) {
                Facts f = files.computeIfAbsent(e.fdPath().get(), k -> new Facts());
                if (READS.contains(name)) {
                    f.read += e.returnValue();
                } else if (WRITES.contains(name)) {
                    f.written += e.returnValue();
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Facts> file : files.entrySet()) {
            Facts f = file.getValue();
            sb.append(file.getKey()).append('\n');
            line(sb, "opened", f.opens);
            line(sb, "failed", f.failed);
            if (f.read > 0 || f.written > 0) {
                sb.append("    read ").append(f.read).append(" bytes, wrote ").append(f.written).append(" bytes\n");
            }
            line(sb, "renamed to", f.renamedTo);
            line(sb, "renamed from", f.renamedFrom);
            if (f.deleted > 0) {
                sb.append("    deleted").append(f.deleted > 1 ? " x" + f.deleted : "").append('\n');
            }
            line(sb, "also", f.other);
        }
        return sb.toString();
    }

    /** The open's access mode and flags as the kernel got them, e.g. {@code O_WRONLY|O_CREAT|O_TRUNC}. */
    private static String mode(SyscallEvent e) {
        if (e.openFlags().isEmpty()) {
            return "flags unreadable";
        }
        long flags = e.openFlags().getAsLong();
        String access = Constants.group("open_access").valueOrUnknown(flags & ACCMODE, "O_");
        long rest = flags & ~ACCMODE;
        return rest == 0 ? access : access + "|" + Constants.group("open_flags").flags(rest, null);
    }

    static void line(StringBuilder sb, String what, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return;
        }
        sb.append("    ").append(what).append(' ');
        boolean first = true;
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            sb.append(first ? "" : ", ").append(c.getKey()).append(c.getValue() > 1 ? " x" + c.getValue() : "");
            first = false;
        }
        sb.append('\n');
    }
}
