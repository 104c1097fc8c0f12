package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which calls in a traced test's window are the JVM's or the harness's rather than the code under test's, and
 * marks them {@linkplain SyscallEvent#harness() harness} so that assertions do not see them (the report still shows
 * them, each with the {@link NoiseRule} that hid it). A test that does no I/O must see an empty trace, whatever the JVM
 * does meanwhile; and whatever the code did must be seen: a call is noise because of what it is (the thread that made
 * it, a look at the JVM's own class path or installation, part of the JDK's start of a process), never because of its
 * file's name.
 *
 * <p>Test JVM only. {@link #classify} runs on the tracer thread for every snapshot, over the whole window so far,
 * while the child waits: the facts it compares with (the class path's entries and their realpath walks, java.home and
 * the files its links lead to) are computed once, when the filter is made on the test's thread.
 */
public final class NoiseFilter {

    /**
     * Names of HotSpot's own threads as the kernel knows them ({@code /proc/TID/comm}, cut at 15 bytes), and of the
     * JDK's and JNA's housekeeping threads. Prefixes, because GC and compiler threads are numbered.
     *
     * <p>Signals: once the tracer reports signal deliveries with the receiving thread's name, a signal delivered to
     * one of these threads is noise by this same rule. The JVM's own SIGSEGVs on the test's thread (safepoint polls,
     * implicit null checks) are not: they need a rule of their own, decided from the signal's facts (si_code, the
     * fault address), when those are on the event.
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

    /** The same events, each hidden one marked, and the rule that hid it. */
    public record Marked(List<SyscallEvent> events, List<NoiseRule> rules) {
    }

    private final String harness;
    private final Set<String> classPathEntries;
    private final List<String> classPathDirectories;
    private final JavaHome javaHome;
    private final CanonicalisationWalks walks;
    private final ProcessStartNoise processStarts;

    /**
     * @param javaHome         the child's java.home (the test JVM's: the child runs the same java)
     * @param classPath        the entries the child's class loader reads classes from: its class path, in the
     *                         spelling of its command line, and its {@code -javaagent} jars
     * @param harnessDirectory the child's work directory
     */
    public NoiseFilter(String javaHome, List<String> classPath, Path harnessDirectory) {
        this.javaHome = JavaHome.of(javaHome);
        Set<String> entries = new LinkedHashSet<>();
        List<String> dirs = new ArrayList<>();
        List<List<String>> entryWalks = new ArrayList<>();
        for (String entry : classPath) {
            // an empty entry is the working directory to the JVM (Surefire's class path can end with one)
            String absolute = Path.of(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize().toString();
            if (entries.add(absolute)) {
                entryWalks.add(RealpathWalk.of(absolute));
                // a directory entry: the class loader looks up class files and META-INF in it; an entry that is not
                // there (yet) is taken for a directory too, as nothing in it can be a jar's content
                if (!new File(absolute).isFile()) {
                    dirs.add(withSlash(absolute));
                }
            }
        }
        this.classPathEntries = Set.copyOf(entries);
        this.classPathDirectories = List.copyOf(dirs);
        this.walks = new CanonicalisationWalks(entryWalks, this.javaHome.walks());
        this.processStarts = new ProcessStartNoise(this.javaHome.homes());
        this.harness = withSlash(harnessDirectory.toAbsolutePath().toString());
    }

    /**
     * The same events, the noisy ones marked, with the rule that hid each. {@code jvm} is the traced JVM's pid (the
     * process that sent the test's markers): the rules about a JVM's own work apply to it alone, since a program the
     * code starts, another JVM included, is the code's, all of it.
     */
    Marked mark(List<SyscallEvent> events, int jvm) {
        NoiseRule[] rules = classify(events, jvm);
        List<SyscallEvent> marked = new ArrayList<>(events.size());
        for (int i = 0; i < rules.length; i++) {
            SyscallEvent e = events.get(i);
            marked.add(rules[i] != null && !e.harness() ? e.toBuilder().harness(true).build() : e);
        }
        return new Marked(marked, Arrays.asList(rules));
    }

    /**
     * For each event, the rule that makes it noise, or null when it is the code under test's. The rules that need
     * the events around a call (a realpath walk, a process's start) are decided over the whole list first; then each
     * call on its own, in {@link NoiseRule}'s order.
     */
    NoiseRule[] classify(List<SyscallEvent> events, int jvm) {
        NoiseRule[] rules = new NoiseRule[events.size()];
        for (int i = 0; i < rules.length; i++) {
            SyscallEvent e = events.get(i);
            if (e.pid() == jvm && startsWithAny(e.thread(), JVM_THREAD_PREFIXES)) {
                rules[i] = NoiseRule.JVM_THREAD;
            } else if (onAnyPath(e, this::isHarnessFile)) {
                rules[i] = NoiseRule.HARNESS_FILE;
            }
        }
        processStarts.mark(events, jvm, rules);
        walks.mark(events, jvm, rules);
        for (int i = 0; i < rules.length; i++) {
            SyscallEvent e = events.get(i);
            if (rules[i] == null && e.pid() == jvm && LookOnly.of(e)) {
                rules[i] = lookRule(e);
            }
        }
        return rules;
    }

    /** The rule for a call that only looked at a file, by what that file is to the JVM; null when it is nothing. */
    private NoiseRule lookRule(SyscallEvent e) {
        if (onAnyPath(e, classPathEntries::contains)) {
            return NoiseRule.CLASS_PATH_ENTRY;
        }
        if (onAnyPath(e, p -> p.endsWith(".class") && startsWithAny(p, classPathDirectories))) {
            return NoiseRule.CLASS_LOOKUP;
        }
        if (onAnyPath(e, p -> p.contains("/META-INF/") && startsWithAny(p, classPathDirectories))) {
            return NoiseRule.CLASS_PATH_METADATA;
        }
        if (onAnyPath(e, javaHome::contains)) {
            return NoiseRule.JAVA_HOME;
        }
        if (onAnyPath(e, JDK_PROBED_FILES::contains)) {
            return NoiseRule.JDK_PROBE;
        }
        return null;
    }

    private boolean isHarnessFile(String p) {
        return p.startsWith(harness) || p.equals(harness.substring(0, harness.length() - 1));
    }

    /** The paths an event names: its path, its second path (rename, link) and its descriptor's file. */
    private static boolean onAnyPath(SyscallEvent e, Predicate<String> path) {
        return e.path().filter(path).isPresent() || e.path2().filter(path).isPresent()
                || e.fdPath().filter(path).isPresent();
    }

    /** A loop, not a stream: this runs for every event of every snapshot. */
    static boolean startsWithAny(String s, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String withSlash(String dir) {
        return dir.endsWith("/") ? dir : dir + "/";
    }
}
