package dev.syscallassert.junit5;

import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class data archive on real child JVMs: made by the first plan that needs it, mapped by the children of the
 * next, silently ignored when unusable, and never made against the user's own choice.
 */
class ClassDataArchiveTest {

    /** Tells the fixtures (through the forwarded system properties) where to look and what to expect. */
    private static final String DIRECTORY = "syscallassert.test.cds.dir";
    private static final String EXPECT = "syscallassert.test.cds.expect";

    @TempDir
    Path cache;

    @AfterEach
    void forget() {
        System.clearProperty(DIRECTORY);
        System.clearProperty(EXPECT);
    }

    @Test
    void theFirstPlanMakesTheArchiveAndLaterChildrenMapIt() throws IOException {
        Set<Path> tempBefore = SpareChildrenTest.harnessTempDirectories();
        expect("none");
        Kit.assertAllPassed(run(Map.of()), 2); // neither child had it: it is made while they run
        assertThat(archives()).hasSize(1);
        assertThat(files(".dump-")).as("the rehearsal's work directory").isEmpty();
        SpareChildrenTest.assertNothingLeftBehind(tempBefore); // the rehearsing JVM was waited for

        expect("mapped");
        Kit.assertAllPassed(run(Map.of()), 2);
        Kit.assertAllPassed(run(Map.of(PlanConfiguration.SPARE, "false")), 2);
        assertThat(archives()).as("made once").hasSize(1);
        SpareChildrenTest.assertNothingLeftBehind(tempBefore);
    }

    @Test
    void anArchiveTheJvmCannotUseIsIgnoredWithoutAWord() throws IOException {
        expect("none");
        Kit.assertAllPassed(run(Map.of()), 2);
        Path archive = archives().get(0);
        Files.delete(archive);
        Files.writeString(archive, "not an archive");

        Kit.Captured run = Kit.runCapturing(Mapping.class, configuration(Map.of()));

        Kit.assertAllPassed(run.results, 2);
        assertThat(run.out + run.err).doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("shared archive");
    }

    @Test
    void aFailedRehearsalIsNotRepeatedAndOneUnderWayElsewhereIsNotDuplicated() throws IOException {
        expect("none");
        Kit.assertAllPassed(run(Map.of()), 2);
        Path archive = archives().get(0);
        Files.delete(archive);
        Path failed = archive.resolveSibling(archive.getFileName() + ".failed.log");
        Files.writeString(failed, "what the rehearsing JVM printed");
        Kit.assertAllPassed(run(Map.of()), 2);
        assertThat(archives()).as("not tried again while its failure log is there").isEmpty();

        Files.delete(failed);
        Files.createDirectory(archive.resolveSibling(archive.getFileName() + ".dump-elsewhere"));
        Kit.assertAllPassed(run(Map.of()), 2);
        assertThat(archives()).as("left to the test JVM that is making it").isEmpty();
    }

    @Test
    void turnedOffOrTheUsersOwnSharingMeansNoArchive() throws IOException {
        expect("none");
        Kit.assertAllPassed(run(Map.of(PlanConfiguration.CDS, "false")), 2);
        Kit.assertAllPassed(run(Map.of(PlanConfiguration.JVM_OPTIONS, "-Xshare:off")), 2);
        assertThat(files("")).as("nothing made, nothing started").isEmpty();
    }

    private void expect(String what) {
        System.setProperty(DIRECTORY, cache.toString());
        System.setProperty(EXPECT, what);
    }

    private org.junit.platform.testkit.engine.EngineExecutionResults run(Map<String, String> configuration) {
        return Kit.run(Mapping.class, configuration(configuration));
    }

    private Map<String, String> configuration(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(extra);
        all.put(PlanConfiguration.CDS_DIRECTORY, cache.toString());
        return all;
    }

    /** A dynamic archive (.jsa), or JDK 25's ahead-of-time cache (.aot). */
    private List<Path> archives() throws IOException {
        List<Path> all = files(".jsa");
        all.addAll(files(".aot"));
        all.removeIf(p -> !p.toString().endsWith(".jsa") && !p.toString().endsWith(".aot"));
        return all;
    }

    private List<Path> files(String nameContains) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().contains(nameContains)).collect(Collectors.toList());
        }
    }

    /** Two tests, so that the second may run in a spare. */
    @TraceSyscalls
    static class Mapping {
        @Test
        void one() throws IOException {
            check();
        }

        @Test
        void two() throws IOException {
            check();
        }

        private static void check() throws IOException {
            // as in the test JVM, which Surefire starts through a manifest: no empty entry, so not the working directory
            assertThat(System.getProperty("java.class.path").split(java.io.File.pathSeparator, -1))
                    .as("the child's class path").doesNotContain("");
            String directory = System.getProperty(DIRECTORY);
            List<String> archives = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.contains(directory) && (line.endsWith(".jsa") || line.endsWith(".aot")))
                    .collect(Collectors.toList());
            if (System.getProperty(EXPECT).equals("mapped")) {
                assertThat(archives).as("this JVM's mappings of an archive in " + directory).isNotEmpty();
            } else {
                assertThat(archives).as("this JVM's mappings of an archive in " + directory).isEmpty();
            }
        }
    }
}
