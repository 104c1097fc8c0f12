package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.assertj.SyscallAssertions;

/**
 * A test under {@link dev.syscallassert.junit5.DenyNetwork} whose code made a denied call fails, even when that code
 * swallowed the error: with the DSL's own {@code noDeniedCalls()} message, each denied call in strace's form with its
 * thread and address. Every call of the window counts, the JVM's own threads' too. Test JVM, on the test's thread.
 */
final class DeniedCalls {
    private DeniedCalls() {
    }

    /** The failure when the window has a denied call, else null. */
    static AssertionError failure(SyscallTrace window) {
        try {
            SyscallAssertions.assertThat(window.withHarnessNoise()).as("@DenyNetwork").noDeniedCalls();
            return null;
        } catch (AssertionError e) {
            return e;
        }
    }
}
