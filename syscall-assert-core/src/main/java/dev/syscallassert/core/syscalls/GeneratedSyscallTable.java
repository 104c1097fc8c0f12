package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** PLACEHOLDER until the generated table lands: reads the kernel header at run time, no categories. */
final class GeneratedSyscallTable implements SyscallTable {
    private static final GeneratedSyscallTable X86_64 = new GeneratedSyscallTable();
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<Integer, String> byNumber = new HashMap<>();

    private GeneratedSyscallTable() {
        try {
            for (String line : Files.readAllLines(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"))) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 3 && p[0].equals("#define") && p[1].startsWith("__NR_")) {
                    byName.put(p[1].substring(5), Integer.parseInt(p[2]));
                    byNumber.put(Integer.parseInt(p[2]), p[1].substring(5));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SyscallTable x86_64() { return X86_64; }
    public String architecture() { return "x86_64"; }
    public String name(int number) { return byNumber.getOrDefault(number, "syscall_0x" + Integer.toHexString(number)); }
    public OptionalInt number(String name) { Integer n = byName.get(name); return n == null ? OptionalInt.empty() : OptionalInt.of(n); }
    public Set<SyscallCategory> categories(int number) { return Collections.emptySet(); }
    public int argumentCount(int number) { return 6; }
    public int[] numbersIn(SyscallCategory category) { return new int[0]; }
    public List<String> names() { List<String> l = new ArrayList<>(byName.keySet()); Collections.sort(l); return l; }
    public int maxNumber() { return byNumber.keySet().stream().mapToInt(i -> i).max().orElse(0); }
    public List<String> nearestNames(String name, int max) { return List.of(); }
}
