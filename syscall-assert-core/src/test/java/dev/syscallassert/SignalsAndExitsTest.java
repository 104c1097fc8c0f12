package dev.syscallassert;

import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.SignalPrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals delivered to traced threads and the ends of traced threads and processes, on real programs, compared line
 * by line with what strace 6.1 prints for the same programs (after normalising what differs between two runs: pids,
 * code addresses, CPU times).
 */
class SignalsAndExitsTest {

    @TempDir
    static Path dir;
    private static Path program;

    /** A line of strace -f -o: "PID  rest". */
    private static final Pattern STRACE_LINE = Pattern.compile("^(\\d+) +(.*)$");

    @BeforeAll
    static void compile() throws Exception {
        program = SignalPrograms.compile(dir);
    }

    @AfterEach
    void leavesNothingBehind() throws Exception {
        for (int i = 0; i < 50 && !TracerEndToEndTest.childrenOfThisJvm().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(TracerEndToEndTest.childrenOfThisJvm()).as("child processes left by the tracer").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr1", "chld", "chldkill", "segv", "queue", "tgkill", "rt", "alarm", "timer", "abort",
            "sigsys"})
    void signalAndExitLinesAreStraces(String mode) throws Exception {
        List<String> command = List.of(program.toString(), mode);
        assertThat(ours(command)).as("signal and exit lines per process, ours vs strace's")
                .isEqualTo(strace(command));
    }

    @Test
    void everyProcessAndThreadEndsWithItsLineAsInStrace() throws Exception {
        for (List<String> command : List.of(
                List.of("/bin/sh", "-c", "(exit 3); sleep 0 & wait; kill -9 $$"),
                List.of(program.toString(), "threads"),
                List.of(program.toString(), "killthreads"))) {
            assertThat(ours(command)).as("%s: ours vs strace's", command).isEqualTo(strace(command));
        }
    }

    @Test
    void aSignalHasItsPlaceAmongTheCallsButIsNoCall() {
        TraceResult result = Tracer.command(program.toString(), "alarm").run();
        SyscallTrace trace = result.trace();
        List<String> timeline = trace.timeline().stream().map(Object::toString).collect(Collectors.toList());
        int pause = indexOf(timeline, "pause() = ? ERESTARTNOHAND");
        assertThat(timeline.get(pause + 1)).isEqualTo("--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---");
        assertThat(timeline.get(pause + 2)).startsWith("rt_sigreturn(");
        assertThat(timeline.get(timeline.size() - 1)).isEqualTo("+++ exited with 0 +++");

        assertThat(trace.events()).noneMatch(e -> e.syscall().startsWith("SIG") || e.syscall().startsWith("+++"));
        assertThat(trace.events()).hasSize(timeline.size() - 2).isEqualTo(trace.allEvents());
        SignalEvent alarm = trace.signals().get(0);
        assertThat(trace.signals()).hasSize(1);
        assertThat(alarm.signal()).isEqualTo("SIGALRM");
        assertThat(alarm.code()).isEqualTo("SI_KERNEL");
        assertThat(alarm.sentByProcess()).isFalse();
        assertThat(alarm.senderPid()).isEmpty();
        assertThat(alarm.pid()).isEqualTo(result.pid());
        assertThat(alarm.tid()).isEqualTo(result.pid());
        assertThat(alarm.thread()).isEqualTo("signals");
        assertThat(alarm.timeNanos()).isBetween(trace.events().get(0).startNanos(), System.currentTimeMillis() * 1_000_000L);
        assertThat(trace.exits()).singleElement().satisfies(exit -> {
            assertThat(exit.exitCode()).hasValue(0);
            assertThat(exit.killed()).isFalse();
            assertThat(exit.isThread()).isFalse();
            assertThat(exit.pid()).isEqualTo(result.pid());
        });
    }

    @Test
    void aSignalCarriesItsSenderAndAFaultItsAddress() {
        TraceResult sent = Tracer.command(program.toString(), "usr1").trace("kill").run();
        SignalEvent usr1 = sent.trace().signals().get(0);
        assertThat(usr1.code()).isEqualTo("SI_USER");
        assertThat(usr1.sentByProcess()).isTrue();
        assertThat(usr1.senderPid()).hasValue(sent.pid());
        assertThat(usr1.senderUid()).isPresent();
        assertThat(usr1.faultAddress()).isEmpty();

        TraceResult crashed = Tracer.command(program.toString(), "segv").trace("none").run();
        SignalEvent segv = crashed.trace().signals().get(0);
        assertThat(segv.faultAddress()).hasValue(0);
        assertThat(segv.senderPid()).isEmpty();
        assertThat(crashed.terminatingSignal()).contains("SIGSEGV");
        assertThat(crashed.trace().exits()).singleElement().satisfies(exit -> {
            assertThat(exit.signal()).contains("SIGSEGV");
            assertThat(exit.coreDumped()).isFalse();
            assertThat(exit.exitCode()).isEmpty();
        });

        TraceResult child = Tracer.command(program.toString(), "chld").trace("none").run();
        SignalEvent sigchld = child.trace().signals().get(0);
        assertThat(sigchld.childStatus()).hasValue(3);
        assertThat(sigchld.senderPid()).hasValue(child.trace().exits().get(0).pid());
    }

