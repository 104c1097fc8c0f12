package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.xlat.Constants;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
     * <p>A signal sent to one of these threads alone (HotSpot's thread suspension) and the end of one of them are
     * noise by this same rule. The JVM's own faults on the test's thread (safepoint polls, implicit null checks) have
     * a rule of their own, {@link NoiseRule#JVM_FAULT}, decided from the signal's facts.
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

    /** The si_code of a signal sent to one thread (tgkill). */
    private static final int SI_TKILL = Constants.intValue("siginfo_code", "SI_TKILL");

    /** The same timeline (calls, signals, exits), each hidden entry marked, with the rule that hid it, place by place. */
    public record Marked(List<TraceEvent> timeline, List<NoiseRule> rules) {

        static final Marked EMPTY = new Marked(List.of(), List.of());

        /** The marked timeline as a trace (assertions skip what is hidden; the report shows it). */
        public SyscallTrace trace() {
            return SyscallTrace.ofTimeline(timeline);
        }
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
     * The same timeline, the noisy entries marked, with the rule that hid each. {@code jvm} is the traced JVM's pid
     * (the process that sent the test's markers): the rules about a JVM's own work apply to it alone, since a program
     * the code starts, another JVM included, is the code's, all of it.
     */
    Marked mark(List<? extends TraceEvent> timeline, int jvm) {
        return mark(timeline, jvm, Set.of());
    }

    /**
     * As {@link #mark(List, int)}, in a worker JVM that ran earlier tests: {@code earlier} are the threads (of the JVM
     * and of the processes it started) that already ran when this test was handed to the worker and still ran when its
     * method began ({@link EarlierThreads}); what they do is theirs, not this test's, unless a JVM thread's rule
     * applies first. A thread's id stops being one of them at its end in the window, so an id the kernel hands out
     * again afterwards is a new thread's.
     */
    Marked mark(List<? extends TraceEvent> timeline, int jvm, Set<Integer> earlier) {
        Marked marked = markOwn(timeline, jvm);
        if (earlier.isEmpty()) {
            return marked;
        }
        List<TraceEvent> events = new ArrayList<>(marked.timeline());
        List<NoiseRule> rules = new ArrayList<>(marked.rules());
        Set<Integer> running = new HashSet<>(earlier);
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = timeline.get(i);
            if (rules.get(i) == NoiseRule.JVM_THREAD || !ofEarlierThread(e, running, jvm)) {
                continue;
            }
            rules.set(i, NoiseRule.EARLIER_TEST_THREAD);
            events.set(i, e.harness() ? e : hidden(e));
        }
        return new Marked(events, rules);
    }

    /**
     * Whether the entry is one of the {@code running} earlier threads' (it ends one of them when it is its end). A
     * signal sent to the JVM as a whole lands on whichever thread the kernel picks: it stays, but one sent to such a
     * thread alone (tgkill), or delivered in a process an earlier test started, is theirs.
     */
    private static boolean ofEarlierThread(TraceEvent e, Set<Integer> running, int jvm) {
        if (e instanceof SyscallEvent call) {
            return running.contains(call.tid());
        }
        if (e instanceof SignalEvent signal) {
            return running.contains(signal.tid()) && (signal.pid() != jvm || signal.codeNumber() == SI_TKILL);
        }
        if (e instanceof GroupStop stop) {
            return running.contains(stop.tid());
        }
        return running.remove(((ProcessExit) e).tid());
    }

    private Marked markOwn(List<? extends TraceEvent> timeline, int jvm) {
        List<SyscallEvent> calls = new ArrayList<>(timeline.size());
        for (TraceEvent e : timeline) {
            if (e instanceof SyscallEvent call) {
                calls.add(call);
            }
        }
        NoiseRule[] callRules = classify(calls, jvm);
        List<TraceEvent> marked = new ArrayList<>(timeline.size());
        List<NoiseRule> rules = new ArrayList<>(timeline.size());
        int nextCall = 0;
        for (TraceEvent e : timeline) {
            NoiseRule rule;
            if (e instanceof SyscallEvent) {
                rule = callRules[nextCall++];
            } else if (e instanceof SignalEvent signal) {
                rule = ruleOf(signal, jvm);
            } else if (e instanceof GroupStop stop) {
                // the whole JVM stopped (SIGSTOP): its own threads' stops are as much the JVM's as their calls
                rule = stop.pid() == jvm && startsWithAny(stop.thread(), JVM_THREAD_PREFIXES) ? NoiseRule.JVM_THREAD
                        : null;
            } else {
                rule = ruleOf((ProcessExit) e, jvm);
            }
            rules.add(rule);
            marked.add(rule != null && !e.harness() ? hidden(e) : e);
        }
        return new Marked(marked, rules);
    }

    private static TraceEvent hidden(TraceEvent e) {
        if (e instanceof SyscallEvent call) {
            return call.toBuilder().harness(true).build();
        }
        if (e instanceof SignalEvent signal) {
            return signal.toBuilder().harness(true).build();
        }
        if (e instanceof GroupStop stop) {
            return stop.harness(true);
        }
        return ((ProcessExit) e).harness(true);
    }

    /**
     * The rule that makes a signal the JVM's, or null. A fault the kernel raised in the traced JVM (it carries the
     * fault address: SEGV_*, BUS_*, FPE_*, ILL_*) is HotSpot's own mechanism on any thread, the test's included:
     * safepoint polls, implicit null checks and stack banging, turned into safepoints and exceptions inside the JVM;
     * one it cannot handle ends the JVM, and the test fails with that crash. A signal sent to one JVM thread alone
     * (tgkill, SI_TKILL) is the JVM's when that thread is one of its own. A signal sent to the process (kill, a
     * child's SIGCHLD) lands on whichever thread the kernel picks, so that thread says nothing: it stays.
     */
    static NoiseRule ruleOf(SignalEvent s, int jvm) {
        if (s.pid() != jvm) {
            return null; // a process the test started: its signals are the test's
        }
        if (s.faultAddress().isPresent()) {
            return NoiseRule.JVM_FAULT;
        }
        return s.codeNumber() == SI_TKILL && startsWithAny(s.thread(), JVM_THREAD_PREFIXES) ? NoiseRule.JVM_THREAD
                : null;
    }

    /**
     * The rule that makes an end the JVM's, or null: the end of one of the traced JVM's own threads, known by its
     * name, or of a thread whose name the tracer never learnt because it never stopped while traced: every Java
     * thread names itself (prctl PR_SET_NAME, on which the tracer always stops), so these are the JVM's and the
     * launcher's threads that started before the test's filter. A process's end, and the end of any thread of a
     * program the test started, is the test's.
     */
    static NoiseRule ruleOf(ProcessExit exit, int jvm) {
        boolean jvmThread = exit.isThread() && exit.pid() == jvm
                && (exit.thread().isEmpty() || startsWithAny(exit.thread(), JVM_THREAD_PREFIXES));
        return jvmThread ? NoiseRule.JVM_THREAD : null;
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
