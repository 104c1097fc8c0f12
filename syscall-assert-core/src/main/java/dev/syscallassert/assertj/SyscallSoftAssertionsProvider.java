package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft {@code assertThat} for traces, to mix into any AssertJ soft-assertions class so that one collector gathers
 * both kinds: {@code class Softly extends SoftAssertions implements SyscallSoftAssertionsProvider {}}.
 */
public interface SyscallSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * A soft assert: its failures are collected and reported by {@link #assertAll()}. The assert is given this
     * provider so that the asserts its navigation methods return are soft too (see SyscallTraceAssert's field).
     */
    default SyscallTraceAssert assertThat(SyscallTrace actual) {
        return proxy(SyscallTraceAssert.class, SyscallTrace.class, actual).softly(this);
    }
}
