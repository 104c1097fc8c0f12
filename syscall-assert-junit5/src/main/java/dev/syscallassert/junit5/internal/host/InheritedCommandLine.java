package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.junit5.internal.config.TestSettings;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command line of the child JVM, inherited from the test JVM: its own java, class path and options, so the test
 * runs the way it would have here. Test JVM only.
 */
final class InheritedCommandLine {

    /** The child dies on a busy debugger port; a debugger attached to the test JVM has nothing to do with it. */
    private static final Pattern DEBUGGER = Pattern.compile("-agentlib:jdwp.*|-Xrunjdwp.*|-Xdebug|-Xnoagent");
    private static final Pattern GC_CHOICE = Pattern.compile("-XX:[+-]Use\\w*GC");
    /** Properties the JVM derives itself or that describe the test JVM's own launch, not the test's setting. */
    private static final List<String> NOT_FORWARDED_PREFIXES = List.of(
            "java.", "javax.", "sun.", "jdk.", "os.", "user.", "file.", "path.", "line.", "native.", "stdout.",
            "stderr.", "surefire.", "jna.loaded", "jnidispatch.", "jna.platform.library.path", "idea.",
            "intellij.", "awt.", "apple.", "com.sun.management.");
    /** Properties in those prefixes that are settings after all. */
    private static final Set<String> FORWARDED_ANYWAY = Set.of(
            "java.io.tmpdir", "java.util.logging.config.file", "java.security.properties", "javax.net.ssl.trustStore",
            "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType", "user.language", "user.country",
            "user.timezone", "file.encoding", "java.net.preferIPv4Stack", "java.net.preferIPv6Addresses");

    private InheritedCommandLine() {
    }

    /**
     * The test JVM's class path: Surefire's real one when it boots through a manifest-only jar. Surefire's list ends
     * with a separator, which on a command line would add the working directory; its manifest does not.
     */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire == null || surefire.isBlank()) {
            return System.getProperty("java.class.path", "");
        }
        return Arrays.stream(surefire.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The child's command line, without its work directory: two tests whose command lines are equal can run in
     * children started alike, which is what lets a spare child started ahead serve the next test.
     */
    static ChildCommandLine of(TestSettings settings) {
        // The JDK sets user.timezone the first time anything asks for the default time zone: ask now, so that the
        // command line does not change in the middle of a run (and no spare is wasted on the old one).
        TimeZone.getDefault();
        List<String> args = new ArrayList<>();
        List<String> inherited = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!DEBUGGER.matcher(a).matches()) {
                inherited.add(a);
            }
        }
        args.addAll(inherited);
        List<String> all = new ArrayList<>(inherited);
        all.addAll(settings.jvmOptions());
        // Start-up dominates a traced test: C1 only and the serial collector start measurably faster, and a test
        // body is rarely long enough to profit from C2. The user's own choices win.
        if (all.stream().noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.equals("-XX:-TieredCompilation"))) {
            args.add("-XX:TieredStopAtLevel=1");
        }
        if (all.stream().noneMatch(a -> GC_CHOICE.matcher(a).matches())) {
            args.add("-XX:+UseSerialGC");
        }
        if (all.stream().noneMatch(a -> a.startsWith("-XX:") && a.contains("UsePerfData"))) {
            args.add("-XX:-UsePerfData"); // no hsperfdata file to create, and none to leave behind when killed
        }
        if (Runtime.version().feature() >= 22 && all.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        for (Map.Entry<String, String> p : forwardedProperties(inherited).entrySet()) {
            args.add("-D" + p.getKey() + "=" + p.getValue());
        }
        args.addAll(settings.jvmOptions());
        return ChildCommandLine.of(args, classPath(), ChildCommandLine.CHILD_MAIN);
    }

    /**
     * System properties set at run time (Surefire's systemPropertyVariables, a test's own System.setProperty in
     * {@code @BeforeAll}) are not among the JVM's input arguments; the child needs them to behave the same.
     */
    private static Map<String, String> forwardedProperties(List<String> inputArguments) {
        Map<String, String> forwarded = new TreeMap<>();
        Properties properties = System.getProperties();
        for (String key : properties.stringPropertyNames()) {
            if (!FORWARDED_ANYWAY.contains(key) && NOT_FORWARDED_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String value = properties.getProperty(key);
            if (inputArguments.contains("-D" + key + "=" + value)) {
                continue; // already on the command line
            }
            forwarded.put(key, value);
        }
        return forwarded;
    }
}
