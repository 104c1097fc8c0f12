package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SyscallCategory#fromName} must take every spelling strace 6.1 takes after {@code trace=}. */
class SyscallCategoryTest {

    @Test
    void acceptsStraceSpellings() {
        assertThat(SyscallCategory.fromName("%file")).hasValue(SyscallCategory.FILE);
        assertThat(SyscallCategory.fromName("file")).hasValue(SyscallCategory.FILE);
        assertThat(SyscallCategory.fromName("%net")).hasValue(SyscallCategory.NETWORK);
        assertThat(SyscallCategory.fromName("%network")).hasValue(SyscallCategory.NETWORK);
        assertThat(SyscallCategory.fromName("%stat")).hasValue(SyscallCategory.STAT);
        assertThat(SyscallCategory.fromName("%%stat")).hasValue(SyscallCategory.STAT_LIKE);
        assertThat(SyscallCategory.fromName("%statfs")).hasValue(SyscallCategory.STATFS);
        assertThat(SyscallCategory.fromName("%%statfs")).hasValue(SyscallCategory.STATFS_LIKE);
        assertThat(SyscallCategory.fromName("%fstat")).hasValue(SyscallCategory.FSTAT);
        assertThat(SyscallCategory.fromName("STAT_LIKE")).hasValue(SyscallCategory.STAT_LIKE);
    }

    @Test
    void rejectsWhatStraceRejects() {
        assertThat(SyscallCategory.fromName("%%%stat")).isEmpty();
        assertThat(SyscallCategory.fromName("%files")).isEmpty();
    }

    @Test
    void everyStraceNameRoundTrips() {
        for (SyscallCategory c : SyscallCategory.values()) {
            assertThat(SyscallCategory.fromName("%" + c.straceName())).hasValue(c);
        }
    }
}
