package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The time structs, as strace prints them (print_timespec.h, print_timeval.c, utime.c): {@code {tv_sec=1,
 * tv_nsec=500}} (the kernel's __kernel_timespec), {@code {tv_sec=0, tv_usec=8231}} (its old timeval: getrusage,
 * gettimeofday, itimers), interval timers, the timestamp pairs of utimensat and utimes with strace's local-time
 * comment ({@code /* 2023-05-25T14:11:37+0000 *}{@code /}) and UTIME_NOW/UTIME_OMIT by name, itimerspec. Each shows
 * the address (or NULL) when it cannot be read. Layouts from {@link X86_64}; stateless; called on the tracer thread.
 */
final class TimeStructs {

    private static final int TIMESPEC_SIZE = X86_64.TIMESPEC.size();
    private static final StructRenderers.Field TS_SEC = new StructRenderers.Field(X86_64.TIMESPEC, "tv_sec");
    private static final StructRenderers.Field TS_NSEC = new StructRenderers.Field(X86_64.TIMESPEC, "tv_nsec");
    static final int TIMEVAL_SIZE = X86_64.TIMEVAL.size();
    private static final StructRenderers.Field TV_SEC = new StructRenderers.Field(X86_64.TIMEVAL, "tv_sec");
    private static final StructRenderers.Field TV_USEC = new StructRenderers.Field(X86_64.TIMEVAL, "tv_usec");
    private static final int ITIMERSPEC_SIZE = X86_64.ITIMERSPEC.size();
    private static final int IT_INTERVAL = X86_64.ITIMERSPEC.offset("it_interval");
    private static final int IT_VALUE = X86_64.ITIMERSPEC.offset("it_value");
    private static final int ITIMERVAL_SIZE = X86_64.KERNEL_OLD_ITIMERVAL.size();
    private static final int ITV_INTERVAL = X86_64.KERNEL_OLD_ITIMERVAL.offset("it_interval");
    private static final int ITV_VALUE = X86_64.KERNEL_OLD_ITIMERVAL.offset("it_value");
    private static final int UTIMBUF_SIZE = X86_64.UTIMBUF.size();
    private static final StructRenderers.Field UT_ACTIME = new StructRenderers.Field(X86_64.UTIMBUF, "actime");
    private static final StructRenderers.Field UT_MODTIME = new StructRenderers.Field(X86_64.UTIMBUF, "modtime");

    private static final long UTIME_NOW = Constants.value("utime_special", "UTIME_NOW");
    private static final long UTIME_OMIT = Constants.value("utime_special", "UTIME_OMIT");
    private static final long NSEC_MAX = 999_999_999L;
    private static final long USEC_MAX = 999_999L;

    private TimeStructs() {
    }

    /** struct timespec at {@code address}: {@code {tv_sec=1, tv_nsec=0}}. */
    static String timespec(TraceeAccess tracee, long address) {
        byte[] b = read(tracee, address, TIMESPEC_SIZE);
        return b == null ? StraceText.pointer(address) : timespec(b, 0);
    }

    /** struct timeval at {@code address}: {@code {tv_sec=1, tv_usec=0}}. */
    static String timeval(TraceeAccess tracee, long address) {
        byte[] b = read(tracee, address, TIMEVAL_SIZE);
        return b == null ? StraceText.pointer(address) : timeval(b, 0);
    }

    /** struct itimerval (getitimer, setitimer): {@code {it_interval={tv_sec=0, tv_usec=0}, it_value={...}}}. */
    static String itimerval(TraceeAccess tracee, long address) {
        byte[] b = read(tracee, address, ITIMERVAL_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "{it_interval=" + timeval(b, ITV_INTERVAL) + ", it_value=" + timeval(b, ITV_VALUE) + "}";
    }

    /** struct itimerspec: {@code {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=0}}}. */
    static String itimerspec(TraceeAccess tracee, long address) {
        byte[] b = read(tracee, address, ITIMERSPEC_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        return "{it_interval=" + timespec(b, IT_INTERVAL) + ", it_value=" + timespec(b, IT_VALUE) + "}";
    }

    /** utimensat's struct timespec[2]: each with its time as a comment, or UTIME_NOW/UTIME_OMIT by name. */
    static String utimePair(TraceeAccess tracee, long address) {
        return pair(tracee, address, TIMESPEC_SIZE, (sb, b, base) -> {
            long nsec = TS_NSEC.of(b, base);
            if (nsec == UTIME_NOW) {
                sb.append("UTIME_NOW");
            } else if (nsec == UTIME_OMIT) {
                sb.append("UTIME_OMIT");
            } else {
                sb.append(timespec(b, base));
                comment(sb, localTime(TS_SEC.of(b, base), nsec, NSEC_MAX, 9));
            }
        });
    }

    /** utimes' and futimesat's struct timeval[2], each with its time as a comment. */
    static String timevalPair(TraceeAccess tracee, long address) {
        return pair(tracee, address, TIMEVAL_SIZE, (sb, b, base) -> {
            sb.append(timeval(b, base));
            comment(sb, localTime(TV_SEC.of(b, base), TV_USEC.of(b, base), USEC_MAX, 6));
        });
    }

    /** Renders one time of a pair, the struct starting at {@code base} in {@code b}. */
    @FunctionalInterface
    private interface Time {
        void render(StringBuilder sb, byte[] b, int base);
    }

    /** The two times (access, modification) of the timestamp calls: {@code [..., ...]}, or the address. */
    private static String pair(TraceeAccess tracee, long address, int size, Time time) {
        byte[] b = read(tracee, address, 2 * size);
        if (b == null) {
            return StraceText.pointer(address);
        }
        StringBuilder sb = new StringBuilder("[");
        time.render(sb, b, 0);
        sb.append(", ");
        time.render(sb, b, size);
        return sb.append(']').toString();
    }

    /** utime's struct utimbuf: {@code {actime=1 /* ... *}{@code /, modtime=2 /* ... *}{@code /}}. */
    static String utimbuf(TraceeAccess tracee, long address) {
        byte[] b = read(tracee, address, UTIMBUF_SIZE);
        if (b == null) {
            return StraceText.pointer(address);
        }
        long actime = UT_ACTIME.of(b);
        long modtime = UT_MODTIME.of(b);
        StringBuilder sb = new StringBuilder("{actime=").append(actime);
        comment(sb, localTime(actime, 0, 0, 0));
        sb.append(", modtime=").append(modtime);
        comment(sb, localTime(modtime, 0, 0, 0));
        return sb.append('}').toString();
    }

    static String timespec(byte[] b, int base) {
        return "{tv_sec=" + TS_SEC.of(b, base) + ", tv_nsec=" + Long.toUnsignedString(TS_NSEC.of(b, base)) + "}";
    }

    static String timeval(byte[] b, int base) {
        return "{tv_sec=" + TV_SEC.of(b, base) + ", tv_usec=" + Long.toUnsignedString(TV_USEC.of(b, base)) + "}";
    }

    private static byte[] read(TraceeAccess tracee, long address, int size) {
        return address == 0 ? null : tracee.read(address, size);
    }

    private static void comment(StringBuilder sb, String text) {
        if (text != null) {
            sb.append(" /* ").append(text).append(" */");
        }
    }

    /**
     * strace's sprinttime_ex: the time in the local time zone as {@code %FT%T}, the fraction when not zero, then
     * {@code %z}; none for the epoch itself, for a fraction out of range, or a time localtime cannot represent.
     */
    static String localTime(long sec, long part, long maxPart, int width) {
        if ((sec == 0 && part == 0) || Long.compareUnsigned(part, maxPart) > 0) {
            return null;
        }
        ZonedDateTime t;
        try {
            t = Instant.ofEpochSecond(sec).atZone(ZoneId.systemDefault());
        } catch (DateTimeException e) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        // glibc's %Y does not pad the year; the other fields are two digits.
        sb.append(t.getYear()).append('-').append(two(t.getMonthValue())).append('-').append(two(t.getDayOfMonth()))
                .append('T').append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':')
                .append(two(t.getSecond()));
        if (part > 0) {
            String digits = Long.toString(part);
            sb.append('.').append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
        }
        int offset = t.getOffset().getTotalSeconds();
        int minutes = Math.abs(offset) / 60;
        sb.append(offset < 0 ? '-' : '+').append(two(minutes / 60)).append(two(minutes % 60));
        return sb.toString();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
