package dev.syscallassert.junit5;

import dev.syscallassert.core.format.Json;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A failed traced test's report directory gets its timeline next to its traces, and JUnit is told of all three. */
class TimelineReportTest {

    @Test
    void withoutAnOutputDirectoryTheTestStillFailsForItsOwnReason() {
        EngineExecutionResults results = Kit.run(Fixture.class); // the EngineTestKit's default: outputs disabled
        assertThat(Kit.failureOf(results, "readsAFileButClaimsItDidNot")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/etc/hostname");
        assertThat(Kit.REPORTS.resolve(Fixture.class.getName()).resolve("readsAFileButClaimsItDidNot.timeline.json"))
                .exists();
    }

    @Test
    void aFailedTracedTestGetsATimelineBesideItsTracesAndAllThreeArePublished(@TempDir Path outputs)
            throws Exception {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PlanConfiguration.REPORT_DIR, Kit.REPORTS.toString())
                .outputDirectoryCreator(new OutputDirectoryCreator() {
                    @Override
                    public Path getRootDirectory() {
                        return outputs;
                    }

                    @Override
                    public Path createOutputDirectory(TestDescriptor descriptor) throws java.io.IOException {
                        return Files.createTempDirectory(outputs, "test");
                    }
                })
                .selectors(DiscoverySelectors.selectClass(Fixture.class)).execute();
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(Kit.failureOf(results, "readsAFileButClaimsItDidNot")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/etc/hostname");
        Path dir = Kit.REPORTS.resolve(Fixture.class.getName());
        Path text = dir.resolve("readsAFileButClaimsItDidNot.txt");
        Path timeline = dir.resolve("readsAFileButClaimsItDidNot.timeline.json");
        assertThat(text).exists();
        assertThat(dir.resolve("readsAFileButClaimsItDidNot.jsonl")).exists();
        String json = Files.readString(timeline).replaceAll("\"(ts|dur)\": (-?\\d+)\\.(\\d{3})", "\"$1\": $2$3");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(json))
                .get("traceEvents");
        assertThat(events).anyMatch(e -> "openat".equals(e.get("name")) && String.valueOf(e.get("args"))
                .contains("/etc/hostname"));
        List<Object> names = events.stream().map(e -> e.get("name")).collect(Collectors.toList());
        assertThat(names).contains("test begin", "test end");
        long begin = events.stream().filter(e -> "test begin".equals(e.get("name"))).mapToLong(e -> (Long) e.get("ts"))
                .findFirst().orElseThrow();
        long end = events.stream().filter(e -> "test end".equals(e.get("name"))).mapToLong(e -> (Long) e.get("ts"))
                .findFirst().orElseThrow();
        assertThat(events.stream().filter(e -> "X".equals(e.get("ph"))).mapToLong(e -> (Long) e.get("ts")))
                .isNotEmpty().allMatch(ts -> ts >= begin && ts <= end);

        List<String> published = results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath().getFileName().toString())
                .collect(Collectors.toList());
        assertThat(published).containsExactlyInAnyOrder("readsAFileButClaimsItDidNot.txt",
                "readsAFileButClaimsItDidNot.jsonl", "readsAFileButClaimsItDidNot.timeline.json");
    }

    @TraceSyscalls
    static class Fixture {
        @Test
        void readsAFileButClaimsItDidNot(dev.syscallassert.SyscallTrace trace) throws Exception {
            Files.readString(Path.of("/etc/hostname"));
            assertThat(trace).didNotOpenFile("/etc/hostname"); // fails: it did
        }
    }
}
