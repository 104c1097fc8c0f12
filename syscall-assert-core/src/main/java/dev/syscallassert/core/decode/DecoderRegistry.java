package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which decoder handles which syscall: strace's sysent table, whose rows point at the {@code SYS_FUNC}s of the family
 * files. The family classes register their decoders by name once; each tracer turns that into an array indexed by
 * the syscall number of its table, so that a stop costs one array read. Immutable after construction, so the tracer
 * thread may use it without locking.
 */
final class DecoderRegistry {

    /** Collects the family classes' decoders by syscall name. */
    static final class Builder {
        private final Map<String, SyscallDecoder> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /** A syscall whose arguments are all inputs. */
        void add(String name, SyscallDecoder.Entry entry) {
            add(name, SyscallDecoder.of(entry));
        }

        /** A syscall with output arguments, filled in at a successful exit. */
        void add(String name, SyscallDecoder.Entry entry, SyscallDecoder.Exit exit) {
            add(name, SyscallDecoder.of(entry, exit));
        }

        void add(String name, SyscallDecoder decoder) {
            if (byName.putIfAbsent(name, decoder) != null) {
                throw new IllegalStateException("Two decoders for " + name);
            }
        }

        /** Several syscalls decoded alike (strace's {@code SYS_FUNC} shared by several table rows). */
        void add(SyscallDecoder decoder, String... names) {
            for (String name : names) {
                add(name, decoder);
            }
        }
    }

    /** Every family's decoders, by name; a name the tracer's table does not know is simply never looked up. */
    private static final Map<String, SyscallDecoder> BY_NAME = registerFamilies();

    private final SyscallDecoder[] byNumber;

    DecoderRegistry(SyscallTable table) {
        byNumber = new SyscallDecoder[table.maxNumber() + 1];
        for (Map.Entry<String, SyscallDecoder> e : BY_NAME.entrySet()) {
            table.number(e.getKey()).ifPresent(nr -> {
                if (nr >= 0 && nr < byNumber.length) {
                    byNumber[nr] = e.getValue();
                }
            });
        }
    }

    private static Map<String, SyscallDecoder> registerFamilies() {
        Builder b = new Builder();
        FileDecoders.register(b);
        IoDecoders.register(b);
        NetDecoders.register(b);
        ProcessDecoders.register(b);
        CloneDecoders.register(b);
        WaitDecoders.register(b);
        SignalDecoders.register(b);
        TimeDecoders.register(b);
        ResourceDecoders.register(b);
        SchedDecoders.register(b);
        SystemDecoders.register(b);
        PrctlDecoders.register(b);
        FutexDecoders.register(b);
        SocketOptionDecoders.register(b);
        MemoryDecoders.register(b);
        DescDecoders.register(b);
        IoctlDecoders.register(b);
        PollDecoders.register(b);
        XattrDecoders.register(b);
        return Collections.unmodifiableMap(b.byName);
    }

    /** The decoder of syscall {@code nr}: its own, or {@link GenericDecoder#PRINTARGS} when it has none. */
    SyscallDecoder decoderFor(int nr) {
        SyscallDecoder d = nr >= 0 && nr < byNumber.length ? byNumber[nr] : null;
        return d != null ? d : GenericDecoder.PRINTARGS;
    }

    /** The names decoders are registered for, in registration order. */
    static Set<String> names() {
        return BY_NAME.keySet();
    }
}
