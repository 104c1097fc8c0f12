package dev.syscallassert.core.linux;

import dev.syscallassert.ByteStrings;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one family of {@code /proc} readers (proc(5)). A task can end between any two reads, so every reader answers
 * "absent" (-1, empty, null) instead of throwing; callers decide what absence means. Stateless: any thread.
 */
public final class ProcFs {
    private ProcFs() {
    }

    /** {@code /proc/PID/...} for a process or thread id, or {@code "self"}. */
    public static Path of(Object pid, String... more) {
        return Path.of("/proc/" + pid, more);
    }

    /** A whole {@code /proc} file, or null when it cannot be read (the task is gone). */
    public static String read(Path file) {
        try {
            return new String(readBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A whole {@code /proc} file's bytes. A FileInputStream, not Files.readAllBytes: /proc files have size 0, for
     * which that reads one byte before it grows its buffer, and it loads the NIO channel classes (about 25, none of
     * them in the JDK's class data archive) into a CLI start that needs no other channel; this reads 8 KiB at a time.
     */
    public static byte[] readBytes(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toString())) {
            return in.readAllBytes();
        }
    }

    /** The lines of a {@code /proc} file, or an empty list when it cannot be read. */
    public static List<String> lines(Path file) {
        String text = read(file);
        return text == null ? List.of() : List.of(text.split("\n"));
    }

    /**
     * Field {@code field} (numbered from 1 as in proc(5)) of /proc/PID/stat, or -1. The name in field 2 may hold
     * spaces and parentheses, so fields are counted from the last ')'.
     */
    public static long statField(int pid, int field) {
        String stat = read(of(pid, "stat"));
        if (stat == null) {
            return -1;
        }
        try {
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(rest[field - 3]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The value of a "Name:  value" line of a /proc/PID/status text ("Tgid", "TracerPid", "CapEff"), trimmed. */
    public static Optional<String> fieldOf(String status, String name) {
        if (status == null) {
            return Optional.empty();
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Optional.of(line.substring(name.length() + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** {@link #fieldOf} of /proc/PID/status. */
    public static Optional<String> statusField(int pid, String name) {
        return fieldOf(read(of(pid, "status")), name);
    }

    /** {@link #fieldOf} of this process's own /proc/self/status. */
    public static Optional<String> selfStatusField(String name) {
        return fieldOf(read(of("self", "status")), name);
    }

    /**
     * This process's id, from the {@code /proc/self} link; -1 when it cannot be read. Cheaper in a cold JVM than
     * {@code ProcessHandle.current()}, whose class sets up the JDK's process reaper.
     */
    public static int selfPid() {
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The thread group (process) a thread belongs to, or the thread's own id when that cannot be read. */
    public static int tgid(int tid) {
        try {
            return statusField(tid, "Tgid").map(Integer::parseInt).orElse(tid);
        } catch (NumberFormatException e) {
            return tid;
        }
    }

    /**
     * The kernel's TASK_COMM_LEN: a thread name is at most this many bytes with its NUL (prctl(2), PR_SET_NAME). It
     * is in include/linux/sched.h, which no user-space header exports, so the generated tables cannot carry it.
     */
    public static final int TASK_COMM_LEN = 16;

    /**
     * The thread's name as the kernel keeps it (/proc/TID/comm, at most 15 bytes), its bytes kept as
     * {@link ByteStrings} keeps them (the same string PR_SET_NAME's argument decodes to), or "" when it is gone.
     */
    public static String comm(int tid) {
        try {
            byte[] b = readBytes(of(tid, "comm"));
            int length = b.length > 0 && b[b.length - 1] == '\n' ? b.length - 1 : b.length;
            return ByteStrings.decode(b, 0, length);
        } catch (IOException e) {
            return "";
        }
    }

    /** The thread ids of a process (/proc/PID/task), or an empty list when it is gone. */
    public static List<Integer> threads(int pid) {
        List<Integer> tids = new ArrayList<>();
        try (var s = Files.list(of(pid, "task"))) {
            s.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return tids;
    }
}
