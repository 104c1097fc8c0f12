package dev.syscallassert.core.decode;

import java.util.Objects;

/**
 * How one syscall is decoded, declared in one place as strace declares it with {@code SYS_FUNC} plus its table row:
 * what its arguments look like at the entry, what its output arguments look like once it returned, and how its
 * return value prints. Family classes ({@link FileDecoders}, {@link IoDecoders}, {@link NetDecoders},
 * {@link ProcessDecoders}, {@link MemoryDecoders}, ...) make them in their {@code decoder(String name)} switch, one
 * case per syscall, when {@link DecoderRegistry} first asks for that syscall.
 * Immutable; it runs on whichever thread decodes (the tracer thread).
 */
final class SyscallDecoder {

    /** Renders every argument at the entry (or seccomp) stop and records the decoded facts. */
    @FunctionalInterface
    interface Entry {
        void decode(ArgumentCursor c);
    }

    /**
     * Completes the output arguments at the exit stop of a call that succeeded; {@code ret} is its return value. A
     * failed call keeps its entry rendering (pointers for output arguments), which is how strace shows it.
     */
    @FunctionalInterface
    interface Exit {
        void decode(ArgumentCursor c, long ret);
    }

    private final Entry entry;
    private final Exit exit;
    private final ReturnFormat returnFormat;

    private SyscallDecoder(Entry entry, Exit exit, ReturnFormat returnFormat) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.exit = exit;
        this.returnFormat = Objects.requireNonNull(returnFormat, "returnFormat");
    }

    /** A call whose arguments are all inputs: nothing to show at the exit but the return value, in decimal. */
    static SyscallDecoder of(Entry entry) {
        return new SyscallDecoder(entry, null, ReturnFormat.DECIMAL);
    }

    /** A call with output arguments, filled in by {@code exit} when it succeeded. */
    static SyscallDecoder of(Entry entry, Exit exit) {
        return new SyscallDecoder(entry, Objects.requireNonNull(exit, "exit"), ReturnFormat.DECIMAL);
    }

    /** This decoder with its return value shown in {@code format} (strace's RVAL_HEX for an address, ...). */
    SyscallDecoder returning(ReturnFormat format) {
        return new SyscallDecoder(entry, exit, format);
    }

    void entry(ArgumentCursor c) {
        entry.decode(c);
    }

    /** False when the exit has nothing to add, so that no cursor is made for it. */
    boolean decodesExit() {
        return exit != null;
    }

    void exit(ArgumentCursor c, long ret) {
        if (exit != null) {
            exit.decode(c, ret);
        }
    }

    ReturnFormat returnFormat() {
        return returnFormat;
    }
}
