package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** The system calls of one architecture: names, numbers, strace classes and argument counts. */
public interface SyscallTable {

    /** The table of the machine this JVM runs on (x86_64), loaded once. */
    static SyscallTable current() {
        return GeneratedSyscallTable.x86_64();
    }

    /** The architecture, e.g. "x86_64". */
    String architecture();

    /** The name of syscall {@code number}, or "syscall_0xNNN" when there is none. */
    String name(int number);

    /** The number of the named syscall. */
    OptionalInt number(String name);

    /**
     * The number of a syscall the code itself depends on ("execve"); its absence means a broken table, so it throws
     * {@link IllegalStateException} rather than the user-facing {@code UnknownSyscallException}.
     */
    default int requireNumber(String name) {
        OptionalInt n = number(name);
        if (n.isEmpty()) {
            throw new IllegalStateException("The " + architecture() + " syscall table has no " + name
                    + "; regenerate it with tools/generate-syscall-table.py");
        }
        return n.getAsInt();
    }

    /** Whether {@code name} is a syscall of this architecture. */
    default boolean contains(String name) {
        return number(name).isPresent();
    }

    /** The strace classes of syscall {@code number}; empty when it has none. */
    Set<SyscallCategory> categories(int number);

    /** How many arguments the syscall takes (strace's nargs); 6 when unknown. */
    int argumentCount(int number);

    /** The numbers of all syscalls in {@code category}. */
    int[] numbersIn(SyscallCategory category);

    /** All names, sorted. */
    List<String> names();

    /** Highest syscall number in the table. */
    int maxNumber();

    /** Up to {@code max} valid names nearest to {@code name}, nearest first (see {@link SyscallNames#nearest}). */
    default List<String> nearestNames(String name, int max) {
        return SyscallNames.nearest(names(), name, max);
    }
}
