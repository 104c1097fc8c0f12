package dev.syscallassert.assertj;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.fixtures.NamedThreadsProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** byThread takes Java thread names; the kernel keeps 15 bytes of them, cut where HotSpot cuts. */
class ThreadNamesTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASS_PATH =
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    /** Non-ASCII as {@code \\uXXXX}: the command line's encoding depends on the locale, the escapes do not. */
    private static String escaped(String name) {
        StringBuilder b = new StringBuilder();
        name.chars().forEach(c -> b.append(c < 0x80 ? Character.toString(c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    @Test
    void theKernelNameIsTheFirst15BytesOfTheModifiedUtf8() {
        assertThat(ThreadNames.kernelName("short")).isEqualTo("short");
        assertThat(ThreadNames.kernelName("HttpClient-1-SelectorManager")).isEqualTo("HttpClient-1-Se");
        // cut inside the 2-byte é: the lone lead byte 0xC3 is kept (ByteStrings: U+DCC3), as the tracer reads it
        assertThat(ThreadNames.kernelName("abcdefghijklmn\u00e9xyz")).isEqualTo("abcdefghijklmn\udcc3");
        assertThat(ThreadNames.kernelName("abcdefghijklm\u00e9xyz")).isEqualTo("abcdefghijklm\u00e9");
        // NUL is C0 80 and a supplementary character two 3-byte surrogates, neither of them UTF-8
        assertThat(ThreadNames.kernelName("a\u0000b")).isEqualTo("a\udcc0\udc80b");
        assertThat(ThreadNames.kernelName("ab\ud83d\ude00")).doesNotContain("\ud83d\ude00").startsWith("ab\udced");
    }

    @Test
    void aLongNameMatchesEveryThreadWithTheSameFirst15Bytes() {
        SyscallTrace t = trace(openat("/work/a", O_RDONLY).tid(101).thread("HttpClient-1-Se").build(),
                openat("/work/b", O_RDONLY).tid(102).thread("HttpClient-1-Wo").build(),
                openat("/work/c", O_RDONLY).tid(103).thread("x\ud83d\ude00").build());
        assertThat(t).byThread("HttpClient-1-SelectorManager").openedFile("/work/a").didNotOpenFile("/work/b");
        assertThat(t).byThread("HttpClient-1-Se").openedFile("/work/a");
        // A native thread's UTF-8 name matches as it is.
        assertThat(t).byThread("x\ud83d\ude00").openedFile("/work/c");
        assertThatThrownBy(() -> assertThat(t).byThread("HttpClient-1-SelectorManager").openedFile("/work/b"))
                .hasMessageStartingWith("[calls by thread \"HttpClient-1-SelectorManager\" (kernel name "
                        + "\"HttpClient-1-Se\": every thread whose name starts with the same 15 bytes)]");
    }

    @Test
    void noThreadOfThatNameSaysHowNamesMatchAndWhichThereAre() {
        SyscallTrace t = trace(openat("/work/a", O_RDONLY).thread("java").build(),
                openat("/work/b", O_RDONLY).tid(101).thread("pool-1-thread-1").build()).savedTo(Path.of("/tmp/r.txt"));
        assertThatThrownBy(() -> assertThat(t).byThread("main").openedFile("/work/a"))
                .hasMessageEndingWith(String.format("%n%nNo call in the trace was made by a thread named \"main\". "
                        + "The kernel keeps the first 15 bytes of a thread's name; a JVM's main thread keeps its "
                        + "program's name (\"java\") unless it renames itself, and a rename by another thread never "
                        + "reaches the kernel.%nThreads in the trace: \"java\", \"pool-1-thread-1\"%n%n"
                        + "The full trace is in /tmp/r.txt"))
                .hasMessageNotContaining("The trace has no events");
        assertThatThrownBy(() -> assertThat(t).byThread("worker-thread-number-7").openedFile("/work/a"))
                .hasMessageContaining("thread's name (here \"worker-thread-n\");");
        // A thread that exists but made none of the calls gets the usual message.
        assertThatThrownBy(() -> assertThat(t).byThread("java").inProcess(7).openedFile("/work/a"))
                .hasMessageContaining("The trace has no events").hasMessageNotContaining("No call in the trace");
        assertThat(t).byThread("java").openedFile("/work/a").didNotOpenFile("/work/b");
    }

    @Test
    void theNamesOfARealJvmsThreads(@TempDir Path dir) {
        List<String> names = List.of("worker-with-a-long-name", "abcdefghijklmn\u00e9xyz", "\u00e9".repeat(9),
                "ab\ud83d\ude00z", "HttpClient-1-Wo");
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xshare:auto", "-cp", CLASS_PATH,
                NamedThreadsProgram.class.getName(), dir.toString()));
        names.forEach(n -> command.add(escaped(n)));
        TraceResult r = Tracer.command(command).trace(SyscallCategory.FILE).timeout(Duration.ofSeconds(60)).run();
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        SyscallTrace t = r.trace();
        // What the kernel kept, as measured (see ThreadNames): 15 bytes, cut inside a character.
        assertThat(t.stream().map(SyscallEvent::thread).distinct())
                .contains("java", "worker-with-a-l", "abcdefghijklmn\udcc3", "\u00e9".repeat(7) + "\udcc3");
        for (int i = 0; i < names.size(); i++) {
            Path own = dir.resolve("thread-" + (i + 1));
            assertThat(t).as(names.get(i)).byThread(names.get(i)).wroteFile(own).didNotWriteFile(dir.resolve("main"));
        }
        // The main thread is "java"; "main" matches nothing and says so.
        assertThat(t).byThread("java").wroteFile(dir.resolve("main")).didNotWriteFile(dir.resolve("thread-1"));
        assertThatThrownBy(() -> assertThat(t).byThread("main").wroteFile(dir.resolve("main")))
                .hasMessageContaining("No call in the trace was made by a thread named \"main\"")
                .hasMessageContaining("\"java\"");
        // A thread that renamed itself has its new name; one renamed by another thread keeps its old one.
        assertThat(t).byThread("self-renamed-" + "\u00e9".repeat(8)).wroteFile(dir.resolve("self-renamed"));
        assertThat(t).byThread("before-rename").wroteFile(dir.resolve("renamed-by-main"));
        assertThatThrownBy(() -> assertThat(t).byThread("renamed-by-main").wroteFile(dir.resolve("renamed-by-main")))
                .hasMessageContaining("a rename by another thread never reaches the kernel");
    }
}
