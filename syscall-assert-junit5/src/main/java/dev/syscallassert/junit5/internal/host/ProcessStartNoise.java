package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.xlat.Constants;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JDK's part in starting a process the code asked for ({@code ProcessBuilder.start}, {@code Runtime.exec}), found
 * from the kernel's facts in the window, so that what is hidden does not depend on the JDK's launch mechanism:
 *
 * <ul>
 *   <li>{@link NoiseRule#JDK_SPAWN_HELPER}: the JDK (posix_spawn, its default) starts {@code java.home/lib/jspawnhelper},
 *       which sets the process up and then executes the program. From that helper's successful execve to the
 *       program's, everything the process does is the helper's (its loader's opens, its closing of descriptors),
 *       except the execve calls: those try the program the code named, PATH search included, exactly as they do
 *       when the JDK forks without the helper. The clone that made the process stays visible: the code did start
 *       a process, and {@code noProcessSpawned()} must say so.</li>
 *   <li>{@link NoiseRule#JDK_CHILD_PROBE}: right after the clone, the thread that made it reads
 *       {@code /proc/PID/stat} of the new process for its ProcessHandle's start time: those calls, and only while
 *       that thread does nothing else in between.</li>
 * </ul>
 * Test JVM only, on the tracer thread.
 */
final class ProcessStartNoise {

    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");

    private final Set<String> helpers;

    /** {@code javaHomes}: java.home as given and as resolved, each without a trailing slash. */
    ProcessStartNoise(List<String> javaHomes) {
        this.helpers = new HashSet<>();
        for (String home : javaHomes) {
            helpers.add(home + "/lib/jspawnhelper");
        }
    }

    /** Marks the JDK's part in the processes the JVM {@code jvm} starts; other processes' own starts are theirs. */
    void mark(List<SyscallEvent> events, int jvm, NoiseRule[] rules) {
        Set<Integer> startedByJvm = new HashSet<>();
        Set<Integer> inHelper = new HashSet<>();
        // thread -> the /proc/PID/stat of the process it has just created, while it makes no other call
        Map<Integer, String> probing = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            SyscallEvent e = events.get(i);
            boolean exec = e.syscall().equals("execve") || e.syscall().equals("execveat");
            if (exec && e.succeeded() && startedByJvm.contains(e.pid())
                    && e.path().filter(helpers::contains).isPresent()) {
                inHelper.add(e.pid());
                mark(rules, i, NoiseRule.JDK_SPAWN_HELPER);
                continue;
            }
            if (inHelper.contains(e.pid())) {
                if (!exec) {
                    mark(rules, i, NoiseRule.JDK_SPAWN_HELPER);
                } else if (e.succeeded()) {
                    inHelper.remove(e.pid()); // the program runs now: what it does is the code's
                }
                continue;
            }
            String probe = probing.remove(e.tid());
            if (probe != null && LookOnly.of(e) && (e.path().filter(probe::equals).isPresent()
                    || e.fdPath().filter(probe::equals).isPresent())) {
                mark(rules, i, NoiseRule.JDK_CHILD_PROBE);
                probing.put(e.tid(), probe);
                continue;
            }
            if (e.pid() == jvm && createsProcess(e)) {
                startedByJvm.add((int) e.returnValue());
                probing.put(e.tid(), "/proc/" + e.returnValue() + "/stat");
            }
        }
    }

    /** A fork, vfork or clone without CLONE_THREAD that made a process (the flags are on the event). */
    private static boolean createsProcess(SyscallEvent e) {
        return e.succeeded() && e.returnValue() > 0 && e.cloneFlags().isPresent()
                && (e.cloneFlags().getAsLong() & CLONE_THREAD) == 0;
    }

    private static void mark(NoiseRule[] rules, int index, NoiseRule rule) {
        if (rules[index] == null) {
            rules[index] = rule;
        }
    }
}
