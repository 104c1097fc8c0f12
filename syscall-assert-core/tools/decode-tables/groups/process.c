/*
 * Process creation and reaping: wait4/waitid options and id types, the ptrace events a wait status can carry, and
 * clone's exit-signal field and clone3's struct clone_args, from the kernel's uapi headers, in strace 6.1's xlat
 * tables (named after them, rows in their order).
 */
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/ptrace.h>
#include "table.h"

static void constants(void) {
    C("wait4_options", WNOHANG);
#ifndef WSTOPPED
    C("wait4_options", WUNTRACED);
#endif
    C("wait4_options", WEXITED); C("wait4_options", WSTOPPED); C("wait4_options", WCONTINUED);
    C("wait4_options", WNOWAIT); C("wait4_options", __WCLONE); C("wait4_options", __WALL);
    C("wait4_options", __WNOTHREAD);
    C("waitid_types", P_ALL); C("waitid_types", P_PID); C("waitid_types", P_PGID); C("waitid_types", P_PIDFD);
    C("ptrace_events", PTRACE_EVENT_FORK); C("ptrace_events", PTRACE_EVENT_VFORK);
    C("ptrace_events", PTRACE_EVENT_CLONE); C("ptrace_events", PTRACE_EVENT_EXEC);
    C("ptrace_events", PTRACE_EVENT_VFORK_DONE); C("ptrace_events", PTRACE_EVENT_EXIT);
    C("ptrace_events", PTRACE_EVENT_SECCOMP); C("ptrace_events", PTRACE_EVENT_STOP);
    /* The bits of clone's flags that hold the exit signal. */
    C("clone_signal_mask", CSIGNAL);
}

static void layouts(void) {
    L(struct clone_args, "clone_args", pidfd); L(struct clone_args, "clone_args", child_tid);
    L(struct clone_args, "clone_args", parent_tid); L(struct clone_args, "clone_args", exit_signal);
    L(struct clone_args, "clone_args", stack); L(struct clone_args, "clone_args", stack_size);
    L(struct clone_args, "clone_args", tls); L(struct clone_args, "clone_args", set_tid);
    L(struct clone_args, "clone_args", set_tid_size); L(struct clone_args, "clone_args", cgroup);
}

GROUP_MAIN(constants, layouts)
