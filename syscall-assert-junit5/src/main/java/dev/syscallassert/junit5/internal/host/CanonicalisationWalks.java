package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the JVM's canonicalisations in a window: a run of readlink calls on one thread that is exactly realpath's walk
 * ({@link RealpathWalk}) of a class-path entry, or a walk that begins with the walk of java.home. JDK 17 makes one the
 * first time its class loader opens a class-path jar or directory ({@code readlink("/root")}, ...,
 * {@code readlink(".../assertj-core/3.27.7")}, then the jar), {@code System.loadLibrary} one for each library. The
 * same readlink calls made for any other path, or only some of them, stay visible: a test's own
 * {@code toRealPath()} of its home directory is the test's.
 *
 * <p>When the entry is missing, realpath stops at the missing component and the JDK then canonicalises the longest
 * prefix that exists, one realpath each: such a shorter walk right after the entry's own is the same
 * canonicalisation. Test JVM only, on the tracer thread; the walks are computed once per filter.
 */
final class CanonicalisationWalks {

    private final List<List<String>> entryWalks;
    private final List<List<String>> javaHomeWalks;

    CanonicalisationWalks(List<List<String>> entryWalks, List<List<String>> javaHomeWalks) {
        this.entryWalks = entryWalks;
        this.javaHomeWalks = javaHomeWalks;
    }

    /**
     * Sets {@code rules[i]} for every event of the JVM {@code jvm} that belongs to one of its canonicalisations and
     * has no rule yet.
     */
    void mark(List<SyscallEvent> events, int jvm, NoiseRule[] rules) {
        // Each thread's current run of consecutive readlink calls; any other call of that thread ends it.
        Map<Integer, List<Integer>> runs = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            SyscallEvent e = events.get(i);
            if (e.pid() != jvm) {
                continue;
            }
            if (isReadlink(e)) {
                runs.computeIfAbsent(e.tid(), t -> new ArrayList<>()).add(i);
            } else {
                List<Integer> run = runs.remove(e.tid());
                if (run != null) {
                    markRun(events, run, rules);
                }
            }
        }
        for (List<Integer> run : runs.values()) {
            markRun(events, run, rules);
        }
    }

    private static boolean isReadlink(SyscallEvent e) {
        return (e.syscall().equals("readlink") || e.syscall().equals("readlinkat")) && e.path().isPresent();
    }

    /** A run holds one or more realpath walks; each begins where a path does not continue the one before. */
    private void markRun(List<SyscallEvent> events, List<Integer> run, NoiseRule[] rules) {
        List<List<Integer>> walks = new ArrayList<>();
        List<Integer> current = null;
        for (int index : run) {
            if (current == null || !continues(events.get(current.get(current.size() - 1)), events.get(index))) {
                current = new ArrayList<>();
                walks.add(current);
            }
            current.add(index);
        }
        List<String> previousEntry = null;
        for (List<Integer> walk : walks) {
            List<String> paths = new ArrayList<>(walk.size());
            for (int index : walk) {
                paths.add(events.get(index).path().orElseThrow());
            }
            List<String> entry = entryWalked(paths, previousEntry);
            if (entry != null || startsWithAny(paths, javaHomeWalks)) {
                for (int index : walk) {
                    if (rules[index] == null) {
                        rules[index] = NoiseRule.CANONICALISATION;
                    }
                }
            }
            previousEntry = entry;
        }
    }

    /**
     * The next component of the same walk: a child of the path before, or anything after a readlink that succeeded
     * (a symbolic link, whose target realpath walks next).
     */
    private static boolean continues(SyscallEvent before, SyscallEvent next) {
        if (before.succeeded()) {
            return true;
        }
        String parent = before.path().orElseThrow();
        String path = next.path().orElseThrow();
        return path.length() > parent.length() + 1 && path.startsWith(parent) && path.charAt(parent.length()) == '/'
                && path.indexOf('/', parent.length() + 1) < 0;
    }

    /**
     * The walk of the class-path entry these paths are: all of it, or, right after that entry's own walk, a shorter
     * one (the JDK's next try on a missing entry's parent). Null when they are no entry's.
     */
    private List<String> entryWalked(List<String> paths, List<String> previousEntry) {
        for (List<String> walk : entryWalks) {
            if (walk.equals(paths)) {
                return walk;
            }
        }
        if (previousEntry != null && paths.size() < previousEntry.size()
                && previousEntry.subList(0, paths.size()).equals(paths)) {
            return previousEntry;
        }
        return null;
    }

    private static boolean startsWithAny(List<String> paths, List<List<String>> prefixes) {
        for (List<String> prefix : prefixes) {
            if (!prefix.isEmpty() && paths.size() >= prefix.size() && paths.subList(0, prefix.size()).equals(prefix)) {
                return true;
            }
        }
        return false;
    }
}
