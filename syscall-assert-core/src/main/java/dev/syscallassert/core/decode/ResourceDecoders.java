package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Resource limits and usage, and priorities: prlimit64, getrlimit, setrlimit, getrusage, getpriority, setpriority.
 * strace's resource.c and printrusage.c. A limit prints as strace prints it: {@code RLIM64_INFINITY}, a multiple of
 * 1024 as {@code 8192*1024}, anything else in decimal. Stateless; called on the tracer thread.
 */
final class ResourceDecoders {

    private static final Xlat RESOURCES = Constants.group("resources");
    private static final long RLIM64_INFINITY = Constants.value("rlimit_values", "RLIM64_INFINITY");
    /** strace's unit for limits that are exact multiples of it. */
    private static final long KIB = 1024;
    private static final int RLIMIT_SIZE = X86_64.RLIMIT64.size();
    private static final StructRenderers.Field RLIM_CUR = new StructRenderers.Field(X86_64.RLIMIT64, "rlim_cur");
    private static final StructRenderers.Field RLIM_MAX = new StructRenderers.Field(X86_64.RLIMIT64, "rlim_max");
    private static final int RUSAGE_SIZE = X86_64.RUSAGE.size();
    private static final int RU_UTIME = X86_64.RUSAGE.offset("ru_utime");
    private static final int RU_STIME = X86_64.RUSAGE.offset("ru_stime");
    private static final Xlat PRIORITIES = Constants.group("priorities");

    private ResourceDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "prlimit64" -> SyscallDecoder.of(c -> {
                c.int32Arg(0);
                c.add(resource(c.args[1]));
                c.add(rlimit(c.tracee, c.args[2]));
                c.pointer(3);
            }, (c, ret) -> c.replace(3, rlimit(c.tracee, c.args[3])));
            case "getrlimit" -> SyscallDecoder.of(c -> c.add(resource(c.args[0])).pointer(1),
                    (c, ret) -> c.replace(1, rlimit(c.tracee, c.args[1])));
            case "setrlimit" -> SyscallDecoder.of(c -> c.add(resource(c.args[0])).add(rlimit(c.tracee, c.args[1])));
            case "getrusage" -> SyscallDecoder.of(c -> c
                            .add(Xlats.xval32(Constants.group("usagewho"), c.args[0], "RUSAGE_")).pointer(1),
                    (c, ret) -> c.replace(1, rusage(c.tracee, c.args[1])));
            case "getpriority" -> SyscallDecoder.of(c -> c
                    .add(PRIORITIES.valueOrUnknown(c.args[0] & 0xffffffffL, "PRIO_")).int32Arg(1));
            case "setpriority" -> SyscallDecoder.of(c -> {
                c.add(PRIORITIES.valueOrUnknown(c.args[0] & 0xffffffffL, "PRIO_"));
                c.int32Arg(1).int32Arg(2);
            });
            default -> null;
        };
    }

    /** strace's printxval(resources, ...): the register's low 32 bits. */
    private static String resource(long value) {
        return RESOURCES.valueOrUnknown(value & 0xffffffffL, "RLIMIT_");
    }

    /** struct rlimit64: {@code {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}}. */
    static String rlimit(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, RLIMIT_SIZE, ResourceDecoders::rlimitOf);
    }

    private static String rlimitOf(byte[] b) {
        return "{rlim_cur=" + limit(RLIM_CUR.of(b)) + ", rlim_max=" + limit(RLIM_MAX.of(b)) + "}";
    }

    private static String limit(long value) {
        if (value == RLIM64_INFINITY) {
            return "RLIM64_INFINITY";
        }
        if (Long.compareUnsigned(value, KIB) > 0 && Long.remainderUnsigned(value, KIB) == 0) {
            return Long.toUnsignedString(Long.divideUnsigned(value, KIB)) + "*1024";
        }
        return Long.toUnsignedString(value);
    }

    /** struct rusage in strace's non-verbose form: the user and system times, then "...". */
    static String rusage(TraceeAccess tracee, long address) {
        // strace reads the whole struct, so a buffer cut short before its end is shown as an address too.
        return Pointee.render(tracee, address, RUSAGE_SIZE, ResourceDecoders::rusageOf);
    }

    private static String rusageOf(byte[] b) {
        return "{ru_utime=" + TimeStructs.timeval(b, RU_UTIME) + ", ru_stime=" + TimeStructs.timeval(b, RU_STIME) + ", ...}";
    }
}
