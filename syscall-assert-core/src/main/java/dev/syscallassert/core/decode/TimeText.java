package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;

/**
 * The time structs as strace 6.1 prints them: {@code {tv_sec=1, tv_nsec=500000000}} (struct __kernel_timespec),
 * {@code {tv_sec=0, tv_usec=8231}} (the kernel's old timeval, in getrusage, gettimeofday and itimers), and interval
 * timers; NULL for a null pointer and the address when it cannot be read. Layouts from the generated table.
 * Stateless; called on the tracer thread.
 */
final class TimeText {

    private static final int TIMESPEC_SIZE = X86_64.TIMESPEC.size();
    private static final StructRenderers.Field TV_SEC = new StructRenderers.Field(X86_64.TIMESPEC, "tv_sec");
    private static final StructRenderers.Field TV_NSEC = new StructRenderers.Field(X86_64.TIMESPEC, "tv_nsec");
    static final int TIMEVAL_SIZE = X86_64.TIMEVAL.size();
    private static final StructRenderers.Field TVAL_SEC =
            new StructRenderers.Field(X86_64.TIMEVAL, "tv_sec");
    private static final StructRenderers.Field TVAL_USEC =
            new StructRenderers.Field(X86_64.TIMEVAL, "tv_usec");
    private static final int ITIMERVAL_SIZE = X86_64.KERNEL_OLD_ITIMERVAL.size();
    private static final int IT_INTERVAL = X86_64.KERNEL_OLD_ITIMERVAL.offset("it_interval");
    private static final int IT_VALUE = X86_64.KERNEL_OLD_ITIMERVAL.offset("it_value");

    private TimeText() {
    }

    /** A struct __kernel_timespec at {@code address}. */
    static String timespec(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, TIMESPEC_SIZE, b -> timespec(b, 0));
    }

    /** The timespec that starts at {@code offset}: tv_sec signed, tv_nsec unsigned, as strace prints them. */
    static String timespec(byte[] b, int offset) {
        return "{tv_sec=" + TV_SEC.of(b, offset) + ", tv_nsec=" + Long.toUnsignedString(TV_NSEC.of(b, offset)) + "}";
    }

    /** A struct __kernel_old_timeval at {@code address}. */
    static String timeval(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, TIMEVAL_SIZE, b -> timeval(b, 0));
    }

    static String timeval(byte[] b, int offset) {
        return "{tv_sec=" + TVAL_SEC.of(b, offset) + ", tv_usec=" + Long.toUnsignedString(TVAL_USEC.of(b, offset))
                + "}";
    }

    /** struct itimerval: {@code {it_interval={...}, it_value={...}}}. */
    static String itimerval(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, ITIMERVAL_SIZE,
                b -> "{it_interval=" + timeval(b, IT_INTERVAL) + ", it_value=" + timeval(b, IT_VALUE) + "}");
    }
}
