package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Clocks, sleeps and interval timers: clock_gettime, clock_getres, clock_settime, clock_nanosleep, nanosleep,
 * gettimeofday, settimeofday, getitimer, setitimer, alarm. strace's time.c. The clock id by name (strace prints any
 * other, a CPU clock's negative id included, as an unknown CLOCK_ value), times as structs. A sleep's remaining time
 * is shown as its address, as strace does unless the sleep was interrupted. Stateless; called on the tracer thread.
 */
final class TimeDecoders {

    private static final Xlat CLOCKS = Constants.group("clocknames");
    private static final Xlat ITIMERS = Constants.group("itimer_which");
    private static final int TIMEZONE_SIZE = X86_64.TIMEZONE.size();
    private static final int TZ_MINUTESWEST = X86_64.TIMEZONE.offset("tz_minuteswest");
    private static final int TZ_DSTTIME = X86_64.TIMEZONE.offset("tz_dsttime");

    private TimeDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "clock_gettime", "clock_getres" -> SyscallDecoder.of(c -> {
                c.add(clock(c.int32(0)));
                c.pointer(1);
            }, (c, ret) -> c.replace(1, TimeStructs.timespec(c.tracee, c.args[1])));
            case "clock_settime" ->
                    SyscallDecoder.of(c -> c.add(clock(c.int32(0))).add(TimeStructs.timespec(c.tracee, c.args[1])));
            case "clock_nanosleep" -> SyscallDecoder.of(c -> {
                c.add(clock(c.int32(0)));
                c.flags(1, "clockflags", null);
                c.add(TimeStructs.timespec(c.tracee, c.args[2]));
                c.pointer(3);
            });
            case "nanosleep" -> SyscallDecoder.of(c -> c.add(TimeStructs.timespec(c.tracee, c.args[0])).pointer(1));
            case "gettimeofday" -> SyscallDecoder.of(c -> c.pointer(0).pointer(1), (c, ret) -> {
                c.replace(0, TimeStructs.timeval(c.tracee, c.args[0]));
                c.replace(1, timezone(c.tracee, c.args[1]));
            });
            case "settimeofday" -> SyscallDecoder.of(c -> c.add(TimeStructs.timeval(c.tracee, c.args[0]))
                    .add(timezone(c.tracee, c.args[1])));
            case "getitimer" -> SyscallDecoder.of(c -> c
                            .add(ITIMERS.valueOrUnknown(c.args[0] & 0xffffffffL, "ITIMER_")).pointer(1),
                    (c, ret) -> c.replace(1, TimeStructs.itimerval(c.tracee, c.args[1])));
            case "setitimer" -> SyscallDecoder.of(c -> {
                c.add(ITIMERS.valueOrUnknown(c.args[0] & 0xffffffffL, "ITIMER_"));
                c.add(TimeStructs.itimerval(c.tracee, c.args[1]));
                c.pointer(2);
            }, (c, ret) -> c.replace(2, TimeStructs.itimerval(c.tracee, c.args[2])));
            // strace's printargs_u.
            case "alarm" -> SyscallDecoder.of(c -> c.unsigned(0));
            default -> null;
        };
    }

    /**
     * strace's printclockname as built (without the kernel-internal CPU-clock macros): the name, or the id as an
     * unknown unsigned value, a CPU clock's negative id included ({@code 0xfffffffa /* CLOCK_??? *}{@code /}).
     */
    static String clock(int id) {
        return CLOCKS.valueOrUnknown(id & 0xffffffffL, "CLOCK_");
    }

    private static String timezone(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, TIMEZONE_SIZE, TimeDecoders::timezoneOf);
    }

    private static String timezoneOf(byte[] b) {
        return "{tz_minuteswest=" + (int) LittleEndian.u32(b, TZ_MINUTESWEST)
                + ", tz_dsttime=" + (int) LittleEndian.u32(b, TZ_DSTTIME) + "}";
    }
}
