package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;

/**
 * Entry point of the DSL: {@code assertThat(trace).openedFile("/etc/hosts").noNetworkCalls()}.
 * Its {@code assertThat} overloads take syscall-assert types only, so it can be statically imported next to
 * {@code org.assertj.core.api.Assertions.*} without ambiguity.
 */
public class SyscallAssertions {

    /** Open for extension, as AssertJ's entry points are, so a project can add its own {@code assertThat}s. */
    protected SyscallAssertions() {
    }

    public static SyscallTraceAssert assertThat(SyscallTrace actual) {
        return new SyscallTraceAssert(actual);
    }
}
