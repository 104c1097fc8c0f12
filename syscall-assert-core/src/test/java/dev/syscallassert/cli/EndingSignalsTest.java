package dev.syscallassert.cli;

import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.CliProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGINT, SIGTERM (and SIGHUP) to the CLI in a JVM of its own: a started tree is killed, an attached process let go,
 * and the output is finished first (every line whole, the -c table printed), the exit status 128 + the signal.
 */
class EndingSignalsTest {

    /** A test that failed while its CLI still ran must not leave it (and its traced tree) to the next tests. */
    @org.junit.jupiter.api.AfterEach
    void noCliLeftRunning() throws InterruptedException {
        CliProcess.killStillRunning();
    }
    /** A tree of three processes that writes their pids, one a line, to the file {@code $0}, then waits. */
    private static final String TREE = "echo $$ > \"$0.tmp\"; sleep 100 & echo $! >> \"$0.tmp\"; "
            + "sleep 100 & echo $! >> \"$0.tmp\"; mv \"$0.tmp\" \"$0\"; wait";

    @Test
    void sigintWithMinusCKillsTheTreeAndPrintsTheTable(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("table.txt");
        Path pids = dir.resolve("pids");
        Path err = dir.resolve("err.txt");
        Process cli = CliProcess.start(List.of(), List.of("-c", "-o", table.toString(), "--", "/bin/sh", "-c", TREE,
                pids.toString()), err);
        List<Integer> tree = awaitPids(pids, cli);
        endsOn(cli, "INT", 130, err);
        assertThat(Files.readString(err)).contains("syscall-assert: SIGINT: the traced processes were killed");
        String summary = Files.readString(table);
        assertThat(summary).startsWith("% time     seconds  usecs/call     calls    errors syscall\n")
                .containsPattern("\\s+execve\\n").containsPattern("100\\.00 .* total\\n$");
        assertGone(tree);
    }

    @Test
    void sigintStillWritesTheOutputsMadeFromTheWholeTrace(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("profile.json");
        Path pids = dir.resolve("pids");
        Path err = dir.resolve("err.txt");
        Process cli = CliProcess.start(List.of(), List.of("--seccomp-profile=" + profile, "-o",
                dir.resolve("trace.txt").toString(), "--", "/bin/sh", "-c", TREE, pids.toString()), err);
        List<Integer> tree = awaitPids(pids, cli);
        awaitInCall(tree.get(1), "clock_nanosleep"); // an unfinished call was still made: the profile must allow it
        endsOn(cli, "INT", 130, err);
        // the profile of what ran until the signal: the shell's and sleep's calls, clock_nanosleep among them
        assertThat(Files.readString(profile)).contains("\"execve\"").contains("\"clock_nanosleep\"");
        assertGone(tree);
    }

    @Test
    void sigtermWithMinusOKillsTheTreeAndEndsEveryLine(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.txt");
        Path pids = dir.resolve("pids");
        Path err = dir.resolve("err.txt");
        Process cli = CliProcess.start(List.of(), List.of("-o", trace.toString(), "--", "/bin/sh", "-c", TREE,
                pids.toString()), err);
        List<Integer> tree = awaitPids(pids, cli);
        // each of them in the call it waits in, so that each has a call in flight when the signal comes
        awaitInCall(tree.get(0), "rt_sigsuspend"); // dash's wait
        awaitInCall(tree.get(1), "clock_nanosleep");
        awaitInCall(tree.get(2), "clock_nanosleep");
        endsOn(cli, "TERM", 143, err);
        String text = Files.readString(trace, StandardCharsets.UTF_8);
        assertThat(text).endsWith("+++ killed by SIGKILL +++\n");
        // each of the three processes: its call in flight finished, then its end
        for (int pid : tree) {
            List<String> its = linesOf(text, pid, pid == tree.get(0));
            assertThat(its).as("the lines of " + pid).last().asString().endsWith("+++ killed by SIGKILL +++");
            assertThat(its.get(its.size() - 2)).as("the call " + pid + " was in").endsWith("= ?");
        }
        assertGone(tree);
    }

