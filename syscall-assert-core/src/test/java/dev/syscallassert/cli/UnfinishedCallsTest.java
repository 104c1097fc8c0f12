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
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Calls that never return, as strace 6.1 prints them when their task ends in them (killed, or ended by another
 * thread's exit_group): what the decoder printed at the entry, then {@code <unfinished ...>} when the rest comes only
 * at the exit ({@code read(3,  <unfinished ...>) = ?}), or the whole call when it was all printed at the entry
 * ({@code pause() = ?}, {@code exit_group(0) = ?}). Compared with strace task by task, on a child killed in each
 * blocking call that UnfinishedCalls knows: the order of lines of
 * different tasks around an end differs between two runs of strace already.
 */
class UnfinishedCallsTest {
    private static final String SELECTION =
            "trace=read,readv,recvfrom,accept,waitid,ppoll,pselect6,epoll_wait,rt_sigtimedwait,nanosleep,"
                    + "clock_nanosleep,pause,wait4,poll,select,getrandom,exit_group,exit";
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
            #include <sys/epoll.h>
            #include <sys/socket.h>
            #include <sys/uio.h>
            #include <sys/un.h>
            #include <sys/syscall.h>
            #include <sys/wait.h>
            #include <time.h>
            #include <unistd.h>

            /* Children and a thread that never return from a blocking call: each child is killed (SIGKILL) once it sleeps in
             * it, the thread ends with the process's exit_group. The parent watches them with preadv and sleeps with usleep
             * (neither is traced). */
            static int fds[2];

            static void await_sleeping(pid_t p) {
                char path[64], stat[512];
                snprintf(path, sizeof path, "/proc/%d/stat", p);
                int fd = open(path, O_RDONLY);
                for (;;) {
                    struct iovec v = {stat, sizeof stat - 1};
                    ssize_t n = syscall(SYS_preadv, fd, &v, 1, 0, 0);
                    stat[n > 0 ? n : 0] = 0;
                    char *e = strrchr(stat, ')');
                    if (e && e[1] == ' ' && (e[2] == 'S' || e[2] == 'Z')) break; /* Z: it ended, the comparison will say */
                }
                close(fd);
            }

            static void killed_in(int call) {
                pid_t c = fork();
                if (c == 0) {
                    char b[16];
                    if (call == 11) {
                        setpgid(0, 0);
                    }
                    if (call == 11) {
                        pid_t g = fork();
                        if (g == 0) {
                            pause();
                        }
                        await_sleeping(g);  /* so that it is in pause when the group is killed */
                    }
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
                    case 8: { struct iovec v = {b, sizeof b}; syscall(SYS_readv, fds[0], &v, 1); break; }
                    case 9: { int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
                               struct sockaddr_storage from; socklen_t len = sizeof from;
                               syscall(SYS_recvfrom, sv[0], b, sizeof b, 0, &from, &len); break; }
                    case 10: { int l = socket(AF_UNIX, SOCK_STREAM, 0); struct sockaddr_un a = {AF_UNIX};
                               bind(l, (struct sockaddr *) &a, sizeof(sa_family_t)); listen(l, 1); /* autobind */
                               struct sockaddr_storage from; socklen_t len = sizeof from;
                               syscall(SYS_accept, l, &from, &len); break; }
                    case 11: { siginfo_t i; syscall(SYS_waitid, P_ALL, 0, &i, WEXITED, NULL); break; } /* its child pauses */
                    case 12: { struct timespec ts = {99, 0}; syscall(SYS_ppoll, &p, 1, &ts, NULL, 8); break; }
                    case 13: { FD_ZERO(&in); FD_SET(fds[0], &in); struct timespec ts = {99, 0};
                               syscall(SYS_pselect6, fds[0] + 1, &in, NULL, NULL, &ts, NULL); break; }
                    case 14: { int e = epoll_create1(0); struct epoll_event ev = {EPOLLIN, {0}}, out;
                               epoll_ctl(e, EPOLL_CTL_ADD, fds[0], &ev); syscall(SYS_epoll_wait, e, &out, 1, -1); break; }
                    case 15: { sigset_t set; sigemptyset(&set); sigaddset(&set, SIGUSR2); sigprocmask(SIG_BLOCK, &set, NULL);
                               siginfo_t i; struct timespec ts = {99, 0}; syscall(SYS_rt_sigtimedwait, &set, &i, &ts, 8); break; }
                    }
                    _exit(0);
                }
                await_sleeping(c);
                kill(call == 11 ? -c : c, SIGKILL);  /* case 11: with its child, in its own process group */
                waitpid(c, NULL, 0);
            }

            static void *reader(void *a) {
                char b[16];
                read(fds[0], b, sizeof b);
                return 0;
            }

            int main(void) {
                pipe(fds);
                for (int call = 0; call < 16; call++) {
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
                "readv(3,  <unfinished ...>) = ?",
                "recvfrom(5,  <unfinished ...>) = ?",
                "accept(5,  <unfinished ...>) = ?",
                "waitid(P_ALL, 0,  <unfinished ...>) = ?",
                "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=99, tv_nsec=0}, NULL, 8 <unfinished ...>) = ?",
                "pselect6(4, [3], NULL, NULL, {tv_sec=99, tv_nsec=0}, NULL <unfinished ...>) = ?",
                "epoll_wait(5,  <unfinished ...>) = ?",
                "rt_sigtimedwait([USR2],  <unfinished ...>) = ?",
                "exit_group(0) = ?");
    }

    /**
     * The lines of each task: the main thread's under "main" (its lines have no prefix while it is alone, and its pid
     * as prefix while a child lives), the others' under T1, T2... in the order they were made; pids in the lines
     * named alike; addresses, getrandom's random bytes and the CPU times of a SIGCHLD masked.
     */
    private static Map<String, List<String>> perTask(List<String> lines) {
        Map<String, String> names = new HashMap<>();
        // in the order they were made (pids grow): which one's line comes first is a race between a child and its own
        SortedSet<Integer> pids = new TreeSet<>();
        for (String l : lines) {
            Matcher m = PREFIX.matcher(l);
            if (m.matches()) {
                pids.add(Integer.parseInt(m.group(1)));
            }
        }
        // The main thread made all the others, so its pid is the first. (Not "the one that waits": its wait4 line has
        // no prefix when every child's death was handled before it, as in a CI run.) Its sleep while they live has one.
        for (int pid : pids) {
            names.put(Integer.toString(pid), names.isEmpty() ? "main" : "T" + names.size());
        }
        Map<String, List<String>> tasks = new TreeMap<>();
        for (String l : lines) {
            Matcher m = PREFIX.matcher(l);
            String task = m.matches() ? names.get(m.group(1)) : "main";
            String bare = (m.matches() ? m.group(2) : l).replaceAll("\\) +(= .*)$", ") $1")
                    .replaceAll("0x[0-9a-f]+", "0xADDR");
            String line = StraceStderr.cpuTimesMasked(bare).replaceAll("\"(\\\\x[0-9a-f]{2})+\"", "BYTES");
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
