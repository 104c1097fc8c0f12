package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Memory calls: mmap, munmap, mprotect, brk, mremap, madvise, msync, mincore, mlock and its relatives, shmat. strace's
 * mem.c. Those that return an address print it in hex, as strace does. Stateless; called on the tracer thread.
 */
final class MemoryDecoders {

    private static final long MAP_TYPE = Constants.group("map_type_mask").value("MAP_TYPE");
    private static final int MAP_HUGE_SHIFT = Constants.intValue("map_huge", "MAP_HUGE_SHIFT");
    private static final long MAP_HUGE_BITS = Constants.value("map_huge", "MAP_HUGE_MASK") << MAP_HUGE_SHIFT;
    private static final Xlat MREMAP_FLAGS = Constants.group("mremap_flags");
    /** mremap's fifth argument, the new address, is only read with both of these. */
    private static final long MREMAP_FIXED_MOVE =
            MREMAP_FLAGS.value("MREMAP_MAYMOVE") | MREMAP_FLAGS.value("MREMAP_FIXED");

    private MemoryDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "mmap" -> SyscallDecoder.of(c -> {
                c.pointer(0).unsigned(1);
                c.flags(2, "prot_flags", "PROT_NONE");
                c.add(mmapFlags(c.args[3]));
                c.int32Arg(4).hexArg(5);
            }).returning(ReturnFormat.HEX);
            // strace decodes mlock and munlock as munmap: an address and a length.
            case "munmap", "mlock", "munlock" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1));
            case "mprotect" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1).flags(2, "prot_flags", "PROT_NONE"));
            case "brk" -> SyscallDecoder.of(c -> c.pointer(0)).returning(ReturnFormat.HEX);
            case "mremap" -> SyscallDecoder.of(c -> {
                c.pointer(0).unsigned(1).unsigned(2);
                c.add(MREMAP_FLAGS.flags(c.args[3], null));
                if ((c.args[3] & MREMAP_FIXED_MOVE) == MREMAP_FIXED_MOVE) {
                    c.pointer(4);
                }
            }).returning(ReturnFormat.HEX);
            case "madvise" -> SyscallDecoder.of(c -> {
                c.pointer(0).unsigned(1);
                c.add(Constants.group("madvise_cmds").valueOrUnknown(c.args[2] & 0xffffffffL, "MADV_"));
            });
            case "msync" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1).flags(2, "mctl_sync", null));
            case "mlock2" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1).flags(2, "mlock_flags", null));
            case "mlockall" -> SyscallDecoder.of(c -> c.flags(0, "mlockall_flags", null));
            case "mincore" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1).pointer(2), (c, ret) -> {
                long pages = Long.divideUnsigned(c.args[1], X86_64.PAGE_SIZE)
                        + (Long.remainderUnsigned(c.args[1], X86_64.PAGE_SIZE) != 0 ? 1 : 0);
                // Only the lowest bit of each byte says "resident"; the kernel leaves the others to future use.
                c.replace(2, TraceeArrays.render(c.tracee, c.args[2], pages, 1, (out, b) -> {
                    out.append(b[0] & 1);
                    return true;
                }));
            });
            // Not decoded yet: printargs, and the address it returns.
            case "shmat" -> GenericDecoder.PRINTARGS.returning(ReturnFormat.HEX);
            default -> null;
        };
    }

    /**
     * strace's print_mmap_flags: the mapping type by name (an unknown one as MAP_???), the other flags, then a huge
     * page size as {@code 21<<MAP_HUGE_SHIFT}.
     */
    static String mmapFlags(long word) {
        StringBuilder sb = new StringBuilder(Constants.group("map_type").valueOrUnknown(word & MAP_TYPE, "MAP_"));
        long flags = word & ~MAP_TYPE;
        long huge = flags & MAP_HUGE_BITS;
        flags &= ~MAP_HUGE_BITS;
        if (flags != 0) {
            // strace gives no default here: bits no name covers are plain hex, with no "???" comment.
            sb.append('|').append(Xlats.flagsOf(flags, null, Constants.group("map_flags")));
        }
        if (huge != 0) {
            sb.append('|').append(huge >>> MAP_HUGE_SHIFT).append("<<MAP_HUGE_SHIFT");
        }
        return sb.toString();
    }
}