    /** The tracer's own SIGCONT that starts the spawned shell, and the shell before its exec, are not the program's. */
    @Test
    void aProgramThatGetsNoSignalHasNone() {
        SyscallTrace trace = Tracer.command("/bin/true").run().trace();
        assertThat(trace.signals()).isEmpty();
        assertThat(trace.exits()).hasSize(1);
    }

    @Test
    void signalsAndExitsRoundTripThroughJsonLines() {
        SyscallTrace trace = Tracer.command(program.toString(), "chld").run().trace();
        StringWriter out = new StringWriter();
        JsonLinesFormat.write(trace, out);
        SyscallTrace back = JsonLinesFormat.read(new StringReader(out.toString()));
        assertThat(back.timeline().stream().map(Object::toString).collect(Collectors.toList()))
                .isEqualTo(trace.timeline().stream().map(Object::toString).collect(Collectors.toList()));
        assertThat(back.signals()).hasSize(1);
        SignalEvent original = trace.signals().get(0);
        SignalEvent read = back.signals().get(0);
        assertThat(read).usingRecursiveComparison().isEqualTo(original);
        assertThat(back.exits()).usingRecursiveFieldByFieldElementComparator().isEqualTo(trace.exits());
        assertThat(back.events()).hasSameSizeAs(trace.events());
    }

    /**
     * A marker handler (the JUnit extension's) cuts a window out of the timeline by place: it holds the calls, the
     * signals and the exits between the two markers and nothing from before.
     */
    @Test
    void aWindowBetweenTwoMarkersHoldsTheSignalsInIt() {
        int[] begin = {-1};
        List<String> window = new ArrayList<>();
        // every call is traced: a filter the tracer injects would not stop at the marker (only a traced JVM's does)
        Tracer.command(program.toString(), "markers").onMarker((MarkerCall call) -> {
            if (call.command() == 1) {
                begin[0] = call.timelinePosition();
            } else {
                // calls by name (their arguments are the decoders' business), signals as strace prints them
                call.timeline(begin[0], call.timelinePosition()).timeline().forEach(e -> window.add(
                        e instanceof SyscallEvent ? ((SyscallEvent) e).syscall() : normalised(e.toString())));
            }
            return 0;
        }).run();
        assertThat(window).containsExactly("getpid", "kill",
                "--- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_USER, si_pid=PID, si_uid=0} ---", "rt_sigreturn");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in " + lines);
    }

    /**
     * Our signal and exit lines by task (strace -f names each line's thread): the main thread's in order, the others'
     * each in order (a task's own lines come in a fixed order; two tasks' lines only roughly).
     */
    private static Map<String, List<String>> ours(List<String> command) {
        TraceResult result = Tracer.command(command).trace("none").run();
        Map<Integer, List<String>> byTid = new LinkedHashMap<>();
        byTid.put(result.pid(), new ArrayList<>());
        for (TraceEvent e : result.trace().timeline()) {
            byTid.computeIfAbsent(e.tid(), k -> new ArrayList<>()).add(normalised(e.toString()));
        }
        return byTask(byTid, result.pid());
    }

    private static Map<String, List<String>> strace(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "strace", ".txt");
        // execve only for the first line, whose pid is the program's
        List<String> strace = new ArrayList<>(List.of("strace", "-f", "-o", out.toString(), "-e", "trace=execve"));
        strace.addAll(command);
        Process p = new ProcessBuilder(strace).redirectOutput(dir.resolve("strace-stdout").toFile())
                .redirectError(dir.resolve("strace-stderr").toFile()).start();
        if (!BoundedWait.endedWithin(p, 60)) {
            throw new AssertionError("strace " + command + " did not end within 60 s; its trace so far:\n"
                    + String.join("\n", Files.readAllLines(out)));
        }
        Map<Integer, List<String>> byTid = new LinkedHashMap<>();
        int main = -1;
        for (String line : Files.readAllLines(out)) {
            Matcher m = STRACE_LINE.matcher(line);
            if (main < 0 && m.matches()) {
                main = Integer.parseInt(m.group(1)); // the first line is the program's execve
            }
            if (!m.matches() || !(m.group(2).startsWith("--- ") || m.group(2).startsWith("+++ "))) {
                continue;
            }
            byTid.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(normalised(m.group(2)));
        }
        return byTask(byTid, main);
    }

    /** The main thread's lines under "main", each other task's joined, sorted, so that two runs compare equal. */
    private static Map<String, List<String>> byTask(Map<Integer, List<String>> byTid, int main) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("main", byTid.getOrDefault(main, List.of()));
        out.put("others", byTid.entrySet().stream().filter(e -> e.getKey() != main)
                .map(e -> String.join(" / ", e.getValue())).sorted().collect(Collectors.toList()));
        return out;
    }

    private static String normalised(String line) {
        return line.replaceAll("si_pid=\\d+", "si_pid=PID")
                .replaceAll("si_call_addr=0x[0-9a-f]+", "si_call_addr=ADDR")
                .replaceAll("si_(u|s)time=\\d+( /\\* [0-9.]+ s \\*/)?", "si_$1time=T");
    }
}
