package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.UnknownSyscallException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** A set of syscall numbers to record, built from categories or from strace's {@code -e trace=} expression. */
public final class SyscallSelection {
    /**
     * The classes strace 6.1 still accepts without the '%' of its older syntax ({@code trace=file}); the newer
     * classes (creds, clock, pure, the stat groups) need the '%', and a syscall of the same name would win.
     */
    private static final Set<String> BARE_CLASS_NAMES =
            Set.of("file", "network", "process", "signal", "ipc", "desc", "memory");

    private final SyscallTable table;
    private final BitSet numbers;
    private final boolean all;

    private SyscallSelection(SyscallTable table, BitSet numbers, boolean all) {
        this.table = table;
        this.numbers = numbers;
        this.all = all;
    }

    public static SyscallSelection all(SyscallTable table) {
        return new SyscallSelection(table, new BitSet(), true);
    }

    public static SyscallSelection of(SyscallTable table, Collection<SyscallCategory> categories) {
        BitSet set = new BitSet();
        for (SyscallCategory c : categories) {
            for (int nr : table.numbersIn(c)) {
                set.set(nr);
            }
        }
        return new SyscallSelection(table, set, false);
    }

    /**
     * Parses strace's syntax: a comma-separated list of syscall names and {@code %class} names, optionally preceded
     * by {@code !} to negate the whole list (or by {@code trace=}); {@code all} and {@code none} are accepted, and so
     * are the class names strace still takes without {@code %} ({@code file}, {@code network}, ...).
     *
     * @throws UnknownSyscallException naming the unknown element and the nearest valid names
     */
    public static SyscallSelection parse(SyscallTable table, String expression) {
        String expr = expression.trim();
        if (expr.startsWith("trace=")) {
            expr = expr.substring("trace=".length());
        }
        boolean negate = false;
        if (expr.startsWith("!")) {
            negate = true;
            expr = expr.substring(1);
        }
        BitSet set = new BitSet();
        boolean all = false;
        for (String raw : expr.split(",")) {
            String element = raw.trim();
            if (element.isEmpty()) {
                throw new UnknownSyscallException("Empty syscall name in \"" + expression + "\"", element, List.of());
            }
            if (element.equals("all")) {
                all = true;
            } else if (element.equals("none")) {
                // adds nothing
            } else if (element.startsWith("%")) {
                SyscallCategory category = SyscallCategory.fromName(element).orElseThrow(() ->
                        new UnknownSyscallException("Unknown syscall class \"" + element + "\"; valid classes are "
                                + String.join(", ", SyscallCategory.straceNames()), element,
                                List.of(SyscallCategory.straceNames())));
                for (int nr : table.numbersIn(category)) {
                    set.set(nr);
                }
            } else if (!table.contains(element) && BARE_CLASS_NAMES.contains(element)) {
                for (int nr : table.numbersIn(SyscallCategory.fromName(element).orElseThrow())) {
                    set.set(nr);
                }
            } else {
                set.set(requireNumber(table, element));
            }
        }
        if (all) {
            return negate ? new SyscallSelection(table, new BitSet(), false) : all(table);
        }
        if (negate) {
            BitSet inverted = new BitSet();
            inverted.set(0, table.maxNumber() + 1);
            inverted.andNot(set);
            return new SyscallSelection(table, inverted, false);
        }
        return new SyscallSelection(table, set, false);
    }

    /** The number of a syscall name, or an {@link UnknownSyscallException} suggesting the nearest names. */
    public static int requireNumber(SyscallTable table, String name) {
        return SyscallNames.requireNumber(table, name);
    }

    public boolean isAll() {
        return all;
    }

    public boolean contains(int number) {
        return all ? number >= 0 : number >= 0 && numbers.get(number);
    }

    /** The selected numbers (for {@link #isAll()} every number in the table). */
    public int[] numbers() {
        if (all) {
            List<Integer> nrs = new ArrayList<>();
            for (String n : table.names()) {
                nrs.add(table.number(n).getAsInt());
            }
            return nrs.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return numbers.stream().toArray();
    }

    public SyscallTable table() {
        return table;
    }
}
