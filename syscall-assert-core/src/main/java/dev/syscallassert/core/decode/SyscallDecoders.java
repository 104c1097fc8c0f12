package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.Arrays;
import java.util.Objects;

/**
 * Renders a syscall's arguments as strace 6.1 does (default options: {@code -s 32}, no {@code -y}, no {@code -v}) and
 * extracts the values tests assert on: absolute paths, the fd's path, socket addresses, argv, open and clone flags.
 *
 * <p>The tracer calls {@link #decodeEntry} at the entry (or seccomp) stop and {@link #decodeExit} at the exit stop;
 * {@link DecodedCall} says what each leaves there. Output arguments (read's buffer, accept's address, stat's struct)
 * are shown as pointers at the entry and replaced by their contents at a successful exit, which is also how strace
 * shows a call that failed. Neither method throws: a decoder bug must not take the tracer down, so it degrades to
 * strace's generic rendering of the raw registers.
 *
 * <p>This class is only the entry point. Each syscall's {@link SyscallDecoder} (entry, exit and return format) lives
 * in the family class of its kind ({@link FileDecoders}, {@link IoDecoders}, {@link NetDecoders},
 * {@link ProcessDecoders}, {@link MemoryDecoders}); {@link DecoderRegistry} finds it by number, and calls without one
 * get {@link GenericDecoder}. Adding a syscall is one case in its family class's switch. The renderers those share
 * are {@link ArgumentCursor} (one argument at a time), {@link FlagRenderers}, {@link StructRenderers},
 * {@link Sockaddrs} and {@link StraceText}; {@link ReturnValues} renders every return value.
 *
 * <p>x86_64 only for now: the struct layouts and sizes come from {@link dev.syscallassert.core.arch.X86_64}'s
 * generated table, integers are read with {@link dev.syscallassert.core.arch.LittleEndian}. One instance per tracer,
 * used on its thread only.
 */
public final class SyscallDecoders {

    private final SyscallTable table;
    private final DecoderRegistry registry;

    public SyscallDecoders(SyscallTable table) {
        this.table = Objects.requireNonNull(table, "table");
        this.registry = new DecoderRegistry(table);
    }

    /** At the syscall-entry (or seccomp) stop: renders every argument, reads paths/argv/sockaddrs. Never throws. */
    public DecodedCall decodeEntry(int nr, long[] args, TraceeAccess tracee) {
        DecodedCall out = new DecodedCall();
        long[] a = Arrays.copyOf(args == null ? new long[0] : args, 6);
        ArgumentCursor c = new ArgumentCursor(nr, a, tracee, out, table);
        try {
            registry.decoderFor(nr).entry(c);
            out.renderedArgs = c.renderedArray();
        } catch (RuntimeException e) {
            // Keep whatever was decoded before the failure, but show the raw registers: a half-rendered list would
            // look like a real rendering with missing arguments.
            out.renderedArgs = rawArguments(nr, a);
        }
        return out;
    }

    /**
     * At the exit stop: fills the call's return fields (see {@link DecodedCall} for the contract) and, when it
     * succeeded, completes what needs the result (read's buffer, accept's address, pipe's fds, stat's struct, the
     * address a listen listens on, ...). {@code args} are the entry's arguments (the exit stop does not report them);
     * {@code returnValue} may be the raw register ({@code -errno}) or the positive errno when {@code failed}. Never
     * throws.
     */
    public void decodeExit(int nr, long[] args, long returnValue, boolean failed, TraceeAccess tracee,
                           DecodedCall call) {
        if (call == null) {
            return;
        }
        SyscallDecoder decoder = registry.decoderFor(nr);
        try {
            ReturnValues.complete(call, returnValue, failed, decoder.returnFormat());
            // Output arguments of a failed call keep their entry rendering (pointers), which is how strace shows it.
            if (failed || call.renderedArgs == null || !decoder.decodesExit()) {
                return;
            }
            long[] a = Arrays.copyOf(args == null ? new long[0] : args, 6);
            decoder.exit(new ArgumentCursor(nr, a, tracee, call, table), returnValue);
        } catch (RuntimeException e) {
            // The entry rendering (pointers for output arguments) stays: correct, only less informative.
        }
    }

    private String[] rawArguments(int nr, long[] args) {
        int count;
        try {
            count = Math.max(0, Math.min(6, table.argumentCount(nr)));
        } catch (RuntimeException e) {
            count = 6;
        }
        String[] raw = new String[count];
        for (int i = 0; i < count; i++) {
            raw[i] = StraceText.hex(args[i]);
        }
        return raw;
    }
}
