package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.GeneratedTable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which decoder handles which syscall: strace's sysent table, whose rows point at the {@code SYS_FUNC}s of the family
 * files. The family classes register their decoders by name; each tracer turns that into an array indexed by the
 * syscall number of its table, so that a stop costs one array read.
 *
 * <p>A family registers when one of its syscalls is first decoded, not before: registering all of them makes about
 * 300 lambdas and initialises every family's constants, a large part of a CLI start in a JVM that has compiled
 * nothing yet, while a program uses a handful of families. Which family a syscall's decoder is in comes from the
 * index {@code decoder-families.tsv}, generated from the registrations themselves (DecoderFamilyIndexTest fails when
 * it is stale and writes the fresh one). An instance is confined to its tracer's thread; a family's registration
 * happens once per JVM, under the family's lock.
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

    /** One family class: its registration, run at most once, on first need. */
    static final class Family {
        final String name;
        private final Consumer<Builder> register;
        private Map<String, SyscallDecoder> decoders;

        /** {@code familyClass} names it in the index; naming the class does not initialise it. */
        Family(Class<?> familyClass, Consumer<Builder> register) {
            this.name = familyClass.getSimpleName();
            this.register = register;
        }

        synchronized Map<String, SyscallDecoder> decoders() {
            if (decoders == null) {
                Builder b = new Builder();
                register.accept(b);
                decoders = Collections.unmodifiableMap(b.byName);
            }
            return decoders;
        }
    }

    /** Every family, in registration order (the order strace's sysent lists them does not matter here). */
    static final List<Family> FAMILIES = List.of(
            new Family(FileDecoders.class, FileDecoders::register),
            new Family(IoDecoders.class, IoDecoders::register),
            new Family(NetDecoders.class, NetDecoders::register),
            new Family(ProcessDecoders.class, ProcessDecoders::register),
            new Family(CloneDecoders.class, CloneDecoders::register),
            new Family(WaitDecoders.class, WaitDecoders::register),
            new Family(SignalDecoders.class, SignalDecoders::register),
            new Family(TimeDecoders.class, TimeDecoders::register),
            new Family(ResourceDecoders.class, ResourceDecoders::register),
            new Family(SchedDecoders.class, SchedDecoders::register),
            new Family(SystemDecoders.class, SystemDecoders::register),
            new Family(PrctlDecoders.class, PrctlDecoders::register),
            new Family(FutexDecoders.class, FutexDecoders::register),
            new Family(SocketOptionDecoders.class, SocketOptionDecoders::register),
            new Family(MemoryDecoders.class, MemoryDecoders::register),
            new Family(DescDecoders.class, DescDecoders::register),
            new Family(IoctlDecoders.class, IoctlDecoders::register),
            new Family(PollDecoders.class, PollDecoders::register),
            new Family(XattrDecoders.class, XattrDecoders::register));

    static final String INDEX_RESOURCE = "decoder-families.tsv";

    /** The family of each syscall name that has a decoder, from the generated index. */
    private static final Map<String, Family> FAMILY_OF = readIndex();

    private final SyscallTable table;
    private final SyscallDecoder[] byNumber;
    /** The family still to ask for a number's decoder; null once asked (or for a syscall without a decoder). */
    private final Family[] familyOf;

    DecoderRegistry(SyscallTable table) {
        this.table = table;
        byNumber = new SyscallDecoder[table.maxNumber() + 1];
        familyOf = new Family[byNumber.length];
        for (Map.Entry<String, Family> e : FAMILY_OF.entrySet()) {
            table.number(e.getKey()).ifPresent(nr -> {
                if (nr >= 0 && nr < byNumber.length) {
                    familyOf[nr] = e.getValue();
                }
            });
        }
    }

    private static Map<String, Family> readIndex() {
        Map<String, Family> byClass = new LinkedHashMap<>();
        for (Family f : FAMILIES) {
            byClass.put(f.name, f);
        }
        Map<String, Family> index = new LinkedHashMap<>();
        for (GeneratedTable.Row row : GeneratedTable.rows(DecoderRegistry.class, INDEX_RESOURCE,
                "The decoder family index")) {
            Family f = row.fields().length == 2 ? byClass.get(row.fields()[1]) : null;
            if (f == null) {
                throw row.malformed("not a syscall and one of the families " + byClass.keySet());
            }
            index.put(row.fields()[0], f);
        }
        return Collections.unmodifiableMap(index);
    }

    /** The decoder of syscall {@code nr}: its own, or {@link GenericDecoder#PRINTARGS} when it has none. */
    SyscallDecoder decoderFor(int nr) {
        if (nr < 0 || nr >= byNumber.length) {
            return GenericDecoder.PRINTARGS;
        }
        SyscallDecoder d = byNumber[nr];
        if (d == null && familyOf[nr] != null) {
            d = familyOf[nr].decoders().get(table.name(nr));
            byNumber[nr] = d;
            familyOf[nr] = null;
        }
        return d != null ? d : GenericDecoder.PRINTARGS;
    }

    /** The names the index gives a decoder, in its order. */
    static Set<String> names() {
        return FAMILY_OF.keySet();
    }
}
