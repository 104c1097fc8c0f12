/*
 * Writes what this process started with to the file named by argv[1]: argv, the environment in order, the working
 * directory, umask, every resource limit, the signal masks and dispositions, credentials and no_new_privs, nice,
 * scheduling, CPU affinity, personality, process group and session, terminal, prctl states, timers and every open
 * file descriptor with its flags. Everything is gathered first (in memory: no descriptor of its own is open while
 * they are listed), then written. Lines starting "traced " differ between a traced and an untraced run by design.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

extern char **environ;

/* Bytes as \xNN where they are not printable ASCII, so that the report is plain text whatever the names hold. */
static void put_bytes(FILE *out, const char *s) {
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if (*p >= ' ' && *p < 0x7f && *p != '\\') fputc(*p, out);
        else fprintf(out, "\\x%02x", *p);
    }
}

int main(int argc, char **argv) {
    char *text;
    size_t size;
    FILE *out = open_memstream(&text, &size);
    for (int i = 0; i < argc; i++) { fprintf(out, "argv[%d]=", i); put_bytes(out, argv[i]); fputc('\n', out); }
    for (char **e = environ; *e; e++) { fputs("env ", out); put_bytes(out, *e); fputc('\n', out); }
    char cwd[4096];
    fprintf(out, "cwd %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
    mode_t mask = umask(0);
    umask(mask);
    fprintf(out, "umask %04o\n", mask);
    for (int r = 0; r < RLIM_NLIMITS; r++) {
        struct rlimit l;
        getrlimit(r, &l);
        fprintf(out, "rlimit %d %lld %lld\n", r, (long long) l.rlim_cur, (long long) l.rlim_max);
    }
    FILE *status = fopen("/proc/self/status", "r");
    char line[512];
    while (fgets(line, sizeof line, status)) {
        if (!strncmp(line, "TracerPid", 9)) fprintf(out, "traced %s", line);
        else if ((!strncmp(line, "Sig", 3) && strncmp(line, "SigQ", 4)) || !strncmp(line, "ShdPnd", 6)
                 || !strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs", 10) || !strncmp(line, "Seccomp", 7)
                 || !strncmp(line, "Cpus_allowed", 12) || !strncmp(line, "Mems_allowed", 12)
                 || !strncmp(line, "Uid", 3) || !strncmp(line, "Gid", 3) || !strncmp(line, "Groups", 6)
                 || !strncmp(line, "Umask", 5))
            fputs(line, out);
    }
    fclose(status);
    for (int s = 1; s < NSIG; s++) {
        struct sigaction sa;
        if (sigaction(s, NULL, &sa) == 0)  /* glibc refuses its internal 32 and 33: SigIgn above shows them */
            fprintf(out, "signal %d %s\n", s, sa.sa_handler == SIG_IGN ? "ignored" : sa.sa_handler == SIG_DFL ? "default" : "caught");
    }
    fprintf(out, "nice %d\n", getpriority(PRIO_PROCESS, 0));
    fprintf(out, "sched_policy %d\n", sched_getscheduler(0));
    fprintf(out, "ioprio %ld\n", syscall(SYS_ioprio_get, 1, 0));
    fprintf(out, "personality %#x\n", personality(0xffffffff));
    fprintf(out, "pgrp %d sid %d pgrp_is_self %d\n", getpgrp(), getsid(0), getpgrp() == getpid());
    fprintf(out, "tty %d %d %d foreground %d\n", isatty(0), isatty(1), isatty(2), tcgetpgrp(0) == getpgrp());
    int value = -1;
    prctl(PR_GET_PDEATHSIG, &value);
    fprintf(out, "dumpable %d pdeathsig %d", prctl(PR_GET_DUMPABLE), value);
    value = -1;
    prctl(PR_GET_CHILD_SUBREAPER, &value);
    fprintf(out, " subreaper %d timerslack %d keepcaps %d securebits %d\n", value, prctl(PR_GET_TIMERSLACK),
            prctl(PR_GET_KEEPCAPS), prctl(PR_GET_SECUREBITS));
    struct itimerval timer;
    getitimer(ITIMER_REAL, &timer);
    fprintf(out, "itimer_real %ld\n", (long) timer.it_value.tv_sec);
    FILE *oom = fopen("/proc/self/oom_score_adj", "r");
    if (oom && fgets(line, sizeof line, oom)) fprintf(out, "oom_score_adj %s", line);
    if (oom) fclose(oom);
    DIR *d = opendir("/proc/self/fd");
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(d)) continue;
        int fd = atoi(de->d_name);
        char path[64], target[4096];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, target, sizeof target - 1);
        target[n > 0 ? n : 0] = 0;
        fprintf(out, "fd %d cloexec %d flags %#o -> %s\n", fd, fcntl(fd, F_GETFD) & FD_CLOEXEC, fcntl(fd, F_GETFL),
                target);
    }
    closedir(d);
    fclose(out);
    FILE *report = fopen(argv[1], "w");
    fwrite(text, 1, size, report);
    return fclose(report) == 0 ? 0 : 1;
}
