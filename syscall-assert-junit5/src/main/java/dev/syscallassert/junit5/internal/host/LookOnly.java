package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.xlat.Constants;

import java.util.Set;

/**
 * Whether a call only looked at a file: opened it for reading, asked about it, read it through a descriptor. That is
 * all the JVM itself ever does to its class path and its own installation, so a noise rule about those places hides
 * only such calls: a write, a create, a delete or a rename there is the code's and stays visible. Any thread; pure.
 */
final class LookOnly {

    private static final long O_ACCMODE = Constants.value("open_access_mask", "O_ACCMODE");
    private static final long O_RDONLY = Constants.value("open_access", "O_RDONLY");
    private static final long CHANGES = Constants.value("open_flags", "O_CREAT")
            | Constants.value("open_flags", "O_TRUNC") | Constants.value("open_flags", "O_APPEND");
    /** O_TMPFILE makes a file; tested by its own bit, as the DSL does, since its O_DIRECTORY part is shared. */
    private static final long O_TMPFILE_BIT = Constants.value("open_flags", "__O_TMPFILE");

    private static final Set<String> OPENS = Set.of("open", "openat", "openat2");

    /**
     * Calls that look and change nothing, by name: the stat and access families, readlink, the xattr and statfs
     * readers, and the reads, seeks, directory listings and closes through a descriptor. A call not listed here is
     * not taken for a look, so it stays visible: a rule can hide too little, never what the code changed.
     */
    private static final Set<String> LOOKS = Set.of(
            "stat", "lstat", "fstat", "newfstatat", "statx", "access", "faccessat", "faccessat2",
            "readlink", "readlinkat", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
            "statfs", "fstatfs", "read", "pread64", "readv", "preadv", "preadv2", "lseek", "getdents", "getdents64",
            "close", "fadvise64");

    private LookOnly() {
    }

    static boolean of(SyscallEvent e) {
        String name = e.syscall();
        if (OPENS.contains(name)) {
            // without decoded flags nothing is known about the open, so it is not taken for a look
            return e.openFlags().isPresent() && readOnly(e.openFlags().getAsLong());
        }
        return LOOKS.contains(name);
    }

    private static boolean readOnly(long flags) {
        return (flags & O_ACCMODE) == O_RDONLY && (flags & CHANGES) == 0 && (flags & O_TMPFILE_BIT) == 0;
    }
}
