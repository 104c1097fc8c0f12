package dev.syscallassert.junit5;

import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals and ends in a traced test's live trace: what the test's code caused is there (through the snapshot's JSON
 * Lines round trip), what the JVM does by itself (its SIGSEGVs, its threads ending) is hidden like its calls.
 */
class SignalsSeenTest {

    @Test
    void theTestsSignalsAndChildProcessesEndsAreSeenTheJvmsAreNot() throws Exception {
        Kit.assertAllPassed(Kit.run(Fixtures.class, Map.of(PlanConfiguration.REPORT, "all")), 3);
        Path reports = Kit.REPORTS.resolve(Fixtures.class.getName());
        String report = Files.readString(reports.resolve("aReportShowsTheSignals.txt"));
        assertThat(report).containsPattern("\\] --- SIGCHLD \\{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=\\d+")
                .containsPattern("\\] \\+\\+\\+ exited with 0 \\+\\+\\+");
        assertThat(Files.readString(reports.resolve("anIdleTestSeesNoSignalOfTheJvms.txt")))
                .containsPattern("--- SIGSEGV \\{si_signo=SIGSEGV, si_code=SEGV_\\w+, si_addr=0x[0-9a-f]+\\} ---  # .*, "
                        + "hidden by jvm-fault");
        assertThat(Files.readString(reports.resolve("aReportShowsTheSignals.jsonl")))
                .contains("\"signal\":\"SIGCHLD\"").contains("\"exit\":\"exited\"");
    }

    /**
     * A compiled loop on this thread while another one asks for garbage collections: each safepoint the loop reaches
     * stops it through its poll, which HotSpot arms by protecting a page, a SIGSEGV the JVM handles.
     */
    static long safepointsInAHotLoop() throws InterruptedException {
        Thread gc = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                System.gc();
            }
        });
        long sum = 0;
        gc.start();
        while (gc.isAlive()) {
            for (int i = 0; i < 1_000_000; i++) {
                sum += i ^ sum;
            }
        }
        gc.join();
        return sum;
    }

    private static int depth;

    /** How deep a recursion went before the JVM threw StackOverflowError, which it does from a SIGSEGV. */
    static int depthUntilTheStackOverflows() {
        depth = 0;
        try {
            down();
        } catch (StackOverflowError expected) {
            return depth;
        }
        throw new AssertionError("the recursion returned");
    }

    private static void down() {
        depth++;
        down();
    }

    static class Fixtures {
        @Test
        @TraceSyscalls
        void aChildProcessEndsWithASigchld(SyscallTrace trace) throws Exception {
            long jvm = ProcessHandle.current().pid();
            Process child = new ProcessBuilder("/bin/true").start();
            assertThat(child.waitFor()).isZero();
            assertThat(trace).receivedSignal("SIGCHLD").didNotReceiveSignal("SIGSEGV");
            SignalEvent sigchld = trace.signals().stream().filter(s -> s.signal().equals("SIGCHLD")).findFirst()
                    .orElseThrow();
            assertThat(sigchld.pid()).isEqualTo(jvm);
            assertThat(sigchld.senderPid()).hasValue((int) child.pid());
            assertThat(trace.exits()).extracting(ProcessExit::pid).contains((int) child.pid());
            assertThat(trace.events()).noneMatch(e -> e.syscall().startsWith("SIG"));
        }

        @Test
        @TraceSyscalls
        void anIdleTestSeesNoSignalOfTheJvms(SyscallTrace trace) throws Exception {
            WhatIsSeenTest.idleWork(); // class loading, GC, compilation: safepoints, JVM threads
            // HotSpot learns of a stack overflow from the fault on its guard page, in the interpreter as in
            // compiled code: a SIGSEGV the JVM handles, on every run (an implicit null check faults only once the
            // compiler chose one, which a loaded machine may never get to)
            assertThat(depthUntilTheStackOverflows()).isPositive();
            safepointsInAHotLoop();
            assertThat(trace.signals()).isEmpty();
            // they happened (HotSpot's SIGSEGVs), and are in the trace, hidden
            assertThat(trace.withHarnessNoise().signals()).extracting(SignalEvent::signal).contains("SIGSEGV");
            // the test's own thread that called for the collections ended: that one is seen; the JVM's are not
            assertThat(trace.exits()).extracting(ProcessExit::thread).containsExactly("Thread-0");
        }

        @Test
        @TraceSyscalls
        void aReportShowsTheSignals(SyscallTrace trace) throws Exception {
            assertThat(new ProcessBuilder("/bin/true").start().waitFor()).isZero();
            assertThat(trace).receivedSignal("SIGCHLD");
        }
    }
}
