/*
 * Resources and the system: resource limits and usage, scheduling policies, getrandom's flags, what wait statuses
 * encode, and the structs of getrusage, prlimit64, sysinfo and uname, from glibc's headers (which match the
 * kernel's ABI for these on x86_64), in strace 6.1's xlat tables (named after them, rows in their order).
 */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <sched.h>
#include <limits.h>
#include "table.h"

static void constants(void) {
    C("resources", RLIMIT_CPU); C("resources", RLIMIT_FSIZE); C("resources", RLIMIT_DATA);
    C("resources", RLIMIT_STACK); C("resources", RLIMIT_CORE); C("resources", RLIMIT_RSS);
    C("resources", RLIMIT_NPROC); C("resources", RLIMIT_NOFILE); C("resources", RLIMIT_MEMLOCK);
    C("resources", RLIMIT_AS); C("resources", RLIMIT_LOCKS); C("resources", RLIMIT_SIGPENDING);
    C("resources", RLIMIT_MSGQUEUE); C("resources", RLIMIT_NICE); C("resources", RLIMIT_RTPRIO);
    C("resources", RLIMIT_RTTIME);
    C("usagewho", RUSAGE_SELF); C("usagewho", RUSAGE_CHILDREN); C("usagewho", RUSAGE_THREAD);
    /* RUSAGE_BOTH is the kernel's include/uapi/linux/resource.h only, not glibc's: listed here once. */
    printf("usagewho\tRUSAGE_BOTH\t-2\n");
    C("priorities", PRIO_PROCESS); C("priorities", PRIO_PGRP); C("priorities", PRIO_USER);
    C("schedulers", SCHED_OTHER); C("schedulers", SCHED_FIFO); C("schedulers", SCHED_RR);
    C("schedulers", SCHED_BATCH); C("schedulers", SCHED_IDLE); C("schedulers", SCHED_DEADLINE);
    C("getrandom_flags", GRND_NONBLOCK); C("getrandom_flags", GRND_RANDOM); C("getrandom_flags", GRND_INSECURE);
    C("rlimit_values", RLIM64_INFINITY);
    /* getgroups/setgroups lists longer than this cannot be real: strace shows their address. */
    C("ngroups_max", NGROUPS_MAX);
    /* The parts of a wait status sys/wait.h's macros do not name: the core-dump flag and "continued". */
    C("wait4_status", WCOREFLAG); C("wait4_status", __W_CONTINUED); C("wait4_status", W_STOPCODE(0));
}

static void layouts(void) {
    /* rlimit64 is emitted by start_state.c (the tracer restores RLIMIT_NOFILE with it). */
    /* rusage's size comes from signals.c, which also lays out ru_stime's fields for wait4's system time. */
    L(struct rusage, "rusage", ru_utime); L(struct rusage, "rusage", ru_stime);
    SIZE(struct sysinfo, "sysinfo");
    L(struct sysinfo, "sysinfo", uptime); L(struct sysinfo, "sysinfo", loads); L(struct sysinfo, "sysinfo", totalram);
    L(struct sysinfo, "sysinfo", freeram); L(struct sysinfo, "sysinfo", sharedram);
    L(struct sysinfo, "sysinfo", bufferram); L(struct sysinfo, "sysinfo", totalswap);
    L(struct sysinfo, "sysinfo", freeswap); L(struct sysinfo, "sysinfo", procs);
    L(struct sysinfo, "sysinfo", totalhigh);
    L(struct sysinfo, "sysinfo", freehigh); L(struct sysinfo, "sysinfo", mem_unit);
    SIZE(struct utsname, "utsname");
    L(struct utsname, "utsname", sysname); L(struct utsname, "utsname", nodename);
}

GROUP_MAIN(constants, layouts)
