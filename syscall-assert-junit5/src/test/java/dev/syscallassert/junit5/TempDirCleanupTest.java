package dev.syscallassert.junit5;

import dev.syscallassert.junit5.internal.wire.TempDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced test killed at its timeout has had no JUnit cleanup in its child: the test JVM deletes what that JUnit
 * would have deleted, the {@code @TempDir} directories it made with cleanup mode ALWAYS, and nothing else (not the
 * ones it keeps, not a directory of the test's own, not what a link in them leads to, not what a project's own
 * factory made). Issue 9.
 */
class TempDirCleanupTest {

    private static final Pattern PRINTED = Pattern.compile("^(always|own|users): (.+)$",
            Pattern.MULTILINE);

    @Test
    void aTimedOutTestsTempDirsAreDeletedAsItsJUnitWouldHaveDeletedThem() throws IOException {
        Kit.Captured run = Kit.runCapturing(SleepsPastItsTimeout.class);
        run.results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(Kit.failureOf(run.results, "sleeps")).isInstanceOf(TimeoutException.class);
        Map<String, List<Path>> printed = printed(run.out);
        try {
            assertThat(printed.get("always")).as("parameter, field and static field").hasSize(3)
                    .allSatisfy(p -> assertThat(p).doesNotExist());
            assertThat(printed.get("own")).as("made by the test, linked from a deleted one").singleElement()
                    .satisfies(p -> assertThat(p.resolve("kept")).isRegularFile());
        } finally {
            deleteAll(printed.get("own"));
        }
    }

    /**
     * Which directories the child lists, decided as JUnit decides whether to delete them: the annotation's mode,
     * else the configured default. Run untraced here with the child's factory, so that JUnit in this JVM makes and
     * cleans them (a traced fixture would also make its parameters in this JVM, which skips the method).
     */
    @Test
    void theChildListsOnlyTheDirectoriesJUnitDeletesWhateverTheOutcome(@TempDir Path work) throws IOException {
        Path record = work.resolve("temp-dirs.txt");
        Modes.made.clear();
        EngineExecutionResults results = org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .configurationParameter(TempDir.DEFAULT_FACTORY_PROPERTY_NAME,
                        "dev.syscallassert.junit5.internal.child.RecordingTempDirFactory")
                .configurationParameter(TempDirectories.RECORD_PARAMETER, record.toString())
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(Modes.class))
                .execute();
        try {
            Kit.assertAllPassed(results, 1);
            assertThat(Files.readAllLines(record)).containsExactly(Modes.made.get("always").toString(),
                    Modes.made.get("default").toString());
        } finally {
            deleteAll(List.of(Modes.made.get("never")));
        }
    }

    @Test
    void aPassingTestsTempDirIsStillJUnitsToDelete() throws IOException {
        Kit.Captured run = Kit.runCapturing(Passes.class);
        Kit.assertAllPassed(run.results, 1);
        assertThat(printed(run.out).get("always")).singleElement().satisfies(p -> assertThat(p).doesNotExist());
    }

    @Test
    void aDirectoryFromTheProjectsOwnFactoryIsNeverDeleted() throws IOException {
        Kit.Captured run = Kit.runCapturing(SleepsWithTheUsersFactory.class,
                Map.of(TempDir.DEFAULT_FACTORY_PROPERTY_NAME, UsersFactory.class.getName()));
        run.results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        List<Path> users = printed(run.out).get("users");
        try {
            assertThat(users).singleElement().satisfies(p -> {
                assertThat(p.getFileName().toString()).startsWith(UsersFactory.PREFIX);
                assertThat(p).isDirectory();
            });
        } finally {
            deleteAll(users);
        }
    }

    private static Map<String, List<Path>> printed(String out) {
        Map<String, List<Path>> printed = new java.util.HashMap<>();
        Matcher m = PRINTED.matcher(out);
        while (m.find()) {
            printed.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Path.of(m.group(2)));
        }
        return printed;
    }

    @SafeVarargs
    private static void deleteAll(List<Path>... lists) throws IOException {
        for (List<Path> list : lists) {
            for (Path dir : list == null ? List.<Path>of() : list) {
                if (Files.exists(dir)) {
                    try (Stream<Path> all = Files.walk(dir)) {
                        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }

    /** Untraced: its directories are made by the child's factory in this JVM. */
    static class Modes {
        static final Map<String, Path> made = new java.util.concurrent.ConcurrentHashMap<>();

        @Test
        void makesOneOfEach(@TempDir(cleanup = CleanupMode.ALWAYS) Path always, @TempDir Path byDefault,
                            @TempDir(cleanup = CleanupMode.NEVER) Path never,
                            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path onSuccess) {
            made.put("always", always);
            made.put("default", byDefault);
            made.put("never", never);
            made.put("on-success", onSuccess);
        }
    }

    @TraceSyscalls(timeout = "3 s")
    static class SleepsPastItsTimeout {
        @TempDir
        static Path shared;
        @TempDir
        Path field;

        @Test
        void sleeps(@TempDir Path parameter) throws Exception {
            Path own = Files.createTempDirectory("not-junits-");
            Files.writeString(own.resolve("kept"), "the test's own");
            Files.createDirectories(parameter.resolve("sub/deeper"));
            Files.writeString(parameter.resolve("sub/deeper/file"), "x");
            Files.createSymbolicLink(parameter.resolve("link-to-own"), own);
            for (Path p : List.of(parameter, field, shared)) {
                System.out.println("always: " + p);
            }
            System.out.println("own: " + own);
            Thread.sleep(60_000);
        }
    }

    @TraceSyscalls
    static class Passes {
        @Test
        void usesATempDir(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("file"), "x");
            System.out.println("always: " + dir);
        }
    }

    @TraceSyscalls(timeout = "3 s")
    static class SleepsWithTheUsersFactory {
        @Test
        void sleeps(@TempDir Path dir) throws Exception {
            System.out.println("users: " + dir);
            Thread.sleep(60_000);
        }
    }

    /** A project's own factory: what it returns is the project's business, even where JUnit would delete it. */
    public static final class UsersFactory implements TempDirFactory {
        static final String PREFIX = "users-factory-";

        @Override
        public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
                throws IOException {
            return Files.createTempDirectory(PREFIX);
        }
    }
}
