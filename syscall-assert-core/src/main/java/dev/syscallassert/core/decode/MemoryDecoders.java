package dev.syscallassert.core.decode;

/**
 * Memory mapping calls: mmap, munmap, mprotect, brk, mremap, shmat. strace's mem.c. Those that return an address print
 * it in hex, as strace does. Stateless; called on the tracer thread.
 */
final class MemoryDecoders {

    private MemoryDecoders() {
    }

    static void register(DecoderRegistry.Builder r) {
        r.add("mmap", SyscallDecoder.of(c -> {
            c.pointer(0).unsigned(1);
            c.flags(2, "prot_flags", "PROT_NONE");
            c.add(FlagRenderers.mapFlags(c.args[3] & 0xffffffffL));
            c.int32Arg(4).hexArg(5);
        }).returning(ReturnFormat.HEX));
        r.add("munmap", c -> c.pointer(0).unsigned(1));
        r.add("mprotect", c -> c.pointer(0).unsigned(1).flags(2, "prot_flags", "PROT_NONE"));
        r.add("brk", SyscallDecoder.of(c -> c.pointer(0)).returning(ReturnFormat.HEX));
        // Not decoded yet: printargs, and the address they return.
        r.add(GenericDecoder.PRINTARGS.returning(ReturnFormat.HEX), "mremap", "shmat");
    }
}
