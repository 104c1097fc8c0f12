package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.syscallassert.SyscallCategory.DESC;
import static dev.syscallassert.SyscallCategory.FILE;
import static dev.syscallassert.SyscallCategory.FSTAT;
import static dev.syscallassert.SyscallCategory.MEMORY;
import static dev.syscallassert.SyscallCategory.NETWORK;
import static dev.syscallassert.SyscallCategory.PROCESS;
import static dev.syscallassert.SyscallCategory.PURE;
import static dev.syscallassert.SyscallCategory.STAT_LIKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GeneratedSyscallTableTest {
    private static final Path HEADER = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");

    private final SyscallTable table = SyscallTable.current();

    @Test
    void knowsTheNumbersOfWellKnownSyscalls() {
        assertThat(table.architecture()).isEqualTo("x86_64");
        assertThat(table.number("openat")).hasValue(257);
        assertThat(table.number("connect")).hasValue(42);
        assertThat(table.number("execve")).hasValue(59);
        assertThat(table.number("clone3")).hasValue(435);
        assertThat(table.name(257)).isEqualTo("openat");
        assertThat(table.name(0)).isEqualTo("read");
        assertThat(table.contains("newfstatat")).isTrue();
        assertThat(table.contains("stat64")).isFalse();
        assertThat(table.number("OPENAT")).isEmpty();
    }

    @Test
    void namesUnknownNumbersInHex() {
        assertThat(table.name(0x1f4)).isEqualTo("syscall_0x1f4");
        assertThat(table.name(400)).as("a gap in the x86_64 numbering").isEqualTo("syscall_0x190");
        assertThat(table.name(table.maxNumber() + 1)).startsWith("syscall_0x");
        assertThat(table.name(-1)).isEqualTo("syscall_0xffffffff");
    }

    @Test
    void classesMatchStrace() {
        assertThat(table.categories(257)).containsExactlyInAnyOrder(FILE, DESC);
        assertThat(table.categories(42)).containsExactly(NETWORK);
        assertThat(table.categories(59)).containsExactlyInAnyOrder(FILE, PROCESS);
        assertThat(categoriesOf("newfstatat")).contains(FILE, FSTAT, STAT_LIKE);
        assertThat(categoriesOf("mmap")).contains(MEMORY);
        assertThat(categoriesOf("getpid")).containsExactly(PURE);
        assertThat(categoriesOf("sethostname")).isEmpty();
        assertThat(table.categories(-5)).isEmpty();
        assertThat(table.categories(400)).isEmpty();
    }

    @Test
    void categoriesAreUnmodifiable() {
        assertThatThrownBy(() -> table.categories(257).add(SyscallCategory.IPC))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> table.categories(400).add(SyscallCategory.IPC))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void numbersInAgreesWithCategories() {
        for (SyscallCategory category : SyscallCategory.values()) {
            int[] numbers = table.numbersIn(category);
            assertThat(numbers).as("%%%s", category.straceName()).isNotEmpty().isSorted();
            for (int nr : numbers) {
                assertThat(table.categories(nr)).contains(category);
            }
            long counted = table.names().stream()
                    .filter(n -> table.categories(table.number(n).getAsInt()).contains(category)).count();
            assertThat(numbers).hasSize((int) counted);
        }
        int[] copy = table.numbersIn(FILE);
        Arrays.fill(copy, -1);
        assertThat(table.numbersIn(FILE)).doesNotContain(-1);
    }

    @Test
    void argumentCountsComeFromStrace() {
        assertThat(table.argumentCount(table.number("openat").getAsInt())).isEqualTo(4);
        assertThat(table.argumentCount(table.number("mmap").getAsInt())).isEqualTo(6);
        assertThat(table.argumentCount(table.number("getpid").getAsInt())).isZero();
        assertThat(table.argumentCount(table.number("execve").getAsInt())).isEqualTo(3);
        assertThat(table.argumentCount(400)).as("unknown").isEqualTo(6);
    }

    @Test
    void namesAreSortedAndComplete() {
        assertThat(table.names()).isSorted().hasSizeGreaterThan(350).contains("read", "clone3");
        assertThat(table.maxNumber()).isEqualTo(table.names().stream()
                .mapToInt(n -> table.number(n).getAsInt()).max().getAsInt());
        assertThatThrownBy(() -> table.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** When the build machine's kernel headers move on, this says that the checked-in table must be regenerated. */
    @Test
    void matchesTheInstalledKernelHeader() throws IOException {
        assumeTrue(Files.isReadable(HEADER), "no kernel header " + HEADER);
        Map<String, Integer> header = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^#define\\s+__NR_(\\w+)\\s+(\\d+)\\s*$").matcher(Files.readString(HEADER));
        while (m.find()) {
            header.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> ours = new TreeMap<>();
        for (String name : table.names()) {
            ours.put(name, table.number(name).getAsInt());
        }
        assertThat(ours)
                .as("x86_64.tsv against %s; regenerate with python3 syscall-assert-core/tools/generate-syscall-table.py",
                        HEADER)
                .isEqualTo(header);
    }

    @Test
    void suggestsNearNamesForTypos() {
        assertThat(table.nearestNames("opne", 3)).startsWith("open", "openat");
        assertThat(table.nearestNames("conect", 3)).containsExactly("connect");
        assertThat(table.nearestNames("stat64", 3)).startsWith("stat").contains("statfs", "statx");
        assertThat(table.nearestNames("exceve", 1)).containsExactly("execve");
        assertThat(table.nearestNames("sys_openat", 1)).containsExactly("openat");
        assertThat(table.nearestNames("OpenAt", 1)).containsExactly("openat");
        assertThat(table.nearestNames("opne", 1)).hasSize(1);
    }

    @Test
    void suggestsNothingForFarNames() {
        assertThat(table.nearestNames("xyzzyqwerty", 3)).isEmpty();
        assertThat(table.nearestNames("", 3)).isEmpty();
        assertThat(table.nearestNames("read", 0)).isEmpty();
        assertThat(table.nearestNames("q", 3)).isEmpty();
    }

    @Test
    void loadsQuickly() {
        long start = System.nanoTime();
        GeneratedSyscallTable loaded = GeneratedSyscallTable.load("x86_64", GeneratedSyscallTable.X86_64_RESOURCE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(loaded.names()).isEqualTo(table.names());
        // Generous: it is read at every tracer start and takes a few ms; this only catches something pathological.
        assertThat(millis).isLessThan(500);
    }

    @Test
    void missingResourceIsAClearError() {
        assertThatThrownBy(() -> GeneratedSyscallTable.load("mips", "mips.tsv"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mips.tsv").hasMessageContaining("missing");
    }

    private EnumSet<SyscallCategory> categoriesOf(String name) {
        EnumSet<SyscallCategory> set = EnumSet.noneOf(SyscallCategory.class);
        set.addAll(table.categories(table.number(name).orElseThrow()));
        return set;
    }
}
