package dev.syscallassert.cli;

import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.fixtures.CPrograms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On stderr, strace -f puts {@code [pid N]} in front of a line exactly while more than one traced task is alive where
 * the line begins (strace.c's printleader: {@code nprocs > 1}; a task counts from its first stop to its end, whose
 * {@code +++} line still counts it). Compared line by line with strace 6.1 on real programs.
 */
class PidPrefixTest {
    private static final String SELECTION = "trace=getpid,getppid,gettid,clone,fork,wait4,exit,exit_group";

    /** A thread and two children, each step ordered without timing (see the program's comments). */
    static final String TASKS = """
            #define _GNU_SOURCE
            #include <sched.h>
            #include <signal.h>
            #include <fcntl.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/mman.h>
            #include <sys/syscall.h>
            #include <sys/wait.h>
            #include <unistd.h>

            /* Each step waits in user space (no syscall) or with calls left out of the traced selection, so that which tasks
             * are alive when each traced call begins does not depend on timing. */
            static volatile int *shared;

            static int thread_main(void *arg) {
                while (!shared[0]) { }
                syscall(SYS_gettid);
                shared[3] = 1;
                while (!shared[4]) { }
                syscall(SYS_getppid);
                syscall(SYS_exit, 0);
                return 0;
            }

            int main(void) {
                static char stack[65536];
                char path[64];
                shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
                syscall(SYS_getpid);
                long t = clone(thread_main, stack + sizeof stack, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND
                               | CLONE_THREAD | CLONE_SYSVSEM, NULL);
                shared[0] = 1;
                while (!shared[3]) { }
                syscall(SYS_getpid);                  /* while the thread lives */
                shared[4] = 1;
                snprintf(path, sizeof path, "/proc/self/task/%ld", t);
                while (access(path, F_OK) == 0) { }    /* gone once the tracer reaped it */
                syscall(SYS_getpid);
                long c = syscall(SYS_fork);
                if (c == 0) {
                    while (!shared[1]) { }
                    syscall(SYS_getppid);
                    syscall(SYS_exit_group, 3);
                }
                shared[1] = 1;
                siginfo_t info;
                do {
                    info.si_pid = 0;
                    waitid(P_PID, c, &info, WEXITED | WNOHANG | WNOWAIT);
                } while (info.si_pid == 0);           /* waitable once the tracer reaped it */
                syscall(SYS_wait4, c, NULL, 0, NULL);
                long p = syscall(SYS_getpid);
                /* a call that begins while two tasks live and ends after one of them: the child ends only once the parent
                 * sleeps in wait4 */
                long c2 = syscall(SYS_fork);
                if (c2 == 0) {
                    char stat[512];
                    shared[2] = 1;
                    snprintf(path, sizeof path, "/proc/%ld/stat", p);
                    int fd = open(path, O_RDONLY);
                    for (;;) {
                        ssize_t n = pread(fd, stat, sizeof stat - 1, 0);
                        stat[n > 0 ? n : 0] = 0;
                        char *end = strrchr(stat, ')');
                        if (end && end[1] == ' ' && end[2] == 'S') break;
                    }
                    syscall(SYS_exit_group, 4);
                }
                while (!shared[2]) { }
                syscall(SYS_wait4, c2, NULL, 0, NULL);
                syscall(SYS_getpid);
                return 0;
            }
            """;

