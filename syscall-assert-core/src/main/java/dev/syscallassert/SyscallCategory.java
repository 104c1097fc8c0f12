package dev.syscallassert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The classes of system calls, mirroring strace's {@code -e trace=%CLASS} names so that people who know strace find
 * the same groups here. Which syscall belongs to which class comes from the generated syscall table.
 */
public enum SyscallCategory {
    /** Calls that take a file name argument ({@code %file}). */
    FILE("file"),
    /** Network related calls ({@code %network}). */
    NETWORK("net"),
    /** Process life-cycle: fork, clone, exec, exit, wait ({@code %process}). */
    PROCESS("process"),
    /** Signal related calls ({@code %signal}). */
    SIGNAL("signal"),
    /** System V IPC ({@code %ipc}). */
    IPC("ipc"),
    /** File-descriptor related calls ({@code %desc}). */
    DESC("desc"),
    /** Memory mapping ({@code %memory}). */
    MEMORY("memory"),
    /** User and group identifiers and capabilities ({@code %creds}). */
    CREDS("creds"),
    /** Reading or changing system clocks ({@code %clock}). */
    CLOCK("clock"),
    /** The stat variants that take a file name ({@code %stat}). */
    STAT("stat"),
    /** The lstat variants ({@code %lstat}). */
    LSTAT("lstat"),
    /** The fstat and fstatat variants ({@code %fstat}). */
    FSTAT("fstat"),
    /** Every stat-like call ({@code %%stat}). */
    STAT_LIKE("%stat"),
    /** statfs variants that take a file name ({@code %statfs}). */
    STATFS("statfs"),
    /** fstatfs variants ({@code %fstatfs}). */
    FSTATFS("fstatfs"),
    /** Every statfs-like call ({@code %%statfs}). */
    STATFS_LIKE("%statfs"),
    /** Calls that always succeed and take no arguments ({@code %pure}). */
    PURE("pure");

    private final String straceName;

    SyscallCategory(String straceName) {
        this.straceName = straceName;
    }

    /** The class name as strace spells it after {@code %}, e.g. {@code "file"} or {@code "%stat"}. */
    public String straceName() {
        return straceName;
    }

    /**
     * Looks a category up by strace's name ({@code file}, {@code %file}, {@code %network}, {@code %net},
     * {@code %%stat}) or by this enum's constant name, ignoring case.
     */
    public static Optional<SyscallCategory> fromName(String name) {
        String n = name.trim();
        // One '%' marks a class; what remains is the class name, which for %%stat and %%statfs starts with '%'.
        if (n.startsWith("%")) {
            n = n.substring(1);
        }
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.equals("network")) {
            return Optional.of(NETWORK);
        }
        for (SyscallCategory c : values()) {
            if (c.straceName.equals(lower) || c.name().equalsIgnoreCase(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The names accepted by {@link #fromName}, in strace's spelling, for error messages. */
    public static String[] straceNames() {
        return Arrays.stream(values()).map(c -> "%" + c.straceName).toArray(String[]::new);
    }
}
