package dev.syscallassert.assertj;

import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

import java.util.function.Consumer;

/**
 * Soft assertions on traces: every failed check is collected and {@link #assertAll()} reports them together.
 *
 * <pre>{@code
 * SyscallSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(trace).openedFile("/etc/hosts");
 *     softly.assertThat(trace).noNetworkCalls();
 * });
 * }</pre>
 *
 * Works with AssertJ's {@code SoftAssertionsExtension} ({@code @InjectSoftAssertions SyscallSoftAssertions softly}).
 */
public class SyscallSoftAssertions extends AbstractSoftAssertions implements SyscallSoftAssertionsProvider {

    /** Runs {@code softly}, then fails with every collected failure. */
    public static void assertSoftly(Consumer<SyscallSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(SyscallSoftAssertions.class, softly);
    }
}
