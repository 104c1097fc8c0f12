package dev.syscallassert.cli;

import dev.syscallassert.ChromeTimeline;
import dev.syscallassert.GroupStop;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.assertj.SyscallAssertions;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.format.TextFormat;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.CPrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A traced process stopped and continued from outside (kill -STOP / -TSTP, then -CONT): each of its threads'
 * group-stop is a timeline event, printed as strace 6.1 prints it ({@code --- stopped by SIGSTOP ---}), written to and
 * read back from JSON Lines, and listed by {@link SyscallTrace#groupStops()}; the process really stops meanwhile and
 * goes on after the SIGCONT.
 */
class GroupStopTest {
    /** Writes its pid to {@code argv[1]}, then pauses until a SIGUSR1. */
    static final String PAUSES = """
            #include <signal.h>
            #include <stdio.h>
            #include <string.h>
            #include <unistd.h>
            #include <fcntl.h>
            static void on_usr1(int sig) { }
            int main(int argc, char **argv) {
                struct sigaction sa;
                memset(&sa, 0, sizeof sa);
                sa.sa_handler = on_usr1;
                sigaction(SIGUSR1, &sa, NULL);
                int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
                char line[32];
                int n = snprintf(line, sizeof line, "%d\\n", getpid());
                write(fd, line, n);
                close(fd);
                pause();   /* the test stops and continues it here, then ends the pause with SIGUSR1 */
                getppid();
                return 0;
            }
            """;

    /** The same with a second thread, paused too (SIGUSR1 blocked there); ends with _exit. */
    static final String PAUSES_WITH_A_THREAD = """
            #include <pthread.h>
            #include <signal.h>
            #include <stdio.h>
            #include <string.h>
            #include <unistd.h>
            #include <fcntl.h>
            static void on_usr1(int sig) { }
            static void *run(void *a) {
                sigset_t usr1;
                sigemptyset(&usr1);
                sigaddset(&usr1, SIGUSR1);
                pthread_sigmask(SIG_BLOCK, &usr1, NULL);   /* SIGUSR1 ends the main thread's pause, not this one's */
                pause();
                return 0;
            }
            int main(int argc, char **argv) {
                /* A process group of its own, under a parent (the tracer's JVM) in another group of the session: the
                   kernel discards SIGTSTP sent to an orphaned group, as the test JVM's may be (a build run as a
                   script's background job). */
                setpgid(0, 0);
                struct sigaction sa;
                memset(&sa, 0, sizeof sa);
                sa.sa_handler = on_usr1;
                sigaction(SIGUSR1, &sa, NULL);
                pthread_t t;
                pthread_create(&t, NULL, run, NULL);
                int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
                char line[32];
                int n = snprintf(line, sizeof line, "%d\\n", getpid());
                write(fd, line, n);
                close(fd);
                pause();
                getppid();
                _exit(0);
            }
            """;

    @AfterEach
    void leavesNothingBehind() throws Exception {
        for (int i = 0; i < 50 && ProcessHandle.current().children().findAny().isPresent(); i++) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.current().children().map(p -> p.pid() + " " + p.info().command().orElse("?")))
                .as("child processes left by the tracer").isEmpty();
    }

    @Test
    void theCliPrintsAGroupStopAsStraceDoes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = CPrograms.compile(dir, "pauses", PAUSES);
        String selection = "trace=pause,getppid,write";
        Path theirPid = dir.resolve("strace.pid");
        Path theirErr = dir.resolve("strace-stderr.txt");
        Process strace = new ProcessBuilder("strace", "-f", "-q", "-e", selection, program.toString(),
                theirPid.toString()).redirectInput(new File("/dev/null")).redirectOutput(new File("/dev/null"))
                .redirectError(theirErr.toFile()).start();
        stopContinueAndEnd(awaitPid(theirPid), "STOP");
        assertThat(BoundedWait.endedWithin(strace, 30)).isTrue();
        List<String> theirs = StraceStderr.masked(StraceStderr.joined(Files.readAllLines(theirErr)));

        Path ourPid = dir.resolve("ours.pid");
        CompletableFuture<List<String>> cli = CompletableFuture.supplyAsync(
                () -> StraceStderr.cli("-e", selection, "--", program.toString(), ourPid.toString()));
        stopContinueAndEnd(awaitPid(ourPid), "STOP");
        List<String> ours = StraceStderr.masked(cli.get(30, TimeUnit.SECONDS));

        assertThat(ours).containsExactlyElementsOf(theirs).containsSubsequence(
                "--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER, si_pid=P2, si_uid=0} ---",
                "--- stopped by SIGSTOP ---",
                "--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER, si_pid=P3, si_uid=0} ---", "+++ exited with 0 +++");
    }

    @Test
    void eachThreadsStopIsAnEventOfTheTimeline(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "pauses2", PAUSES_WITH_A_THREAD);
        Path pidFile = dir.resolve("pid");
        RunningTrace running = Tracer.command(program.toString(), pidFile.toString()).start();
        TraceResult result;
        int pid;
        List<Integer> threads;
        try {
            pid = awaitPid(pidFile);
            threads = awaitThreads(pid, 2);
            stopContinueAndEnd(pid, "TSTP");
            result = running.await();
        } catch (Exception | AssertionError e) {
            running.kill(); // a failure must not leave the program to the next tests
            throw e;
        }
        SyscallTrace trace = result.trace();

        assertThat(trace.groupStops()).extracting(GroupStop::tid).containsExactlyInAnyOrderElementsOf(threads);
        assertThat(trace.groupStops()).allSatisfy(s -> {
            assertThat(s.pid()).isEqualTo(pid);
            assertThat(s.signal()).isEqualTo("SIGTSTP");
            assertThat(s.toString()).isEqualTo("--- stopped by SIGTSTP ---");
        });
        assertThat(trace.timeline()).containsAll(trace.groupStops());
        SyscallAssertions.assertThat(trace).groupStops().hasSize(2).extracting(GroupStop::signal)
                .containsOnly("SIGTSTP");
        assertThat(trace.signals()).extracting(s -> s.signal()).contains("SIGTSTP", "SIGCONT", "SIGUSR1");
        // each thread stops after the delivery of the SIGTSTP and before the SIGCONT's
        List<String> order = trace.timeline().stream().filter(e -> !(e instanceof SyscallEvent))
                .map(Object::toString).map(l -> l.replaceAll(" \\{.*", "")).collect(Collectors.toList());
        assertThat(order).containsSubsequence("--- SIGTSTP", "--- stopped by SIGTSTP ---",
                "--- stopped by SIGTSTP ---", "--- SIGCONT");
        assertThat(TextFormat.plain().format(trace)).contains(
                String.format("[pid %5d] --- stopped by SIGTSTP ---\n", threads.get(0)),
                String.format("[pid %5d] --- stopped by SIGTSTP ---\n", threads.get(1)));

        assertThat(ChromeTimeline.of(trace).toJson()).contains("\"name\": \"stopped by SIGTSTP\"");

        StringWriter json = new StringWriter();
        JsonLinesFormat.write(trace, json);
        assertThat(json.toString()).contains("\"stopped\":\"SIGTSTP\",\"signo\":");
        SyscallTrace back = JsonLinesFormat.read(new StringReader(json.toString()));
        assertThat(back.groupStops()).hasSize(2).allSatisfy(s -> assertThat(s.signal()).isEqualTo("SIGTSTP"));
        assertThat(back.groupStops().stream().map(GroupStop::timeNanos).collect(Collectors.toList()))
                .isEqualTo(trace.groupStops().stream().map(GroupStop::timeNanos).collect(Collectors.toList()));
    }

    private static int awaitPid(Path file) throws Exception {
        for (int i = 0; i < 1000; i++) {
            if (Files.exists(file)) {
                String s = Files.readString(file).trim();
                if (!s.isEmpty()) {
                    return Integer.parseInt(s);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the program never wrote its pid to " + file);
    }

    private static List<Integer> awaitThreads(int pid, int count) throws Exception {
        for (int i = 0; i < 1000; i++) {
            List<Integer> tids = threads(pid);
            if (tids.size() == count) {
                return tids;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never had " + count + " threads");
    }

    private static List<Integer> threads(int pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.map(p -> Integer.parseInt(p.getFileName().toString())).sorted().collect(Collectors.toList());
        }
    }

    /**
     * Stops the process with {@code signal} once all its threads sleep in pause, waits until each is in its
     * group-stop, then continues it, waits until each sleeps again, and ends its pause with SIGUSR1.
     */
    private static void stopContinueAndEnd(int pid, String signal) throws Exception {
        awaitState(pid, 'S');
        kill(pid, signal);
        awaitGroupStop(pid, Signals.number("SIG" + signal));
        kill(pid, "CONT");
        awaitState(pid, 'S');
        kill(pid, "USR1");
    }

    /**
     * Until every thread is in its group-stop. A traced task is in "tracing stop" ('t') at each ptrace stop, and two
     * come before the group-stop: pause's syscall-exit stop (the stop signal still pending: a SIGCONT sent then
     * discards it, and strace's run once showed no stop at all) and the signal's delivery stop (the tracer resumes
     * it at once). So: 't' with the signal no longer pending, the same over five reads 20 ms apart.
     */
    private static void awaitGroupStop(int pid, int signal) throws Exception {
        long bit = 1L << (signal - 1);
        int stable = 0;
        for (int i = 0; i < 1000 && stable < 5; i++) {
            boolean all = true;
            for (int tid : threads(pid)) {
                String status = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/status"));
                all &= status.contains("\nState:\tt ") && (mask(status, "SigPnd") & bit) == 0
                        && (mask(status, "ShdPnd") & bit) == 0;
            }
            stable = all ? stable + 1 : 0;
            Thread.sleep(20);
        }
        if (stable < 5) {
            throw new AssertionError("process " + pid + " never came to its group-stop");
        }
    }

    /** A signal mask line of a /proc status text ("SigPnd:\t0000000000040000"). */
    private static long mask(String status, String field) {
        int at = status.indexOf("\n" + field + ":\t");
        return Long.parseUnsignedLong(status.substring(at + field.length() + 3, status.indexOf('\n', at + 1)), 16);
    }

    private static void awaitState(int pid, char state) throws Exception {
        for (int i = 0; i < 1000; i++) {
            boolean all = true;
            for (int tid : threads(pid)) {
                String status = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/status"));
                all &= status.contains("\nState:\t" + state + " ");
            }
            if (all) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never came to state " + state);
    }

    private static void kill(int pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Integer.toString(pid)).start();
        assertThat(BoundedWait.endedWithin(kill, 10)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
