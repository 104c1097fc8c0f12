package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.UnknownSyscallException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SyscallSelectionTest {
    private final SyscallTable table = SyscallTable.current();

    private int nr(String name) {
        return table.number(name).orElseThrow();
    }

    @Test
    void namesSelectExactlyThoseSyscalls() {
        SyscallSelection selection = SyscallSelection.parse(table, "openat,connect");
        assertThat(selection.numbers()).containsExactly(42, 257);
        assertThat(selection.isAll()).isFalse();
        assertThat(selection.contains(nr("read"))).isFalse();
    }

    @Test
    void classesSelectTheirMembers() {
        SyscallSelection file = SyscallSelection.parse(table, "%file");
        assertThat(file.numbers()).isEqualTo(table.numbersIn(SyscallCategory.FILE));
        assertThat(file.contains(nr("openat"))).isTrue();
        assertThat(file.contains(nr("read"))).isFalse();

        SyscallSelection network = SyscallSelection.parse(table, "%network");
        assertThat(network.numbers()).isEqualTo(SyscallSelection.parse(table, "%net").numbers())
                .contains(nr("connect"), nr("socket")).doesNotContain(nr("openat"));
    }

    @Test
    void acceptsStraceSpellings() {
        assertThat(SyscallSelection.parse(table, "trace=%process").numbers())
                .contains(nr("execve"), nr("clone3"), nr("exit_group")).doesNotContain(nr("openat"));
        assertThat(SyscallSelection.parse(table, "file").numbers())
                .as("strace still takes some classes without %")
                .isEqualTo(table.numbersIn(SyscallCategory.FILE));
        assertThat(SyscallSelection.parse(table, "stat").numbers())
                .as("a syscall name wins over a class name").containsExactly(nr("stat"));
        assertThat(SyscallSelection.parse(table, "%%stat").numbers())
                .isEqualTo(table.numbersIn(SyscallCategory.STAT_LIKE)).contains(nr("newfstatat"), nr("statx"));
        assertThat(SyscallSelection.parse(table, "%stat").numbers())
                .isEqualTo(table.numbersIn(SyscallCategory.STAT));
    }

    @Test
    void negationSelectsEverythingElse() {
        SyscallSelection selection = SyscallSelection.parse(table, "!futex");
        assertThat(selection.contains(nr("futex"))).isFalse();
        assertThat(selection.contains(nr("openat"))).isTrue();
        assertThat(selection.contains(table.maxNumber())).isTrue();

        assertThat(SyscallSelection.parse(table, "trace=!%file").contains(nr("openat"))).isFalse();
    }

    @Test
    void allAndNone() {
        assertThat(SyscallSelection.parse(table, "all").isAll()).isTrue();
        assertThat(SyscallSelection.parse(table, "all").numbers()).hasSize(table.names().size());
        assertThat(SyscallSelection.parse(table, "none").numbers()).isEmpty();
        assertThat(SyscallSelection.parse(table, "!all").numbers()).isEmpty();
    }

    @Test
    void unknownNameSuggestsTheNearest() {
        UnknownSyscallException e = catchThrowableOfType(() -> SyscallSelection.parse(table, "openat,conect"),
                UnknownSyscallException.class);
        assertThat(e.name()).isEqualTo("conect");
        assertThat(e.suggestions()).containsExactly("connect");
        assertThat(e).hasMessage("Unknown syscall \"conect\" on x86_64; did you mean connect?");

        assertThat(catchThrowableOfType(() -> SyscallSelection.parse(table, "opne"), UnknownSyscallException.class))
                .hasMessageContaining("did you mean open, openat");
        assertThat(catchThrowableOfType(() -> SyscallSelection.parse(table, "xyzzyqwerty"),
                UnknownSyscallException.class)).hasMessage("Unknown syscall \"xyzzyqwerty\" on x86_64");
    }

    @Test
    void unknownClassListsTheValidOnes() {
        UnknownSyscallException e = catchThrowableOfType(() -> SyscallSelection.parse(table, "%files"),
                UnknownSyscallException.class);
        assertThat(e).hasMessageStartingWith("Unknown syscall class \"%files\"")
                .hasMessageContaining("%file").hasMessageContaining("%net").hasMessageContaining("%%stat");
        assertThat(e.suggestions()).contains("%file", "%pure");
    }

    @Test
    void emptyElementIsAnError() {
        assertThatThrownBy(() -> SyscallSelection.parse(table, "openat,,read"))
                .isInstanceOf(UnknownSyscallException.class).hasMessageContaining("Empty");
    }

    @Test
    void categoriesBuildASelection() {
        SyscallSelection selection = SyscallSelection.of(table, List.of(SyscallCategory.NETWORK, SyscallCategory.CLOCK));
        assertThat(selection.contains(nr("connect"))).isTrue();
        assertThat(selection.contains(nr("clock_settime"))).isTrue();
        assertThat(selection.contains(nr("openat"))).isFalse();
    }
}
