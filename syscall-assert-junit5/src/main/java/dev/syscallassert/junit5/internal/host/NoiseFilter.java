package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which calls in a traced test's window are the JVM's or the harness's rather than the code under test, and
 * marks them {@linkplain SyscallEvent#harness() harness} so that assertions do not see them (the report still shows
 * them). A test that does no I/O must see an empty trace, whatever the JVM does meanwhile. Each reason is a named
 * {@link Rule}, so that a report can say why an event was hidden.
 *
 * <p>Test JVM only; {@link #mark} runs on the tracer thread for every snapshot, while the child waits: the rules are a
 * few string comparisons each, made once for the whole plan's java home and class path.
 */
public final class NoiseFilter {

    /**
     * Names of HotSpot's own threads as the kernel knows them ({@code /proc/TID/comm}, cut at 15 bytes), and of the
     * JDK's and JNA's housekeeping threads. Prefixes, because GC and compiler threads are numbered.
     */
    private static final List<String> JVM_THREAD_PREFIXES = List.of(
            "C1 CompilerThre", "C2 CompilerThre", "GC Thread#", "G1 ", "VM Thread", "VM Periodic Tas",
            "Signal Dispatch", "Finalizer", "Reference Handl", "Common-Cleaner", "Notification Th", "Service Thread",
            "Monitor Deflati", "Attach Listener", "process reaper", "Sweeper thread", "JNA Cleaner", "JFR ",
            "Shenandoah", "ZDirector", "ZDriver", "ZStat", "ZUnmapper", "ZWorker", "Thread-JVMCI",
            // the harness's own threads, such as the child's shutdown hook that writes the outcome at System.exit
            "syscall-assert");

    /**
     * Files the JDK reads on its own the first time some code uses the network (IPv6 detection); a test would see
     * them whenever it touches a socket, which says nothing about the code under test.
     */
    private static final Set<String> JDK_PROBED_FILES = Set.of("/proc/net/if_inet6");

    /** Where JNA unpacks its native library, and deletes it again at exit. */
    private static final String JNA_TEMP = "/JNA/temp/";

    /**
     * One reason why an event is noise: its name (for a report, later a configuration) and, in words, what such
     * events are.
     */
    public record Rule(String name, String reason, Predicate<SyscallEvent> matches) {
    }

    private final List<String> jvmDirectories;
    private final List<Rule> rules;

    public NoiseFilter(String javaHome, List<String> classPath, Path harnessDirectory) {
        Set<String> homes = new LinkedHashSet<>();
        homes.add(withSlash(javaHome));
        try {
            homes.add(withSlash(Path.of(javaHome).toRealPath().toString()));
        } catch (IOException e) {
            // a java.home that does not resolve is still worth matching as given
        }
        this.jvmDirectories = List.copyOf(homes);
        Set<String> entries = new LinkedHashSet<>();
        List<String> dirs = new ArrayList<>();
        for (String entry : classPath) {
            // an empty entry is the working directory to the JVM (Surefire's class path can end with one)
            String absolute = Path.of(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize().toString();
            entries.add(absolute);
            if (!absolute.endsWith(".jar") && !absolute.endsWith(".zip")) {
                dirs.add(withSlash(absolute));
            }
        }
        String harness = withSlash(harnessDirectory.toAbsolutePath().toString());
        this.rules = List.of(
                new Rule("jvm-thread", "a thread of the JVM's own (compiler, garbage collector, VM, reference "
                        + "handling), of the JDK's or JNA's housekeeping, or of the harness",
                        e -> startsWithAny(e.thread(), JVM_THREAD_PREFIXES)),
                new Rule("java-home-canonicalisation", "the JDK canonicalising its own home, directory by "
                        + "directory, when it loads a library",
                        e -> e.syscall().equals("readlink") && e.path().map(this::isAncestorOfJavaHome).orElse(false)),
                onAnyPath("harness-file", "the harness's own files: the child's request, snapshot and outcome",
                        p -> p.startsWith(harness) || p.equals(harness.substring(0, harness.length() - 1))),
                onAnyPath("java-home", "the JDK's own libraries, modules image, jspawnhelper, security files",
                        p -> startsWithAny(p, jvmDirectories)),
                onAnyPath("class-file", "class loading", p -> p.endsWith(".class")),
                onAnyPath("jar", "class loading from a jar", p -> p.endsWith(".jar")),
                onAnyPath("class-path-entry", "class loading: the class loader opening a class path entry",
                        entries::contains),
                onAnyPath("jdk-probe", "a file the JDK reads by itself the first time some code uses the network",
                        JDK_PROBED_FILES::contains),
                onAnyPath("jna-library", "JNA unpacking its native library, and deleting it at exit",
                        p -> p.contains(JNA_TEMP)),
                // a resource the test itself reads from a class path directory stays visible
                onAnyPath("class-path-metadata", "class loading and ServiceLoader: META-INF in a class path directory",
                        p -> p.contains("/META-INF/") && startsWithAny(p, dirs)));
    }

    /** A rule on the paths an event names: its path, its second path (rename, link) or its descriptor's file. */
    private static Rule onAnyPath(String name, String reason, Predicate<String> path) {
        return new Rule(name, reason, e -> e.path().filter(path).isPresent() || e.path2().filter(path).isPresent()
                || e.fdPath().filter(path).isPresent());
    }

    static List<String> splitClassPath(String classPath) {
        return List.of(classPath.split(File.pathSeparator, -1));
    }

    /** The same events, the noisy ones marked. */
    List<SyscallEvent> mark(List<SyscallEvent> events) {
        List<SyscallEvent> marked = new ArrayList<>(events.size());
        for (SyscallEvent e : events) {
            marked.add(!e.harness() && isNoise(e) ? e.toBuilder().harness(true).build() : e);
        }
        return marked;
    }

    public boolean isNoise(SyscallEvent e) {
        return ruleFor(e).isPresent();
    }

    /** The first rule that makes {@code e} noise, or empty when it is the code under test's. */
    public Optional<Rule> ruleFor(SyscallEvent e) {
        for (Rule r : rules) {
            if (r.matches().test(e)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every rule, in the order they are tried. */
    public List<Rule> rules() {
        return rules;
    }

    /** A loop, not a stream: this runs for every event of every snapshot. */
    private static boolean startsWithAny(String s, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean isAncestorOfJavaHome(String path) {
        String dir = withSlash(path);
        return jvmDirectories.stream().anyMatch(home -> home.startsWith(dir));
    }

    private static String withSlash(String dir) {
        return dir.endsWith("/") ? dir : dir + "/";
    }
}
