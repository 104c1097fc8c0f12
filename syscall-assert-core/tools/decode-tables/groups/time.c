/*
 * Clocks and timers: clock ids, clock_nanosleep's flags, interval timers, and the time structs the calls read and
 * write as the kernel's ABI has them (linux/time_types.h), in strace 6.1's xlat tables (named after them).
 */
#include <linux/time.h>
#include <linux/time_types.h>
#include "table.h"

static void constants(void) {
    C("clocknames", CLOCK_REALTIME); C("clocknames", CLOCK_MONOTONIC); C("clocknames", CLOCK_PROCESS_CPUTIME_ID);
    C("clocknames", CLOCK_THREAD_CPUTIME_ID); C("clocknames", CLOCK_MONOTONIC_RAW);
    C("clocknames", CLOCK_REALTIME_COARSE); C("clocknames", CLOCK_MONOTONIC_COARSE); C("clocknames", CLOCK_BOOTTIME);
    C("clocknames", CLOCK_REALTIME_ALARM); C("clocknames", CLOCK_BOOTTIME_ALARM); C("clocknames", CLOCK_SGI_CYCLE);
    C("clocknames", CLOCK_TAI);
    C("clockflags", TIMER_ABSTIME);
    C("itimer_which", ITIMER_REAL); C("itimer_which", ITIMER_VIRTUAL); C("itimer_which", ITIMER_PROF);
}

static void layouts(void) {
    /* timespec and timeval (the kernel's __kernel_timespec and __kernel_old_timeval) come from files.c. */
    SIZE(struct __kernel_old_itimerval, "kernel_old_itimerval");
    L(struct __kernel_old_itimerval, "kernel_old_itimerval", it_interval);
    L(struct __kernel_old_itimerval, "kernel_old_itimerval", it_value);
    SIZE(struct timezone, "timezone");
    L(struct timezone, "timezone", tz_minuteswest); L(struct timezone, "timezone", tz_dsttime);
}

GROUP_MAIN(constants, layouts)
