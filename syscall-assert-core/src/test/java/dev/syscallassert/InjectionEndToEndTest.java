package dev.syscallassert;

import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.JavaActProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults injected into real programs' calls: errors, short reads, delays, signals, counted over the whole tree. */
class InjectionEndToEndTest extends ActProgramTest {

    private static List<SyscallEvent> injected(TraceResult r) {
        return r.trace().events().stream().filter(e -> e.injection().isPresent()).collect(Collectors.toList());
    }

    /** "" = every syscall (no filter: PTRACE_SYSCALL stops), "write" = the seccomp fast path, "openat" = not selected. */
    @ParameterizedTest
    @ValueSource(strings = {"", "write", "openat"})
    void theThirdWriteToThatFileFailsAndNoOther(String selection) throws Exception {
        Path journal = dir.resolve("journal.log");
        Path other = dir.resolve("other.log");
        Tracer tracer = Tracer.command(act.toString(), "writes", journal.toString(), "5", other.toString())
                .inject(Fault.on("write").path("glob:**/journal.log").nth(3).error("ENOSPC"));
        if (!selection.isEmpty()) {
            tracer.trace(selection);
        }
        TraceResult r = tracer.run();
        assertThat(r.stdout()).isEqualTo("write 1: ok\nwrite 2: ok\nwrite 3: No space left on device\n"
                + "write 4: ok\nwrite 5: ok\n");
        assertThat(Files.readString(journal)).isEqualTo("1\n2\n4\n5\n");
        assertThat(Files.readString(other)).isEqualTo("1\n");
        List<SyscallEvent> injected = injected(r);
        assertThat(injected).hasSize(1);
        SyscallEvent e = injected.get(0);
        assertThat(e.fdPath()).contains(journal.toString());
        assertThat(e.errno()).contains("ENOSPC");
        assertThat(e.injection().flatMap(Injection::errno)).contains("ENOSPC");
        assertThat(e.toString()).endsWith("= -1 ENOSPC (No space left on device) (INJECTED)");
        assertThat(JsonLinesFormat.parse(JsonLinesFormat.format(e)).injection()).isEqualTo(e.injection());
    }

