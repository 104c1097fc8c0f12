package dev.syscallassert.core.spawn;

import dev.syscallassert.ByteStrings;
import dev.syscallassert.core.linux.ProcFs;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a spawned program starts with, so that it starts as it would untraced: the state this JVM was started in, read
 * from the kernel, with what the JVM's own start changed in itself undone where the kernel still shows the original.
 *
 * <ul>
 * <li>Environment: this JVM's as the kernel gave it at exec ({@code /proc/self/environ}): the same bytes in the same
 * order (ProcessBuilder passes {@code System.getenv()} in hash order, and only what decodes in
 * {@code sun.jnu.encoding}).</li>
 * <li>Ignored signals: this JVM's ({@code SigIgn}); HotSpot keeps SIGHUP, SIGINT and SIGTERM ignored when it was
 * started so. Every other disposition is the default, as exec makes it of a handler.</li>
 * <li>Signal mask: the one this JVM was started with, which its primordial thread keeps (the launcher runs
 * {@code main} on a thread of its own); ProcessBuilder passes its calling thread's, with SIGQUIT blocked by
 * HotSpot.</li>
 * <li>RLIMIT_NOFILE: HotSpot raises its own soft limit to the hard one at start ({@code -XX:+MaxFDLimit}, the
 * default) and ProcessBuilder passes the raised one on (JDK 17 and 25 alike). When the soft limit equals the hard
 * one, and the parent process has the same hard limit but a lower soft one, the JVM inherited that lower one and the
 * program gets it back. Every other limit the JVM leaves as it got it.</li>
 * </ul>
 *
 * <p>Read on the tracer thread at each spawn; the file limit is decided once per JVM, at its first spawn.
 */
public final class StartState {
    /** The row of /proc/PID/limits (proc(5)): "Max open files   1024   20000   files"; "unlimited" is RLIM_INFINITY. */
    private static final String OPEN_FILES = "Max open files";
    private static final long UNLIMITED = -1;

    /**
     * Decided at the first spawn, not when the class loads: the CLI's main thread loads this class for its arguments
     * first thing, and reading three /proc files there would delay its start.
     */
    private static final class FileLimit {
        static final OptionalLong DECIDED = decideFileLimit(ProcFs.read(ProcFs.of("self", "limits")),
                ProcFs.statusField((int) pid(), "PPid").map(ppid -> ProcFs.read(ProcFs.of(ppid, "limits")))
                        .orElse(null));
    }

    private StartState() {
    }

    /**
     * The environment entries this JVM was started with, in order, as the kernel holds them (each {@code NAME=value},
     * or whatever bytes the parent passed), or {@code System.getenv()} when /proc cannot be read.
     */
    public static List<byte[]> jvmEnvironment() {
        byte[] block;
        try {
            block = ProcFs.readBytes(ProcFs.of("self", "environ"));
        } catch (IOException e) {
            return entries(System.getenv());
        }
        return split(block);
    }

    /**
     * This JVM's {@code main} arguments with the bytes the kernel passed: the launcher decoded them in
     * {@code sun.jnu.encoding}, which replaces every byte it cannot decode (U+FFFD),
     * so an argument that is not valid there would reach the program as other bytes. The last {@code args.length}
     * entries of /proc/self/cmdline are the same arguments; each is taken ({@link ByteStrings#decode}) only when it
     * decodes as the launcher's did to the very string given, and all of them are given back unchanged otherwise (an
     * {@code @argfile} holding main arguments, an unreadable /proc).
     */
    public static String[] jvmMainArguments(String[] args) {
        byte[] block;
        try {
            block = ProcFs.readBytes(ProcFs.of("self", "cmdline"));
        } catch (IOException e) {
            return args;
        }
        List<byte[]> all = split(block);
        if (all.size() < args.length) {
            return args;
        }
        Charset jnu;
        try {
            jnu = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return args;
        }
        boolean ascii = jnu.equals(StandardCharsets.US_ASCII);
        String[] exact = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            byte[] raw = all.get(all.size() - args.length + i);
            String launcher = new String(raw, jnu); // JDK 17 and 25 put U+FFFD for each byte, ASCII locale or not
            if (!launcher.equals(args[i]) && !(ascii && launcher.replace('\uFFFD', '?').equals(args[i]))) {
                return args;
            }
            exact[i] = ByteStrings.decode(raw);
        }
        return exact;
    }

    /** NUL-terminated entries of a /proc block (environ, cmdline). */
    private static List<byte[]> split(byte[] block) {
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] == 0) {
                entries.add(Arrays.copyOfRange(block, start, i));
                start = i + 1;
            }
        }
        return entries;
    }

    /** {@code NAME=value} entries of a map, in its iteration order, as {@link ByteStrings} bytes. */
    public static List<byte[]> entries(Map<String, String> environment) {
        List<byte[]> entries = new ArrayList<>(environment.size());
        environment.forEach((k, v) -> entries.add(ByteStrings.encode(k + "=" + v)));
        return entries;
    }

    /** The signals this JVM ignores, bit {@code n-1} for signal n (the kernel's SigIgn). */
    public static long ignoredSignals() {
        return signalSet(ProcFs.selfStatusField("SigIgn").orElse(null));
    }

    /** The signal mask this JVM was started with: its primordial thread's, bit {@code n-1} for signal n. */
    public static long startMask() {
        return signalSet(ProcFs.fieldOf(ProcFs.read(ProcFs.of("self", "task", Long.toString(pid()), "status")),
                "SigBlk").orElse(null));
    }

    /**
     * The soft RLIMIT_NOFILE to give the program in place of this JVM's, or empty to leave the JVM's: see the class
     * comment. The hard limit is never changed.
     */
    public static OptionalLong fileLimit() {
        return FileLimit.DECIDED;
    }

    /**
     * The decision, from this process's and its parent's /proc/PID/limits texts. A wrapper that lowered the soft limit
     * and then exec'd java is not the parent and leaves no trace: the program then gets the parent's, as it does when
     * started from the parent directly ({@code java -XX:-MaxFDLimit} keeps the JVM's own and so the wrapper's).
     */
    static OptionalLong decideFileLimit(String own, String parent) {
        long[] mine = openFiles(own);
        long[] theirs = openFiles(parent);
        if (mine == null || theirs == null || mine[0] != mine[1] || theirs[1] != mine[1]) {
            return OptionalLong.empty();
        }
        return Long.compareUnsigned(theirs[0], mine[0]) < 0 ? OptionalLong.of(theirs[0]) : OptionalLong.empty();
    }

    /** {soft, hard} of "Max open files", or null. */
    private static long[] openFiles(String limits) {
        if (limits == null) {
            return null;
        }
        // the row starts a line; its first two words after the name are the soft and the hard limit
        int row = ("\n" + limits).indexOf("\n" + OPEN_FILES); // where that line starts in limits
        if (row < 0) {
            return null;
        }
        int end = limits.indexOf('\n', row);
        String[] words = limits.substring(row + OPEN_FILES.length(), end < 0 ? limits.length() : end).trim()
                .split("\\s+");
        if (words.length < 2) {
            return null;
        }
        try {
            return new long[] {limit(words[0]), limit(words[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long limit(String text) {
        return text.equals("unlimited") ? UNLIMITED : Long.parseLong(text);
    }

    /** A SigIgn/SigBlk value (16 hex digits), or 0 when absent. */
    private static long signalSet(String hex) {
        if (hex == null) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long pid() {
        int pid = ProcFs.selfPid();
        return pid > 0 ? pid : ProcessHandle.current().pid();
    }
}
