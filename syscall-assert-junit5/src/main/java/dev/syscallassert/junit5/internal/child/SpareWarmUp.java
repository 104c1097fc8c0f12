package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;

/**
 * What a spare child JVM runs before it knows its test ({@link WarmUp}), so that the launcher, the Jupiter engine,
 * this extension and the AssertJ DSL are loaded and compiled when the real test comes. Its events and output belong to
 * no report. Only selected by the spare child itself (a build's test scan does not look at main classes; if a package
 * selection finds it anyway, it simply passes as a traced test).
 */
@TraceSyscalls
class SpareWarmUp {

    private SyscallTrace field;

    @BeforeEach
    void before() {
        // a lifecycle method, as most test classes have
    }

    @Test
    void warmUp(SyscallTrace trace) {
        assertThat(trace).noNetworkCalls().noProcessSpawned().didNotOpenFile("/");
        org.assertj.core.api.Assertions.assertThat(field.events()).isEmpty();
    }
}
