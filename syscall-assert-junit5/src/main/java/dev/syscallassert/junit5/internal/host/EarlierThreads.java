package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.junit5.internal.wire.ThreadStarts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which threads of a worker JVM were there before its current test: the kernel's own list of the JVM's threads and of
 * the processes it started (and theirs), each with its start time ({@link ThreadStarts}), so that a thread id the
 * kernel hands out again to a thread of the new test is not taken for the old thread. Test JVM only, on the tracer
 * thread, while the worker's test thread waits in a marker.
 */
final class EarlierThreads {

    private EarlierThreads() {
    }

    /**
     * The threads of process {@code pid} and of its descendants now, with their start times; {@code caller}, the
     * worker's thread that runs the tests, is not one of them.
     */
    static Map<Integer, Long> of(int pid, int caller) {
        return of(pid, caller, Map.of());
    }

    /** As {@link #of(int, int)}, without {@code kept}: the threads of the class a worker runs, which are its tests'. */
    static Map<Integer, Long> of(int pid, int caller, Map<Integer, Long> kept) {
        Map<Integer, Long> threads = new HashMap<>();
        collect(pid, caller, threads, new HashSet<>());
        threads.entrySet().removeIf(e -> e.getValue().equals(kept.get(e.getKey())));
        return threads;
    }

    private static void collect(int pid, int caller, Map<Integer, Long> threads, Set<Integer> seen) {
        if (!seen.add(pid)) {
            return;
        }
        for (int tid : ProcFs.threads(pid)) {
            long start = ThreadStarts.startTime(tid);
            if (tid != caller && start >= 0) {
                threads.put(tid, start);
            }
            String children = ProcFs.read(ProcFs.of(pid, "task", Integer.toString(tid), "children"));
            if (children != null && !children.isBlank()) {
                for (String child : children.trim().split("\\s+")) {
                    collect(Integer.parseInt(child), caller, threads, seen);
                }
            }
        }
    }

    /**
     * Of {@code earlier}, the threads that still run as the same threads (same start time), but {@code testThread},
     * the thread whose test method begins now.
     */
    static Set<Integer> stillRunning(Map<Integer, Long> earlier, int testThread) {
        Set<Integer> running = new HashSet<>();
        for (Map.Entry<Integer, Long> e : earlier.entrySet()) {
            if (e.getKey() != testThread && ThreadStarts.startTime(e.getKey()) == e.getValue()) {
                running.add(e.getKey());
            }
        }
        return running;
    }
}