    /** strace's own injection, line for line: the same program, the same rule, the same text. */
    @Test
    void theInjectedLineIsStraces() throws Exception {
        List<String> command = List.of("/bin/sh", "-c", "echo a; echo b; echo c; echo d");
        TraceResult r = Tracer.command(command).trace("write").inject(Fault.parse("write:error=ENOSPC:when=3")).run();
        List<String> ours = r.trace().events().stream().map(SyscallEvent::toString).collect(Collectors.toList());
        Path out = dir.resolve("strace.out");
        List<String> strace = new ArrayList<>(List.of("strace", "-o", out.toString(), "-e", "trace=write", "-e",
                "inject=write:error=ENOSPC:when=3"));
        strace.addAll(command);
        Process p = new ProcessBuilder(strace).redirectErrorStream(true).redirectOutput(dir.resolve("o").toFile())
                .start();
        assertThat(BoundedWait.endedWithin(p, 30)).isTrue();
        List<String> theirs = Files.readAllLines(out).stream().filter(l -> !l.startsWith("+++"))
                .map(l -> l.replaceAll("\\) +=", ") =")).collect(Collectors.toList());
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.get(2)).isEqualTo("write(1, \"c\\n\", 2) = -1 ENOSPC (No space left on device) (INJECTED)");
    }

    @Test
    void theCounterSpansThreads() throws Exception {
        Path file = dir.resolve("shared.log");
        TraceResult r = Tracer.command(act.toString(), "threads", file.toString(), "4", "5").trace("write")
                .inject(Fault.on("write").path(file.toString()).nth(7).error("EIO")).run();
        assertThat(r.stdout().lines().filter(l -> l.endsWith("Input/output error")).count()).isEqualTo(1);
        List<SyscallEvent> writes = r.trace().events().stream()
                .filter(e -> e.syscall().equals("write") && e.fdPath().orElse("").equals(file.toString()))
                .collect(Collectors.toList());
        assertThat(writes).hasSize(20);
        assertThat(writes.stream().map(SyscallEvent::tid).distinct().count()).isEqualTo(4);
        // the seventh write of the tree in the order the calls began, whichever thread made it
        assertThat(writes.get(6).injection()).isPresent();
        assertThat(injected(r)).containsExactly(writes.get(6));
    }

    @Test
    void aShortReadReturnsRealBytes() throws Exception {
        Path data = dir.resolve("data.bin");
        byte[] bytes = new byte[10_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        Files.write(data, bytes);
        Path stdout = dir.resolve("read.out");
        TraceResult r = Tracer.command("/bin/sh", "-c", "exec \"$0\" short \"$1\" > \"$2\"", act.toString(),
                data.toString(), stdout.toString()).trace("read")
                .inject(Fault.on("read").path("glob:**/data.bin").shortBy(0.5)).run();
        assertThat(r.stderr()).isEqualTo("2048\n");
        assertThat(Files.readAllBytes(stdout)).isEqualTo(Arrays.copyOf(bytes, 2048));
        SyscallEvent read = injected(r).get(0);
        assertThat(read.injection().get().runWithCount()).hasValue(2048);
        assertThat(read.returnValue()).isEqualTo(2048);
        assertThat(read.renderedArgs().get(2)).isEqualTo("4096");
        assertThat(read.toString()).endsWith(" = 2048 (INJECTED: args)");
    }

    @Test
    void aDelayedThreadDoesNotDelayAnother() throws Exception {
        Path slow = dir.resolve("slow");
        Path fast = dir.resolve("fast");
        TraceResult r = Tracer.command(act.toString(), "delay", slow.toString(), fast.toString(), "20").trace("write")
                .inject(Fault.on("write").path("glob:**/slow").delayBefore(Duration.ofMillis(400))).run();
        long slowStart = 0;
        long slowEnd = 0;
        List<Long> fastEnds = new ArrayList<>();
        for (String line : r.stdout().lines().collect(Collectors.toList())) {
            String[] f = line.split(" ");
            if (f[0].equals("slow")) {
                slowStart = Long.parseLong(f[1]);
                slowEnd = Long.parseLong(f[2]);
            } else {
                fastEnds.add(Long.parseLong(f[1]));
            }
        }
        assertThat(slowEnd - slowStart).as("the delayed write's duration, ns").isGreaterThanOrEqualTo(400_000_000L);
        assertThat(fastEnds).hasSize(20);
        // the other thread starts its writes 50 ms into the slow one and makes all of them while it is held
        assertThat(fastEnds.get(19)).as("the last fast write returned before the slow one").isLessThan(slowEnd);
        SyscallEvent held = injected(r).get(0);
        assertThat(held.toString()).endsWith(" = 2 (DELAYED)");
        assertThat(held.endNanos() - held.startNanos()).isGreaterThanOrEqualTo(400_000_000L);
    }

    @Test
    void aSignalIsDeliveredAsTheCallReturns() {
        TraceResult r = Tracer.command(act.toString(), "signal").trace("write")
                .inject(Fault.on("write").path("/dev/null").signal("SIGUSR1")).run();
        assertThat(r.stdout()).isEqualTo("write: 1, handler ran: yes\n");
        assertThat(r.trace().signals()).anyMatch(s -> s.signal().equals("SIGUSR1") && s.code().equals("SI_KERNEL"));
        // strace marks a call that only got a signal with nothing but the signal's own line
        assertThat(injected(r).get(0).toString()).endsWith("= 1");
    }

    @Test
    void aReturnValueReplacesTheCall() throws Exception {
        Path journal = dir.resolve("journal.log");
        TraceResult r = Tracer.command(act.toString(), "writes", journal.toString(), "2", dir.resolve("o").toString())
                .trace("write").inject(Fault.parse("write:retval=2:when=1..2:path=glob:**/journal.log")).run();
        assertThat(r.stdout()).isEqualTo("write 1: ok\nwrite 2: ok\n");
        assertThat(Files.readString(journal)).as("the calls did not run").isEmpty();
        assertThat(injected(r)).hasSize(2).allMatch(e -> e.toString().endsWith(" = 2 (INJECTED)"));
    }

    @Test
    void aJavaFileOutputStreamGetsEnospcOnExactlyTheThirdWriteToThatFile() throws Exception {
        Path journal = dir.resolve("journal.log");
        Path other = dir.resolve("other.log");
        TraceResult r = Tracer.command(TracerEndToEndTest.JAVA, "-cp", TracerEndToEndTest.CLASS_PATH,
                        JavaActProgram.class.getName(), "journal", journal.toString(), other.toString(), "5")
                .trace("write")
                .inject(Fault.on("write").path("glob:**/journal.log").nth(3).error("ENOSPC")).run();
        assertThat(r.stdout()).isEqualTo("journal 1: ok\nother 1: ok\njournal 2: ok\nother 2: ok\n"
                + "journal 3: No space left on device\nother 3: ok\njournal 4: ok\nother 4: ok\njournal 5: ok\n"
                + "other 5: ok\n");
        assertThat(Files.readString(journal)).isEqualTo("1\n2\n4\n5\n");
        assertThat(Files.readString(other)).isEqualTo("1\n2\n3\n4\n5\n");
        assertThat(injected(r)).hasSize(1);
        dev.syscallassert.assertj.SyscallAssertions.assertThat(r.trace()).injectedFault("write", "ENOSPC");
    }

    @Test
    void parallelTracesCountTheirFaultsApart() throws Exception {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        RunningTrace first = Tracer.command(act.toString(), "writes", a.toString(), "6", dir.resolve("x").toString())
                .trace("write").inject(Fault.on("write").path("glob:**/a.log").nth(2).error("EIO")).start();
        RunningTrace second = Tracer.command(act.toString(), "writes", b.toString(), "6", dir.resolve("y").toString())
                .trace("write").inject(Fault.on("write").path("glob:**/b.log").nth(5).error("EIO")).start();
        assertThat(first.await().stdout().lines().filter(l -> l.endsWith("Input/output error")))
                .containsExactly("write 2: Input/output error");
        assertThat(second.await().stdout().lines().filter(l -> l.endsWith("Input/output error")))
                .containsExactly("write 5: Input/output error");
    }

    @Test
    void aSeededProbabilityPicksTheSameCallsEachRun() throws Exception {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path journal = dir.resolve("journal" + run + ".log");
            TraceResult r = Tracer.command(act.toString(), "writes", journal.toString(), "40",
                    dir.resolve("o" + run).toString()).trace("write")
                    .inject(Fault.on("write").path("glob:**/journal*.log").probability(0.5, 42).error("EIO")).run();
            runs.add(r.stdout().lines().filter(l -> l.endsWith("Input/output error")).collect(Collectors.toList()));
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).hasSizeBetween(5, 35);
    }
}
