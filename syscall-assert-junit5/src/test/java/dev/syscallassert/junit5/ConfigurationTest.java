package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.UnsupportedPlatformException;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Where tracing is impossible, and mistakes in using the annotation: reported precisely, without a child. */
class ConfigurationTest {

    @Test
    void whereTracingIsImpossibleTestsAreSkippedOrFailedAsConfigured() {
        EngineExecutionResults byDefault = onAnotherPlatform(() -> Kit.run(OneTest.class));
        assertThat(Kit.failureOf(byDefault, "test")).isInstanceOf(TestAbortedException.class)
                .hasMessage("Not traced, so skipped: syscall-assert traces with Linux ptrace; this is Mac OS X ("
                        + System.getProperty("os.arch") + ")");

        EngineExecutionResults failing = onAnotherPlatform(() ->
                Kit.run(OneTest.class, Map.of(PlanConfiguration.UNSUPPORTED, "fail")));
        assertThat(Kit.failureOf(failing, "test")).isInstanceOf(UnsupportedPlatformException.class)
                .hasMessageEndingWith("To skip traced tests where tracing is impossible, set "
                        + "syscallassert.unsupported=skip in junit-platform.properties.");

        EngineExecutionResults misspelt = Kit.run(OneTest.class, Map.of(PlanConfiguration.UNSUPPORTED, "maybe"));
        assertThat(Kit.failureOf(misspelt, "test")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration parameter syscallassert.unsupported = \"maybe\" is not one of fail, skip");
    }

    @Test
    void mistakesAreConfigurationErrorsThatSayWhatToChange() {
        EngineExecutionResults results = Kit.run(Mistakes.class);
        results.testEvents().assertStatistics(s -> s.started(3).failed(3)); // and the factory, a container
        assertThat(Kit.failureOf(results, "badTimeout")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@TraceSyscalls on badTimeout(): timeout = \"soon\" is not a duration; write it as "
                        + "\"30 s\", \"500 ms\", \"2 m\" or \"1 h\"");
        assertThat(Kit.failureOf(results, "unknownSyscall")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@TraceSyscalls on unknownSyscall(): syscalls = \"opnat\": Unknown syscall "
                        + "\"opnat\"");
        assertThat(Kit.failureOf(results, "recordsNothing")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@TraceSyscalls on recordsNothing() records nothing: value = {} and syscalls = \"\"; "
                        + "name at least one category or syscall");
        assertThat(Kit.failureOf(results, "factory")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@TraceSyscalls cannot trace @TestFactory method factory()");

        EngineExecutionResults fields = Kit.run(FinalField.class);
        assertThat(Kit.failureOf(fields, "test")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Field FinalField.trace is final, so the trace cannot be injected into it. Remove "
                        + "'final' and leave it unassigned.");

        EngineExecutionResults constructor = Kit.run(ConstructorParameter.class);
        assertThat(Kit.failureOf(constructor, "test")).hasRootCauseInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("A SyscallTrace cannot be injected into the constructor of ConstructorParameter");
    }

    private static EngineExecutionResults onAnotherPlatform(Supplier<EngineExecutionResults> run) {
        String os = System.getProperty("os.name");
        System.setProperty("os.name", "Mac OS X");
        try {
            return run.get();
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @TraceSyscalls
    static class OneTest {
        @Test
        void test() {
        }
    }

    static class Mistakes {
        @Test
        @TraceSyscalls(timeout = "soon")
        void badTimeout() {
        }

        @Test
        @TraceSyscalls(value = {}, syscalls = "opnat")
        void unknownSyscall() {
        }

        @Test
        @TraceSyscalls(value = {})
        void recordsNothing() {
        }

        @TestFactory
        @TraceSyscalls
        List<DynamicTest> factory() {
            return List.of(DynamicTest.dynamicTest("dynamic", () -> { }));
        }
    }

    @TraceSyscalls
    static class FinalField {
        final SyscallTrace trace = SyscallTrace.empty();

        @Test
        void test() {
        }
    }

    @TraceSyscalls
    static class ConstructorParameter {
        ConstructorParameter(SyscallTrace trace) {
        }

        @Test
        void test() {
        }
    }
}
