/*
 * Signal dispositions, masks and alternate stacks as rt_sigaction, rt_sigprocmask, sigaltstack and rt_sigreturn see
 * them: the kernel's own headers only (asm/signal.h), because the rt_* calls take the kernel's struct sigaction and
 * 8-byte sigset, not glibc's. Groups are named after strace 6.1's xlat tables, rows in their order.
 */
#include <asm/signal.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <linux/signal.h>
#include "table.h"

/*
 * The kernel's struct sigaction as rt_sigaction(2) reads and writes it (include/linux/signal_types.h, with
 * __ARCH_HAS_SA_RESTORER as on x86_64). The uapi header only has the old sigaction(2) layout, so the kernel's is
 * spelt out here from the uapi types, as strace spells out its struct new_sigaction.
 */
struct kernel_sigaction {
    __sighandler_t sa_handler;
    unsigned long sa_flags;
    __sigrestore_t sa_restorer;
    sigset_t sa_mask;
};

/* What rt_sigreturn finds at the stack pointer: the return address, then the ucontext the kernel saved. */
struct rt_sigframe {
    unsigned long pretcode;
    struct ucontext uc;
};

static void constants(void) {
    C("sa_handler_values", SIG_ERR); C("sa_handler_values", SIG_DFL); C("sa_handler_values", SIG_IGN);

    /* strace's sigact_flags without SA_INTERRUPT, glibc's obsolete bit the kernel ignores (not in kernel headers). */
    C("sigact_flags", SA_RESTORER); C("sigact_flags", SA_ONSTACK); C("sigact_flags", SA_RESTART);
    C("sigact_flags", SA_NODEFER); C("sigact_flags", SA_RESETHAND); C("sigact_flags", SA_SIGINFO);
    C("sigact_flags", SA_NOCLDSTOP); C("sigact_flags", SA_NOCLDWAIT);

    C("sigprocmaskcmds", SIG_BLOCK); C("sigprocmaskcmds", SIG_UNBLOCK); C("sigprocmaskcmds", SIG_SETMASK);

    C("sigaltstack_flags", SS_ONSTACK); C("sigaltstack_flags", SS_DISABLE); C("sigaltstack_flags", SS_AUTODISARM);
}

static void layouts(void) {
    /*
     * The struct's size, sa_handler, sa_mask and the sigset size (NSIG / 8, the only one the rt_* calls accept) are
     * emitted by start_state.c, from uapi's struct sigaction, which on x86_64 is this same layout; here the two
     * fields only the decoders read.
     */
    L(struct kernel_sigaction, "kernel_sigaction", sa_flags);
    L(struct kernel_sigaction, "kernel_sigaction", sa_restorer);

    L(struct rt_sigframe, "rt_sigframe", pretcode); L(struct rt_sigframe, "rt_sigframe", uc.uc_sigmask);

    SIZE(stack_t, "stack_t");
    L(stack_t, "stack_t", ss_sp); L(stack_t, "stack_t", ss_flags); L(stack_t, "stack_t", ss_size);
}

GROUP_MAIN(constants, layouts)
