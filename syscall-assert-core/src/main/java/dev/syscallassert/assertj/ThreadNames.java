package dev.syscallassert.assertj;

import dev.syscallassert.ByteStrings;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.linux.ProcFs;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Java thread names against the names the kernel keeps ({@code /proc/TID/comm}), which is what a trace records.
 *
 * <p>The kernel keeps 15 bytes of a name. HotSpot on Linux ({@code os::set_native_thread_name}) gives the kernel the
 * thread's name in modified UTF-8 (a character outside the BMP as two 3-byte surrogates, NUL as {@code C0 80}), cut
 * after 15 bytes even inside a character, as measured on JDK 17 and 25: {@code "abcdefghijklmn\u00e9"} becomes the
 * 15 bytes {@code abcdefghijklmn\xc3}. It does so when a thread starts and when a thread renames itself, never for a
 * rename by another thread, and never for the main thread, which keeps the launcher's name ({@code "java"}).
 * So a name is matched by what the kernel would hold for it: the same 15 bytes, read back as the tracer reads them.
 * Threads whose names share those 15 bytes cannot be told apart; the scope's description says so.
 */
final class ThreadNames {
    /** The kernel's TASK_COMM_LEN less its NUL (prctl(2), PR_SET_NAME). */
    static final int KERNEL_NAME_BYTES = ProcFs.TASK_COMM_LEN - 1;
    private static final int MAX_LISTED = 10;

    private ThreadNames() {
    }

    /**
     * The name a thread named {@code javaName} by the JVM has in a trace: the first 15 bytes of its modified UTF-8,
     * decoded as the tracer decodes a thread name ({@link ByteStrings}: a byte of a cut character as itself).
     */
    static String kernelName(String javaName) {
        byte[] bytes = modifiedUtf8(javaName);
        int length = Math.min(bytes.length, KERNEL_NAME_BYTES);
        return ByteStrings.decode(bytes, 0, length);
    }

    /** The calls of a thread of that name: the name itself (a native thread's), or the kernel's form of it. */
    static Predicate<TraceEvent> matching(String name) {
        String kernel = kernelName(name);
        return e -> e.thread().equals(name) || e.thread().equals(kernel);
    }

    /** The scope's description: the name, and the kernel's form when it differs. */
    static String scopeDescription(String name) {
        String kernel = kernelName(name);
        return "calls by thread \"" + name + "\"" + (kernel.equals(name) ? ""
                : " (kernel name \"" + kernel + "\": every thread whose name starts with the same "
                + KERNEL_NAME_BYTES + " bytes)");
    }

    /**
     * Why a check on calls by thread {@code name} saw none, when no call in {@code events} was made by such a thread:
     * how names are matched, and the thread names there are. Null when some call matched.
     */
    static String noSuchThread(String name, List<SyscallEvent> events) {
        Predicate<TraceEvent> matches = matching(name);
        if (events.isEmpty() || events.stream().anyMatch(matches)) {
            return null;
        }
        String kernel = kernelName(name);
        List<String> names = events.stream().map(SyscallEvent::thread).distinct().collect(Collectors.toList());
        String listed = names.stream().limit(MAX_LISTED).map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                + (names.size() > MAX_LISTED ? ", ... and " + (names.size() - MAX_LISTED) + " more" : "");
        return "No call in the trace was made by a thread named \"" + name + "\". The kernel keeps the first "
                + KERNEL_NAME_BYTES + " bytes of a thread's name" + (kernel.equals(name) ? ""
                : " (here \"" + kernel + "\")") + "; a JVM's main thread keeps its program's name (\"java\") "
                + "unless it renames itself, and a rename by another thread never reaches the kernel."
                + System.lineSeparator() + "Threads in the trace: " + listed;
    }

    /** Java's modified UTF-8 (as DataOutput.writeUTF, without the length): what HotSpot hands the kernel. */
    private static byte[] modifiedUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(0x80 | (c & 0x3f));
            } else {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
        }
        return out.toByteArray();
    }
}