    @Test
    void sigintWithMinusPDetachesAndLeavesTheProcessRunning(@TempDir Path dir) throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "100").start();
        try {
            Path table = dir.resolve("table.txt");
            Path err = dir.resolve("err.txt");
            Process cli = CliProcess.start(List.of(), List.of("-c", "-o", table.toString(), "-p",
                    Long.toString(sleeper.pid())), err);
            awaitTracedBy(sleeper.pid(), cli);
            endsOn(cli, "INT", 130, err);
            assertThat(Files.readString(err)).contains("syscall-assert: SIGINT: detached from " + sleeper.pid()
                    + ", which goes on running");
            assertThat(Files.readString(table)).contains(" total\n");
            assertThat(sleeper.isAlive()).isTrue();
            String status = Files.readString(Path.of("/proc/" + sleeper.pid() + "/status"));
            assertThat(status).contains("TracerPid:\t0\n").containsPattern("State:\tS ");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    /**
     * The lines of one process in a file written with -o: after {@code [pid N]} (strace's form on stderr), after
     * {@code N} (strace -f -o's), or, the main process's, with no pid at all.
     */
    private static List<String> linesOf(String text, int pid, boolean main) {
        return text.lines().filter(l -> l.startsWith(String.format("[pid %5d] ", pid)) || l.startsWith(pid + " ")
                || main && !l.startsWith("[pid ") && !Character.isDigit(l.charAt(0))).collect(Collectors.toList());
    }

    /** The tree's pids, once it has written them all (the trace runs by then). */
    static List<Integer> awaitPids(Path pids, Process cli) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(pids)) {
            assertThat(cli.isAlive()).as("the CLI is still running").isTrue();
            assertThat(System.nanoTime() - deadline).as("the tree started").isNegative();
            Thread.sleep(20);
        }
        return Files.readAllLines(pids).stream().map(Integer::valueOf).collect(Collectors.toList());
    }

    /** Until the process is blocked in that syscall ({@code /proc/PID/syscall} starts with its number). */
    private static void awaitInCall(int pid, String syscall) throws Exception {
        String number = Integer.toString(SyscallTable.current().requireNumber(syscall));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(Path.of("/proc/" + pid + "/syscall")).startsWith(number + " ")) {
            assertThat(System.nanoTime() - deadline).as(pid + " waits in " + syscall).isNegative();
            Thread.sleep(20);
        }
    }

    /** Until the process's tracer is a thread of the CLI (its tracer thread). */
    private static void awaitTracedBy(long pid, Process cli) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(Path.of("/proc/" + cli.pid() + "/task/" + tracerPid(pid)))) {
            assertThat(cli.isAlive()).as("the CLI is still running").isTrue();
            assertThat(System.nanoTime() - deadline).as("the CLI attached").isNegative();
            Thread.sleep(20);
        }
    }

    private static String tracerPid(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/status")).lines().filter(l -> l.startsWith("TracerPid:"))
                .map(l -> l.substring("TracerPid:".length()).trim()).findFirst().orElseThrow();
    }

    /** Sends {@code signal} to the CLI; it must end within 30 s with {@code status} (its stderr tells why not). */
    private static void endsOn(Process cli, String signal, int status, Path err) throws Exception {
        signal(cli, signal);
        assertThat(BoundedWait.endedWithin(cli, 30)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(err)).isEqualTo(status);
    }

    static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** None of the processes runs any more (a zombie left to init, which reaps it when it will, is not running). */
    static void assertGone(List<Integer> pids) throws IOException {
        for (int pid : pids) {
            Path status = Path.of("/proc/" + pid + "/status");
            if (Files.exists(status)) {
                try {
                    assertThat(Files.readString(status)).as("process " + pid).containsPattern("State:\tZ ");
                } catch (java.nio.file.NoSuchFileException reaped) {
                    // gone meanwhile
                }
            }
        }
    }
}
