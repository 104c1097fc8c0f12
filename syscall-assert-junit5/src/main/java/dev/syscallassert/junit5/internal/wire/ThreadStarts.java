package dev.syscallassert.junit5.internal.wire;

import dev.syscallassert.core.linux.ProcFs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Threads as the kernel tells them apart: id and start time ({@code /proc/TID/stat} field 22, clock ticks since
 * boot), so that an id the kernel gives out again is a new thread. Read by the test JVM (a worker's threads before its
 * test) and by the worker (the threads its class's set-up started), and the worker's list travels in its "next"
 * marker's argument, both ends of that spelling here.
 */
public final class ThreadStarts {

    /** proc(5): starttime. */
    private static final int START_TIME = 22;

    private ThreadStarts() {
    }

    /** The threads of process {@code pid} now, each with its start time. */
    public static Map<Integer, Long> of(int pid) {
        Map<Integer, Long> threads = new HashMap<>();
        for (int tid : ProcFs.threads(pid)) {
            long start = startTime(tid);
            if (start >= 0) {
                threads.put(tid, start);
            }
        }
        return threads;
    }

    /** The thread's start time, or -1 when it is gone. */
    public static long startTime(int tid) {
        return ProcFs.statField(tid, START_TIME);
    }

    /** "tid/start,tid/start". */
    public static String encode(Map<Integer, Long> threads) {
        return threads.entrySet().stream().map(e -> e.getKey() + "/" + e.getValue()).collect(Collectors.joining(","));
    }

    public static Map<Integer, Long> decode(String text) {
        Map<Integer, Long> threads = new HashMap<>();
        Arrays.stream(text.split(",")).filter(t -> !t.isEmpty()).forEach(t -> {
            int slash = t.indexOf('/');
            threads.put(Integer.parseInt(t.substring(0, slash)), Long.parseLong(t.substring(slash + 1)));
        });
        return threads;
    }
}
