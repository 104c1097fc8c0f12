/*
 * What the tracer sets in the program it starts so that it starts as it would untraced (core.spawn.StartState, the
 * injected calls of core.ptrace.ExecTrampoline): the kernel's own struct sigaction and sigset_t (uapi asm/signal.h,
 * not glibc's, which differ), the handler values and the sigprocmask operation, and the file-limit resource with the
 * kernel's struct rlimit64 that prlimit64 takes.
 */
#include <asm/signal.h>
#include <linux/resource.h>
#include "table.h"

static void constants(void) {
    C("spawn_signal_handler", SIG_DFL);
    C("spawn_signal_handler", SIG_IGN);
    C("spawn_sigprocmask_how", SIG_SETMASK);
    C("spawn_rlimit", RLIMIT_NOFILE);
}

static void layouts(void) {
    L(struct sigaction, "kernel_sigaction", sa_handler);
    L(struct sigaction, "kernel_sigaction", sa_mask);
    SIZE(struct sigaction, "kernel_sigaction");
    SIZE(sigset_t, "kernel_sigset");
    L(struct rlimit64, "rlimit64", rlim_cur);
    L(struct rlimit64, "rlimit64", rlim_max);
    SIZE(struct rlimit64, "rlimit64");
}

GROUP_MAIN(constants, layouts)
