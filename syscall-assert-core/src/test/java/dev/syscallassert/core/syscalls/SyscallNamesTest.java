package dev.syscallassert.core.syscalls;

import dev.syscallassert.UnknownSyscallException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyscallNamesTest {
    private final SyscallTable table = SyscallTable.current();

    @Test
    void editDistanceCountsASwapOnce() {
        assertThat(SyscallNames.editDistance("opne", "open")).isEqualTo(1);
        assertThat(SyscallNames.editDistance("conect", "connect")).isEqualTo(1);
        assertThat(SyscallNames.editDistance("", "abc")).isEqualTo(3);
        assertThat(SyscallNames.editDistance("stat64", "stat")).isEqualTo(2);
        assertThat(SyscallNames.commonPrefix("/etc/hosts", "/etc/hostname")).isEqualTo(9);
    }

    /** One message for every place a user names a syscall: the selection, the CLI and the assertions. */
    @Test
    void anUnknownNameIsOneErrorWithTheNearestNames() {
        assertThat(SyscallNames.requireNumber(table, "openat")).isEqualTo(table.number("openat").getAsInt());
        assertThat(SyscallNames.require(table, "openat")).isEqualTo("openat");
        assertThatThrownBy(() -> SyscallNames.require(table, "fsnyc"))
                .isInstanceOf(UnknownSyscallException.class)
                .hasMessage("Unknown syscall \"fsnyc\" on x86_64; did you mean fsync, sync, msync?")
                .satisfies(e -> assertThat(((UnknownSyscallException) e).suggestions()).containsExactly("fsync", "sync", "msync"))
                .satisfies(e -> assertThat(((UnknownSyscallException) e).name()).isEqualTo("fsnyc"));
        assertThatThrownBy(() -> SyscallNames.requireNumber(table, "xyzzyqwerty"))
                .hasMessage("Unknown syscall \"xyzzyqwerty\" on x86_64");
    }
}
