package dev.syscallassert.core.decode;

/** Memory mapping calls: mmap, munmap, mprotect, brk. strace's mem.c. Stateless. */
final class MemoryDecoders {

    private MemoryDecoders() {
    }

    static void register(DecoderRegistry.Builder r) {
        r.add("mmap", c -> {
            c.pointer(0).unsigned(1);
            c.flags(2, "prot_flags", "PROT_NONE");
            c.add(FlagRenderers.mapFlags(c.args[3] & 0xffffffffL));
            c.int32Arg(4).hexArg(5);
        });
        r.add("munmap", c -> c.pointer(0).unsigned(1));
        r.add("mprotect", c -> c.pointer(0).unsigned(1).flags(2, "prot_flags", "PROT_NONE"));
        r.add("brk", c -> c.pointer(0));
    }
}