    @BeforeEach
    void needsStrace() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
    }

    @Test
    void prefixesALineExactlyWhileMoreThanOneTaskLives(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "tasks", TASKS);
        List<String> ours = StraceStderr.masked(StraceStderr.cli("-e", SELECTION, "--", program.toString()));
        List<String> theirs = StraceStderr.masked(StraceStderr.joined(
                StraceStderr.strace(dir, "-e", SELECTION, program.toString())));
        assertThat(ours).containsExactlyElementsOf(theirs);
        // the main thread's calls while the thread or a child lives have the prefix (the old rule left it off every
        // line of the main thread), its calls once it is alone have none
        assertThat(ours).contains("[pid P1] getpid() = P1", "[pid P1] wait4(C3, NULL, 0, NULL) = C3")
                .contains("getpid() = P1", "exit_group(0) = ?", "+++ exited with 0 +++")
                .contains("[pid C1] +++ exited with 0 +++", "[pid C3] +++ exited with 4 +++");
    }

    /**
     * The count the tracer hands its listener with each event, on the same program: 1 while the main thread is
     * alone, 2 while its thread or a child lives, an end counted with its own task.
     */
    @Test
    void theListenerGetsTheLiveTaskCountOfEachEvent(@TempDir Path dir) throws Exception {
        Path program = CPrograms.compile(dir, "tasks", TASKS);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TraceResult result = Tracer.command(program.toString()).trace(SELECTION.substring("trace=".length()))
                .onTraceEventWithLiveTasks((e, tasks) -> seen.add(tasks + " " + (e.tid() == e.pid() ? "main" : "thread")
                        + " " + e.toString().replaceAll("\\d{3,}", "N").replaceAll("0x[0-9a-f]+", "0xADDR")))
                .run();
        assertThat(result.exitCode()).isZero();
        assertThat(seen).startsWith("1 main getpid() = N").endsWith("1 main exit_group(0) = ?",
                "1 main +++ exited with 0 +++");
        assertThat(seen).contains("2 thread gettid() = N", "2 main getpid() = N", "2 thread +++ exited with 0 +++",
                "2 main wait4(N, NULL, 0, NULL) = N");
        // each child's lines (a process of its own: its tid is its pid) while the main thread lives
        assertThat(seen.stream().filter(l -> l.contains("exited with 3") || l.contains("exited with 4")))
                .containsExactly("2 main +++ exited with 3 +++", "2 main +++ exited with 4 +++");
    }

    /**
     * A shell pipeline: the children's lines always have their pid, the shell's none before its first child and
     * none once its last child ended. In between, whether the shell's own lines have it depends on when each child
     * first stops (strace's output differs from run to run there too), so those are compared without the prefix, and
     * the children they name without telling them apart.
     */
    @Test
    void aShellPipelineIsPrefixedAsUnderStrace(@TempDir Path dir) throws Exception {
        String[] command = {"/bin/sh", "-c", "echo a | cat >/dev/null; true"};
        List<String> args = new ArrayList<>(List.of("-e", "trace=%process,close,dup2,pipe2", "--"));
        args.addAll(List.of(command));
        List<String> ours = windowed(StraceStderr.masked(StraceStderr.cli(args.toArray(String[]::new))));
        List<String> straceArgs = new ArrayList<>(List.of("-e", "trace=%process,close,dup2,pipe2"));
        straceArgs.addAll(List.of(command));
        List<String> theirs = windowed(StraceStderr.masked(StraceStderr.joined(
                StraceStderr.strace(dir, straceArgs.toArray(String[]::new)))));
        assertThat(ours.stream().sorted().collect(Collectors.toList()))
                .containsExactlyElementsOf(theirs.stream().sorted().collect(Collectors.toList()));
        assertThat(ours.get(0)).startsWith("execve(\"/bin/sh\"");
        assertThat(ours).contains("+++ exited with 0 +++").anyMatch(l -> l.startsWith("[pid C1] "))
                .anyMatch(l -> l.startsWith("[pid C2] execve(\"/usr/bin/cat\""));
    }

    /**
     * The shell's lines from its first child's creation to the last wait4 that reaped a child, without their
     * prefix and with the children they name as "C" (the CPU times of the SIGCHLDs are masked already), a call
     * a signal interrupted and the kernel restarted left out. The SIGCHLD lines are kept once each: a child that ends
     * while the other's SIGCHLD is still pending adds none (a standard signal is not queued twice), so how many
     * arrive is timing (one in a CI run, two in strace's).
     */
    private static List<String> windowed(List<String> lines) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (first < 0 && lines.get(i).matches("^(\\[pid P1\\] )?clone\\(.*")) {
                first = i;
            }
            // once the shell reaped its last child it is alone again; which of its two wait4s comes last, and whether
            // a child's end comes before it, is timing
            if (lines.get(i).matches("^(\\[pid P1\\] )?wait4\\(.* = C\\d+$")) {
                last = i;
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> signals = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" (To be restarted)")) {
                // a child's SIGCHLD arrived during one of the shell's calls, which the kernel then restarts (strace's
                // clone = ? ERESTARTNOINTR, failed once): whether it did is timing; the restarted call follows
                continue;
            }
            String l = lines.get(i);
            boolean shells = !l.startsWith("[pid C");
            boolean raced = shells && i >= first && i <= last;
            String compared = raced ? l.replaceFirst("^\\[pid P1\\] ", "").replaceAll("C\\d+", "C") : l;
            if (compared.startsWith("--- SIGCHLD ")) {
                compared = compared.replaceAll("si_pid=C\\d+", "si_pid=C");
                if (!signals.add(compared)) {
                    continue;
                }
            }
            out.add(compared);
        }
        return out;
    }
}
