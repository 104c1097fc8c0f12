/*
 * Signal delivery (kernel uapi side: asm/siginfo.h, linux/ptrace.h, linux/resource.h, asm/param.h): the si_code names
 * per signal, the siginfo_t that PTRACE_GETSIGINFO fills, and the rusage a wait4 returns at each stop.
 *
 * The si_code groups list strace 6.1's xlat tables (siginfo_codes, sigchld_codes, sigsegv_codes, ...) in its order.
 * strace names a code from the headers it was built with: an entry its table gives a value for is always known, an
 * entry without one only when glibc defines it. Of the latter only ILL_BADIADDR is defined on x86_64 (glibc 2.36), so
 * the kernel-only __ILL_BREAK and __ILL_BNDMOD are not listed: strace prints those codes as numbers.
 */
#include <asm/siginfo.h>
#include <asm/param.h>
#include <linux/ptrace.h>
#include <linux/resource.h>
#include "table.h"

static void constants(void) {
    C("ptrace_request", PTRACE_GETSIGINFO);

    /* Codes any signal can carry (a process sent it, or the kernel did); tried before the signal's own table. */
    C("siginfo_code", SI_USER); C("siginfo_code", SI_KERNEL); C("siginfo_code", SI_QUEUE);
    C("siginfo_code", SI_TIMER); C("siginfo_code", SI_MESGQ); C("siginfo_code", SI_ASYNCIO);
    C("siginfo_code", SI_SIGIO); C("siginfo_code", SI_TKILL); C("siginfo_code", SI_DETHREAD);
    C("siginfo_code", SI_ASYNCNL);

    C("sigchld_code", CLD_EXITED); C("sigchld_code", CLD_KILLED); C("sigchld_code", CLD_DUMPED);
    C("sigchld_code", CLD_TRAPPED); C("sigchld_code", CLD_STOPPED); C("sigchld_code", CLD_CONTINUED);

    C("sigsegv_code", SEGV_MAPERR); C("sigsegv_code", SEGV_ACCERR); C("sigsegv_code", SEGV_BNDERR);
    C("sigsegv_code", SEGV_PKUERR); C("sigsegv_code", SEGV_ACCADI); C("sigsegv_code", SEGV_ADIDERR);
    C("sigsegv_code", SEGV_ADIPERR); C("sigsegv_code", SEGV_MTEAERR); C("sigsegv_code", SEGV_MTESERR);

    C("sigbus_code", BUS_ADRALN); C("sigbus_code", BUS_ADRERR); C("sigbus_code", BUS_OBJERR);
    C("sigbus_code", BUS_MCEERR_AR); C("sigbus_code", BUS_MCEERR_AO);

    C("sigill_code", ILL_ILLOPC); C("sigill_code", ILL_ILLOPN); C("sigill_code", ILL_ILLADR);
    C("sigill_code", ILL_ILLTRP); C("sigill_code", ILL_PRVOPC); C("sigill_code", ILL_PRVREG);
    C("sigill_code", ILL_COPROC); C("sigill_code", ILL_BADSTK); C("sigill_code", ILL_BADIADDR);

    C("sigfpe_code", FPE_INTDIV); C("sigfpe_code", FPE_INTOVF); C("sigfpe_code", FPE_FLTDIV);
    C("sigfpe_code", FPE_FLTOVF); C("sigfpe_code", FPE_FLTUND); C("sigfpe_code", FPE_FLTRES);
    C("sigfpe_code", FPE_FLTINV); C("sigfpe_code", FPE_FLTSUB); C("sigfpe_code", FPE_FLTUNK);
    C("sigfpe_code", FPE_CONDTRAP);

    C("sigtrap_code", TRAP_BRKPT); C("sigtrap_code", TRAP_TRACE); C("sigtrap_code", TRAP_BRANCH);
    C("sigtrap_code", TRAP_HWBKPT); C("sigtrap_code", TRAP_UNK); C("sigtrap_code", TRAP_PERF);

    C("sigpoll_code", POLL_IN); C("sigpoll_code", POLL_OUT); C("sigpoll_code", POLL_MSG);
    C("sigpoll_code", POLL_ERR); C("sigpoll_code", POLL_PRI); C("sigpoll_code", POLL_HUP);

    C("sigsys_code", SYS_SECCOMP); C("sigsys_code", SYS_USER_DISPATCH);

    /* The unit of siginfo's si_utime and si_stime (clock_t): the kernel's user-visible tick, USER_HZ. */
    C("clock_ticks", HZ);
}

static void layouts(void) {
    /* The kernel's siginfo_t (its union members' names; glibc calls si_tid si_timerid). */
    SIZE(siginfo_t, "siginfo_t");
    L(siginfo_t, "siginfo_t", si_signo); L(siginfo_t, "siginfo_t", si_errno); L(siginfo_t, "siginfo_t", si_code);
    L(siginfo_t, "siginfo_t", si_pid); L(siginfo_t, "siginfo_t", si_uid);
    L(siginfo_t, "siginfo_t", si_tid); L(siginfo_t, "siginfo_t", si_overrun);
    L(siginfo_t, "siginfo_t", si_int); L(siginfo_t, "siginfo_t", si_ptr);
    L(siginfo_t, "siginfo_t", si_status); L(siginfo_t, "siginfo_t", si_utime); L(siginfo_t, "siginfo_t", si_stime);
    L(siginfo_t, "siginfo_t", si_addr); L(siginfo_t, "siginfo_t", si_addr_lsb);
    L(siginfo_t, "siginfo_t", si_lower); L(siginfo_t, "siginfo_t", si_upper); L(siginfo_t, "siginfo_t", si_pkey);
    L(siginfo_t, "siginfo_t", si_band); L(siginfo_t, "siginfo_t", si_fd);
    L(siginfo_t, "siginfo_t", si_call_addr); L(siginfo_t, "siginfo_t", si_syscall); L(siginfo_t, "siginfo_t", si_arch);

    /* wait4's struct rusage: the system time the kernel charged the stopped task's process so far. */
    SIZE(struct rusage, "rusage");
    L(struct rusage, "rusage", ru_stime.tv_sec); L(struct rusage, "rusage", ru_stime.tv_usec);
}

GROUP_MAIN(constants, layouts)
