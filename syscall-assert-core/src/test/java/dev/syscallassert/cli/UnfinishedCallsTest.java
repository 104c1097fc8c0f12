package dev.syscallassert.cli;

import dev.syscallassert.fixtures.CPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Calls that never return, as strace 6.1 prints them when their task ends in them (killed, or ended by another
 * thread's exit_group): what the decoder printed at the entry, then {@code <unfinished ...>} when the rest comes only
 * at the exit ({@code read(3,  <unfinished ...>) = ?}), or the whole call when it was all printed at the entry
 * ({@code pause() = ?}, {@code exit_group(0) = ?}). Compared with strace task by task: the order of lines of
 * different tasks around an end differs between two runs of strace already.
 */
class UnfinishedCallsTest {
    private static final String SELECTION =
            "trace=read,nanosleep,clock_nanosleep,pause,wait4,poll,select,getrandom,exit_group,exit";
    private static final Pattern PREFIX = Pattern.compile("^\\[pid +(\\d+)\\] (.*)$");
    private static final Pattern PID = Pattern.compile("\\b\\d{3,}\\b");

    static final String NEVER_RETURN = """
            #define _GNU_SOURCE
            #include <fcntl.h>
            #include <poll.h>
            #include <pthread.h>
            #include <signal.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/select.h>
            #include <sys/socket.h>
            #include <sys/syscall.h>
            #include <sys/wait.h>
            #include <time.h>
            #include <unistd.h>

            /* Children and a thread that never return from a blocking call: each child is killed (SIGKILL) once it sleeps in
             * it, the thread ends with the process's exit_group. The parent watches them with pread and sleeps with usleep
             * (neither is traced). */
            static int fds[2];

            static void await_sleeping(pid_t p) {
                char path[64], stat[512];
                snprintf(path, sizeof path, "/proc/%d/stat", p);
                int fd = open(path, O_RDONLY);
                for (;;) {
                    ssize_t n = pread(fd, stat, sizeof stat - 1, 0);
                    stat[n > 0 ? n : 0] = 0;
                    char *e = strrchr(stat, ')');
                    if (e && e[1] == ' ' && e[2] == 'S') break;
                }
                close(fd);
            }

            static void killed_in(int call) {
                pid_t c = fork();
                if (c == 0) {
                    char b[16];
                    struct timespec t = {99, 0};
                    struct pollfd p = {fds[0], POLLIN, 0};
                    fd_set in;
                    int st;
                    switch (call) {
                    case 0: read(fds[0], b, sizeof b); break;
                    case 1: syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &t, NULL); break;
                    case 2: syscall(SYS_nanosleep, &t, &t); break;
                    case 3: pause(); break;
                    case 4: syscall(SYS_wait4, -1, &st, 0, NULL); break; /* its own child, below, never ends */
                    case 5: syscall(SYS_poll, &p, 1, -1); break;
                    case 6: FD_ZERO(&in); FD_SET(fds[0], &in); syscall(SYS_select, fds[0] + 1, &in, NULL, NULL, NULL); break;
                    case 7: syscall(SYS_getrandom, b, sizeof b, 0); pause(); break;
                    }
                    _exit(0);
                }
                await_sleeping(c);
                kill(c, SIGKILL);
                waitpid(c, NULL, 0);
            }

            static void *reader(void *a) {
                char b[16];
                read(fds[0], b, sizeof b);
                return 0;
            }

            int main(void) {
                pipe(fds);
                for (int call = 0; call < 8; call++) {
                    if (call == 4) {
                        continue;
                    }
                    killed_in(call);
                }
                pthread_t t;
                pthread_create(&t, NULL, reader, NULL);
                usleep(200000);
                syscall(SYS_exit_group, 0);
            }
            """;

    @Test
    void eachTasksLinesAreStraces(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = CPrograms.compile(dir, "never-return", NEVER_RETURN);
        Map<String, List<String>> ours = perTask(StraceStderr.cli("-e", SELECTION, "--", program.toString()));
        Map<String, List<String>> theirs = perTask(StraceStderr.joined(
                StraceStderr.strace(dir, "-e", SELECTION, program.toString())));
        // the main thread's SIGCHLD comes before or after its wait4's return as the child's death races with the
        // wait4's entry, under strace too: its lines are compared as a set
        ours.get("main").sort(null);
        theirs.get("main").sort(null);
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.values().stream().flatMap(List::stream)).contains(
                "read(3,  <unfinished ...>) = ?",
                "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=99, tv_nsec=0},  <unfinished ...>) = ?",
                "nanosleep({tv_sec=99, tv_nsec=0},  <unfinished ...>) = ?",
                "pause() = ?",
                "poll([{fd=3, events=POLLIN}], 1, -1 <unfinished ...>) = ?",
                "select(4, [3], NULL, NULL, NULL <unfinished ...>) = ?",
                "exit_group(0) = ?");
    }

    /**
     * The lines of each task: the main thread's under "main" (its lines have no prefix while it is alone, and its pid
     * as prefix while a child lives), the others' under T1, T2... in the order their first lines come (they come one
     * after another); pids in the lines named alike, addresses and getrandom's random bytes masked.
     */
    private static Map<String, List<String>> perTask(List<String> lines) {
        String main = null;
        Map<String, String> names = new HashMap<>();
        for (String l : lines) {
            Matcher m = PREFIX.matcher(l);
            if (m.matches() && m.group(2).startsWith("wait4(")) {
                main = m.group(1); // only the main thread waits
            }
        }
        for (String l : lines) {
            Matcher m = PREFIX.matcher(l);
            if (m.matches() && !m.group(1).equals(main)) {
                names.putIfAbsent(m.group(1), "T" + (names.size() + 1));
            }
        }
        if (main != null) {
            names.put(main, "main");
        }
        Map<String, List<String>> tasks = new TreeMap<>();
        for (String l : lines) {
            Matcher m = PREFIX.matcher(l);
            String task = m.matches() ? names.get(m.group(1)) : "main";
            String line = (m.matches() ? m.group(2) : l).replaceAll("\\) +(= .*)$", ") $1")
                    .replaceAll("0x[0-9a-f]+", "0xADDR").replaceAll("\"(\\\\x[0-9a-f]{2})+\"", "BYTES");
            Matcher pid = PID.matcher(line);
            StringBuilder sb = new StringBuilder();
            while (pid.find()) {
                pid.appendReplacement(sb, names.getOrDefault(pid.group(), pid.group()));
            }
            tasks.computeIfAbsent(task, k -> new ArrayList<>()).add(pid.appendTail(sb).toString());
        }
        return tasks;
    }
}
