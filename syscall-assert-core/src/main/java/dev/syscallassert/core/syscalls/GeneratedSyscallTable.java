package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.core.xlat.GeneratedTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A syscall table read from a data file that {@code tools/generate-syscall-table.py} writes from the kernel headers
 * and the installed strace. The data lives in a resource rather than in Java source so that regenerating it is a
 * plain file diff, and so that no syscall number is ever typed into code.
 */
final class GeneratedSyscallTable implements SyscallTable {
    static final String X86_64_RESOURCE = "x86_64.tsv";

    private static final Set<SyscallCategory> NO_CATEGORIES = CategorySets.none();
    /** values() once: it copies the array at every call, once per table row in the parse. */
    private static final SyscallCategory[] CATEGORIES = SyscallCategory.values();

    private final String architecture;
    private final String[] names;
    private final byte[] argumentCounts;
    private final List<Set<SyscallCategory>> categories;
    private final Map<String, Integer> numbers;
    private final Map<SyscallCategory, int[]> members;
    /** Sorted on first use: only option parsing and profiles ask, and sorting is a large part of a cold parse. */
    private volatile List<String> sortedNames;
    private final int maxNumber;

    // Plain loops, no streams or lambdas: this runs at every tracer start, often in a cold JVM where bootstrapping
    // the first lambdas costs more than reading the whole file.
    private GeneratedSyscallTable(String architecture, List<Row> rows) {
        this.architecture = architecture;
        if (rows.isEmpty()) {
            throw new IllegalStateException("The " + architecture + " syscall table is empty");
        }
        int max = 0;
        for (Row row : rows) {
            max = Math.max(max, row.number);
        }
        this.maxNumber = max;
        this.names = new String[max + 1];
        this.argumentCounts = new byte[max + 1];
        Arrays.fill(argumentCounts, (byte) 6);
        List<Set<SyscallCategory>> cats = new ArrayList<>(Collections.nCopies(max + 1, NO_CATEGORIES));
        Map<String, Integer> byName = new HashMap<>(rows.size() * 2);
        int[] memberCounts = new int[CATEGORIES.length];
        // each number's categories as bits too (CategorySets' key), so that listing each category's members below is
        // integer work
        long[] bits = new long[max + 1];
        for (Row row : rows) {
            if (row.number < 0 || names[row.number] != null || byName.putIfAbsent(row.name, row.number) != null) {
                throw new IllegalStateException("Duplicate or negative syscall " + row.number + " " + row.name
                        + " in the " + architecture + " table");
            }
            names[row.number] = row.name;
            argumentCounts[row.number] = (byte) row.argumentCount;
            if (!row.categories.isEmpty()) {
                cats.set(row.number, CategorySets.of(row.categories));
            }
            bits[row.number] = CategorySets.bits(row.categories);
            for (SyscallCategory c : row.categories) {
                memberCounts[c.ordinal()]++;
            }
        }
        this.categories = cats;
        this.numbers = byName;
        int[][] nrs = new int[CATEGORIES.length][];
        int[] filled = new int[CATEGORIES.length];
        for (int c = 0; c < CATEGORIES.length; c++) {
            nrs[c] = new int[memberCounts[c]];
        }
        // Ascending by construction: walking the numbers in order.
        for (int nr = 0; nr <= max; nr++) {
            for (long b = bits[nr]; b != 0; b &= b - 1) {
                int c = Long.numberOfTrailingZeros(b);
                nrs[c][filled[c]++] = nr;
            }
        }
        this.members = new EnumMap<>(SyscallCategory.class);
        for (SyscallCategory c : CATEGORIES) {
            members.put(c, nrs[c.ordinal()]);
        }
    }

    /** Holder idiom: the file is parsed on first use, once, without locking on later calls. */
    private static final class X86_64 {
        static final GeneratedSyscallTable TABLE = load("x86_64", X86_64_RESOURCE);
    }

    static SyscallTable x86_64() {
        return X86_64.TABLE;
    }

    static GeneratedSyscallTable load(String architecture, String resource) {
        return new GeneratedSyscallTable(architecture, parse(GeneratedTable.rows(GeneratedSyscallTable.class, resource,
                "The " + architecture + " syscall table resource")));
    }

    private record Row(int number, String name, int argumentCount, EnumSet<SyscallCategory> categories) {
    }

    private static List<Row> parse(List<GeneratedTable.Row> lines) {
        List<Row> rows = new ArrayList<>(lines.size());
        for (GeneratedTable.Row line : lines) {
            // Trailing empty fields matter: a syscall without classes ends with a tab.
            String[] f = line.fields();
            if (f.length != 4) {
                throw line.malformed("expected 4 tab-separated columns");
            }
            try {
                int argumentCount = Integer.parseInt(f[2]);
                if (argumentCount < 0 || argumentCount > 6) {
                    throw line.malformed("nargs must be 0..6");
                }
                EnumSet<SyscallCategory> cats = EnumSet.noneOf(SyscallCategory.class);
                if (!f[3].isEmpty()) {
                    for (String straceName : f[3].split(",")) {
                        Optional<SyscallCategory> category = byStraceName(straceName);
                        if (category.isEmpty()) {
                            throw line.malformed("unknown strace class \"" + straceName
                                    + "\"; SyscallCategory and the generator disagree");
                        }
                        cats.add(category.get());
                    }
                }
                rows.add(new Row(Integer.parseInt(f[0]), f[1], argumentCount, cats));
            } catch (NumberFormatException e) {
                throw line.malformed(e.getMessage());
            }
        }
        return rows;
    }

    /** Exact strace spelling only: the data file is machine-written, so leniency would hide a generator bug. */
    private static Optional<SyscallCategory> byStraceName(String straceName) {
        for (SyscallCategory c : CATEGORIES) {
            if (c.straceName().equals(straceName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String architecture() {
        return architecture;
    }

    @Override
    public String name(int number) {
        String name = number >= 0 && number <= maxNumber ? names[number] : null;
        return name != null ? name : "syscall_0x" + Integer.toHexString(number);
    }

    @Override
    public OptionalInt number(String name) {
        Integer nr = numbers.get(name);
        return nr == null ? OptionalInt.empty() : OptionalInt.of(nr);
    }

    @Override
    public Set<SyscallCategory> categories(int number) {
        return number >= 0 && number <= maxNumber ? categories.get(number) : NO_CATEGORIES;
    }

    @Override
    public int argumentCount(int number) {
        return number >= 0 && number <= maxNumber && names[number] != null ? argumentCounts[number] : 6;
    }

    @Override
    public int[] numbersIn(SyscallCategory category) {
        return members.get(category).clone();
    }

    @Override
    public List<String> names() {
        List<String> sorted = sortedNames;
        if (sorted == null) {
            String[] all = numbers.keySet().toArray(new String[0]);
            Arrays.sort(all);
            sorted = List.of(all);
            sortedNames = sorted; // two threads may both sort: the same list either way
        }
        return sorted;
    }

    @Override
    public int maxNumber() {
        return maxNumber;
    }
}
