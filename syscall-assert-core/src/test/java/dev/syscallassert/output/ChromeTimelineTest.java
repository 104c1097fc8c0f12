package dev.syscallassert.output;

import dev.syscallassert.ChromeTimeline;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.core.format.Json;
import dev.syscallassert.fixtures.ThreadedProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chrome trace-event timeline of real traces, parsed back: tracks, nesting, ordering, instants. */
class ChromeTimelineTest {

    /** One event of the file, as parsed. */
    private record Ev(String ph, String name, int pid, int tid, BigDecimal ts, BigDecimal dur, Map<String, Object> args) {
        BigDecimal end() {
            return dur == null ? ts : ts.add(dur);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Ev> parse(String json) {
        // our parser reads integers only: turn "ts": 12.345 into nanoseconds first
        String integral = json.replaceAll("\"(ts|dur)\": (-?\\d+)\\.(\\d{3})", "\"$1\": \"$2.$3\"");
        Map<String, Object> root = (Map<String, Object>) Json.parse(integral);
        List<Ev> events = new ArrayList<>();
        for (Object o : (List<Object>) root.get("traceEvents")) {
            Map<String, Object> m = (Map<String, Object>) o;
            events.add(new Ev((String) m.get("ph"), (String) m.get("name"), ((Long) m.get("pid")).intValue(),
                    ((Long) m.get("tid")).intValue(), m.get("ts") == null ? null : new BigDecimal((String) m.get("ts")),
                    m.get("dur") == null ? null : new BigDecimal((String) m.get("dur")),
                    (Map<String, Object>) m.get("args")));
        }
        return events;
    }

    /** Every thread's slices follow each other without overlapping (a thread is in one call at a time). */
    private static void assertNestedAndOrdered(List<Ev> events, SyscallTrace trace) {
        Map<Integer, List<Ev>> byThread = events.stream().filter(e -> e.ph().equals("X"))
                .collect(Collectors.groupingBy(Ev::tid));
        for (List<Ev> slices : byThread.values()) {
            for (int i = 1; i < slices.size(); i++) {
                assertThat(slices.get(i).ts()).as("%s after %s", slices.get(i), slices.get(i - 1))
                        .isGreaterThanOrEqualTo(slices.get(i - 1).end());
            }
            assertThat(slices).allMatch(s -> s.dur().signum() >= 0);
        }
        assertThat(events.stream().filter(e -> e.ph().equals("X")).count()).isEqualTo(trace.allEvents().size());
        for (ProcessExit exit : trace.allExits()) {
            Ev end = events.stream().filter(e -> e.ph().equals("i") && e.tid() == exit.tid()
                    && e.name().equals(exit.toString().replace("+++ ", "").replace(" +++", ""))).findFirst()
                    .orElseThrow(() -> new AssertionError("no end instant for " + exit));
            Ev start = events.stream().filter(e -> e.tid() == exit.tid() && e.name().endsWith(" start"))
                    .findFirst().orElseThrow(() -> new AssertionError("no start instant for " + exit.tid()));
            for (Ev e : events) {
                if (e.tid() == exit.tid() && e.ts() != null) {
                    assertThat(e.end()).as("%s ends by its thread's end", e).isLessThanOrEqualTo(end.ts());
                    assertThat(e.ts()).as("%s starts after its thread's start", e).isGreaterThanOrEqualTo(start.ts());
                }
            }
        }
        // every track has its names
        for (Ev e : events) {
            assertThat(events).anyMatch(m -> m.ph().equals("M") && m.name().equals("thread_name") && m.tid() == e.tid());
            assertThat(events).anyMatch(m -> m.ph().equals("M") && m.name().equals("process_name")
                    && m.pid() == e.pid());
        }
    }

    @Test
    void aShellPipelinesTimelineHasATrackPerProcessWithStartsExecsAndEnds(@TempDir Path dir) throws Exception {
        TraceResult r = Tracer.command("/bin/sh", "-c", "ls / | wc -l; kill -USR1 $$").run();
        Path file = dir.resolve("t.json");
        ChromeTimeline.of(r.trace()).writeTo(file);
        List<Ev> events = parse(Files.readString(file));
        assertNestedAndOrdered(events, r.trace());

        int shell = r.pid();
        Ev ls = events.stream().filter(e -> e.name().equals("exec") && "ls /".equals(e.args().get("argv")))
                .findFirst().orElseThrow();
        assertThat(events).anyMatch(e -> e.name().equals("process start") && e.pid() == ls.pid()
                && Long.valueOf(shell).equals(e.args().get("created_by")));
        assertThat(events).anyMatch(e -> e.name().equals("process_name") && e.pid() == ls.pid()
                && ("pid " + ls.pid() + ": ls /").equals(e.args().get("name")));
        assertThat(events).anyMatch(e -> e.name().equals("SIGUSR1") && e.tid() == shell
                && String.valueOf(e.args().get("siginfo")).startsWith("{si_signo=SIGUSR1, si_code=SI_USER"));
        assertThat(events).anyMatch(e -> e.name().equals("killed by SIGUSR1") && e.tid() == shell);
        Ev openat = events.stream().filter(e -> e.name().equals("openat") && e.pid() == ls.pid()).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(openat.args().get("args")).isEqualTo("AT_FDCWD, \"/\", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY");
        assertThat(openat.args().get("return")).isEqualTo("3");
    }

    @Test
    void aJvmsThreadsAreTracksOfItsProcessAndFaultsAndMarksAreShown(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        TraceResult r = Tracer.command(java, "-cp", System.getProperty("java.class.path"),
                ThreadedProgram.class.getName(), dir.resolve("out").toString()).run();
        SyscallEvent written = r.trace().events().stream().filter(e -> e.syscall().equals("write")
                && e.fdPath().orElse("").endsWith("/out")).findFirst().orElseThrow();
        ChromeTimeline timeline = ChromeTimeline.of(r.trace())
                .mark("test begins", written.startNanos() - 1, written.pid(), written.tid())
                .injectedFaults(e -> e == written ? Optional.of("EIO") : Optional.empty());
        List<Ev> events = parse(timeline.toJson());
        assertNestedAndOrdered(events, r.trace());

        Ev worker = events.stream().filter(e -> e.name().equals("thread_name") && e.tid() == written.tid())
                .findFirst().orElseThrow();
        assertThat(worker.pid()).isEqualTo(r.pid());
        assertThat(worker.args().get("name")).isEqualTo("worker (" + written.tid() + ")");
        assertThat(events).anyMatch(e -> e.name().equals("thread start") && e.tid() == written.tid());
        assertThat(events).anyMatch(e -> e.name().equals("test begins") && e.tid() == written.tid());
        Ev faulty = events.stream().filter(e -> "EIO".equals(e.args().get("injected"))).findFirst().orElseThrow();
        assertThat(faulty.name()).isEqualTo("write");
        assertThat(events).anyMatch(e -> e.name().equals("injected: EIO") && e.ts().equals(faulty.ts()));
        Map<Integer, Integer> perPid = new HashMap<>();
        events.stream().filter(e -> e.name().equals("thread_name")).forEach(e -> perPid.merge(e.pid(), 1, Integer::sum));
        assertThat(perPid.get(r.pid())).isGreaterThan(5); // the JVM's threads, on its process's tracks
    }
}
