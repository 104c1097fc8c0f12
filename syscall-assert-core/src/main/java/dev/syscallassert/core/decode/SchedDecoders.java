package dev.syscallassert.core.decode;

import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.nio.file.Path;

/**
 * Scheduling calls: CPU affinity masks ({@code [0 1]}), policies by name ({@code 0 (SCHED_OTHER)}), priorities as
 * {@code [0]}. strace's affinity.c and sched.c. Stateless apart from the machine's CPU count, read once; called on the
 * tracer thread.
 */
final class SchedDecoders {

    private static final Xlat SCHEDULERS = Constants.group("schedulers");

    private SchedDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "sched_getaffinity" -> SyscallDecoder.of(c -> c.int32Arg(0)
                            .add(Integer.toUnsignedString(c.int32(1))).pointer(2),
                    (c, ret) -> c.replace(2, affinity(c.tracee, c.args[2], ret & 0xffffffffL)));
            case "sched_setaffinity" -> SyscallDecoder.of(c -> {
                c.int32Arg(0).add(Integer.toUnsignedString(c.int32(1)));
                c.add(affinity(c.tracee, c.args[2], c.int32(1) & 0xffffffffL));
            });
            case "sched_getscheduler" -> SyscallDecoder.of(c -> c.int32Arg(0), (c, ret) -> {
                String policy = SCHEDULERS.name(ret & 0xffffffffL);
                if (policy != null) {
                    c.annotateReturn("(" + policy + ")");
                }
            });
            case "sched_setscheduler" -> SyscallDecoder.of(c -> {
                c.int32Arg(0).add(SCHEDULERS.valueOrUnknown(c.args[1] & 0xffffffffL, "SCHED_"));
                c.add(TraceeNumbers.intAt(c.tracee, c.args[2]));
            });
            case "sched_getparam" -> SyscallDecoder.of(c -> c.int32Arg(0).pointer(1),
                    (c, ret) -> c.replace(1, TraceeNumbers.intAt(c.tracee, c.args[1])));
            case "sched_setparam" ->
                    SyscallDecoder.of(c -> c.int32Arg(0).add(TraceeNumbers.intAt(c.tracee, c.args[1])));
            case "sched_get_priority_min", "sched_get_priority_max" ->
                    SyscallDecoder.of(c -> c.add(SCHEDULERS.valueOrUnknown(c.args[0] & 0xffffffffL, "SCHED_")));
            case "sched_rr_get_interval" -> SyscallDecoder.of(c -> c.int32Arg(0).pointer(1),
                    (c, ret) -> c.replace(1, TimeStructs.timespec(c.tracee, c.args[1])));
            default -> null;
        };
    }

    /**
     * strace's print_affinitylist: the CPUs whose bits are set among the first {@code length} bytes, at most as many
     * bytes as strace's own probe found the kernel's mask to need, with "..." when the mask is longer than that.
     */
    static String affinity(TraceeAccess tracee, long address, long length) {
        if (address == 0) {
            return "NULL";
        }
        if (length == 0) {
            return "[]";
        }
        int read = (int) Math.min(length, CpusetSize.BYTES);
        int size = (read + StructRenderers.POINTER_SIZE - 1) / StructRenderers.POINTER_SIZE
                * StructRenderers.POINTER_SIZE;
        byte[] mask = tracee.read(address, read);
        if (mask == null) {
            return StraceText.hex(address);
        }
        StringBuilder sb = new StringBuilder("[");
        boolean printed = false;
        for (int bit = 0; bit < read * 8; bit++) {
            if ((mask[bit / 8] >> (bit % 8) & 1) != 0) {
                sb.append(printed ? " " : "").append(bit);
                printed = true;
            }
        }
        if (size < length) {
            sb.append(printed ? " " : "").append("...");
        }
        return sb.append(']').toString();
    }

    /**
     * The mask size strace settles on at its start: 128 bytes, doubled while the kernel refuses it as too small for
     * its CPU count (nr_cpu_ids, one more than the highest possible CPU). Loaded on the first affinity call.
     */
    private static final class CpusetSize {
        static final int BYTES = probe();

        private static int probe() {
            int cpus = possibleCpus();
            int bytes = 128;
            while ((long) bytes * 8 < cpus) {
                bytes <<= 1;
            }
            return bytes;
        }

        /** One more than the last CPU of /sys/devices/system/cpu/possible ("0-1", "0-3,8-11"); 0 when unknown. */
        private static int possibleCpus() {
            String text = ProcFs.read(Path.of("/sys/devices/system/cpu/possible"));
            if (text == null || text.isBlank()) {
                return 0;
            }
            String[] ranges = text.trim().split(",");
            String last = ranges[ranges.length - 1];
            try {
                return Integer.parseInt(last.substring(last.lastIndexOf('-') + 1)) + 1;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
