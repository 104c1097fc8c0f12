package dev.syscallassert.junit5;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.host.NoiseRule;
import dev.syscallassert.junit5.internal.host.ReportWriter;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JVM does is hidden for what it is, what the code does is seen whatever its files are called (issue 9,
 * wrong answer 3): a test that uses AssertJ and does no I/O sees an empty trace although its JVM canonicalised
 * AssertJ's jar meanwhile; a jar and a class file the test writes are the test's; the report names the rule that hid
 * each call.
 */
class JvmNoiseTest {

    @Test
    void aTestThatUsesAssertJSeesNoneOfTheClassLoadingItCausesAndTheReportSaysWhy() throws IOException {
        // a fresh child, as for the first traced test of a build: AssertJ's jar is first read in the test method
        EngineExecutionResults results = Kit.run(UsesAssertJ.class,
                Map.of(PlanConfiguration.SPARE, "false", PlanConfiguration.REPORT, "all"));
        Kit.assertAllPassed(results, 1);

        Path text = Kit.REPORTS.resolve(UsesAssertJ.class.getName()).resolve("usesAssertJ.txt");
        List<String> calls = Files.readAllLines(text).stream().filter(l -> l.startsWith("[pid"))
                .collect(Collectors.toList());
        Set<String> rules = Arrays.stream(NoiseRule.values()).map(NoiseRule::ruleName).collect(Collectors.toSet());
        assertThat(calls).as("every call of a test without I/O is hidden, and says by which rule").isNotEmpty()
                .allSatisfy(l -> assertThat(rules).contains(l.substring(l.lastIndexOf(", hidden by ") + 12)));
        if (Runtime.version().feature() == 17) {
            // JDK 17 canonicalises a class-path jar's directories when it first loads from it
            String jarDirectory = assertJJar().getParent().toString();
            assertThat(calls).as("the JVM's canonicalisation of AssertJ's jar, there but hidden")
                    .anyMatch(l -> l.contains("readlink(\"" + jarDirectory + "\"")
                            && l.endsWith("hidden by " + NoiseRule.CANONICALISATION.ruleName()));
        }
        List<String> hiddenHeaders = Files.readAllLines(text).stream().filter(l -> l.startsWith("# hidden by "))
                .collect(Collectors.toList());
        assertThat(hiddenHeaders).as("each rule used is explained once").isNotEmpty()
                .doesNotHaveDuplicates();

        List<String> json = Files.readAllLines(ReportWriter.jsonFile(text));
        assertThat(json).hasSameSizeAs(calls).allSatisfy(l -> assertThat(l).contains("\"harness\":true")
                .containsPattern("\"hidden_by\":\"[a-z-]+\"}$"));
    }

    private static Path assertJJar() {
        try {
            return Path.of(Assertions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJarAndAClassFileTheTestWritesAreTheTestsAndSoIsReadingAJarItPutsOnAClassLoader() {
        EngineExecutionResults results = Kit.run(WritesJarsAndClasses.class);
        results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        assertThat(Kit.failureOf(results, "claimsItWroteNoJar"))
                .hasMessageContaining("Expecting the traced process not to have written")
                .hasMessageContaining("built.jar");
    }

    @TraceSyscalls
    static class UsesAssertJ {
        @Test
        void usesAssertJ(SyscallTrace trace) {
            Assertions.assertThat("abc").startsWith("a").contains("b");
            Assertions.assertThat(List.of(1, 2)).containsExactly(1, 2);
            Assertions.assertThat(Map.of("a", 1)).containsEntry("a", 1);
            Assertions.assertThat(3.0).isCloseTo(3.0, Assertions.within(0.1));
            assertThat(trace).syscalls().isEmpty();
            assertThat(trace.allEvents()).as("the JVM's calls are there, only hidden").isNotEmpty()
                    .allMatch(SyscallEvent::harness);
        }
    }

    /** Bytes of a class file, and a jar holding it; both are only written, never put on the child's class path. */
    static class WritesJarsAndClasses {
        private static final String PLUGIN = Plugin.class.getName();

        @Test
        @TraceSyscalls
        void writesAJarAndAClassFile(SyscallTrace trace, @TempDir Path dir) throws IOException {
            Path jar = writeJar(dir.resolve("built.jar"));
            Path cls = Files.write(dir.resolve("Generated.class"), classBytes());
            assertThat(trace).wroteFile(jar.toString()).createdFile(jar.toString())
                    .wroteFile(cls.toString()).createdFile(cls.toString());
        }

        @Test
        @TraceSyscalls
        void claimsItWroteNoJar(SyscallTrace trace, @TempDir Path dir) throws IOException {
            writeJar(dir.resolve("built.jar"));
            assertThat(trace).didNotWriteFile(dir.resolve("built.jar").toString());
        }

        /**
         * A class loader the code made, over a jar the code wrote, is the code reading that jar: the JVM's own class
         * loading is its class loaders' reading of the class path it was started with.
         */
        @Test
        @TraceSyscalls
        void loadsAClassFromAJarItWrote(SyscallTrace trace, @TempDir Path dir) throws Exception {
            Path jar = writeJar(dir.resolve("plugin.jar"));
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                Class<?> plugin = loader.loadClass(PLUGIN);
                assertThat(plugin.getClassLoader()).as("defined from the jar").isSameAs(loader);
            }
            assertThat(trace).openedFile(jar.toString()).readFile(jar.toString());
        }

        private static Path writeJar(Path jar) throws IOException {
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                out.putNextEntry(new JarEntry(PLUGIN.replace('.', '/') + ".class"));
                out.write(classBytes());
            }
            return jar;
        }

        private static byte[] classBytes() throws IOException {
            String file = PLUGIN.substring(PLUGIN.lastIndexOf('.') + 1) + ".class"; // JvmNoiseTest$Plugin.class
            try (InputStream in = Plugin.class.getResourceAsStream(file)) {
                return in.readAllBytes();
            }
        }
    }

    /** Loaded from a jar by a class loader of the test's own. */
    public static final class Plugin {
    }
}
