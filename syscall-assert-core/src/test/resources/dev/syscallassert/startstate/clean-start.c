/*
 * clean-start [-d] PROGRAM ARGS...: execs the program with SIGUSR1 and SIGWINCH blocked (so that there is a mask to
 * pass on; a shell clears its mask at start, so the test puts this right before each run) and, with -d, every signal
 * at its default first (with the raw syscall: glibc's sigaction refuses its internal 32 and 33, which a child of
 * ProcessBuilder starts with ignored), which the test does to the shell it starts.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct kernel_sigaction { void *handler; unsigned long flags; void *restorer; unsigned long mask; };

int main(int argc, char **argv) {
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-d") == 0) {
        struct kernel_sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        for (int s = 1; s <= 64; s++)
            syscall(SYS_rt_sigaction, s, &dfl, NULL, sizeof dfl.mask);  /* SIGKILL, SIGSTOP fail: they are default */
        first = 2;
    }
    unsigned long mask = (1UL << (SIGUSR1 - 1)) | (1UL << (SIGWINCH - 1));
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, sizeof mask);
    execvp(argv[first], argv + first);
    perror("execv");
    return 127;
}
