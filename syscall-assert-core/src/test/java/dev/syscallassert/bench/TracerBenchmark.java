package dev.syscallassert.bench;

import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Traces the same workloads with this tracer (in process, as tests use it) and with {@code strace -f -o /dev/null}
 * in one run, interleaving the rounds so that machine noise hits all alike, and prints the median wall times and
 * their ratio. Not a test: run it with {@code bench/tracer-benchmark.sh [rounds]}.
 */
public final class TracerBenchmark {

    /** 20,000 stat calls and little else: dash's test builtin stats its file each time round. */
    private static final List<String> STAT_LOOP =
            List.of("/bin/sh", "-c", "i=0; while [ $i -lt 20000 ]; do [ -e /etc/hostname ]; i=$((i+1)); done");

    private record Workload(String name, List<String> command, String straceFilter, String ourFilter,
                            boolean oneCpu) {
        Workload(String name, List<String> command, String straceFilter, String ourFilter) {
            this(name, command, straceFilter, ourFilter, false);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Workload> workloads = List.of(
                new Workload("20,000 stat calls (sh loop), every syscall",
                        STAT_LOOP,
                        null, null),
                new Workload("JVM start-up (java -version), every syscall",
                        List.of(java, "-Xshare:auto", "-version"), null, null),
                new Workload("20,000 stat calls, only %process recorded",
                        STAT_LOOP,
                        "%process", "%process"),
                new Workload("JVM start-up, only %network recorded",
                        List.of(java, "-Xshare:auto", "-version"), "%network", "%network"),
                // one CPU for everything: ours with sameCpu(), strace under taskset (it and its tracee pinned alike)
                new Workload("20,000 stat calls, every syscall, one CPU",
                        STAT_LOOP,
                        null, null, true));
        System.out.printf(Locale.ROOT, "%d rounds per workload, medians in ms (%d cores)%n%n", rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-46s %9s %9s %9s %8s %8s%n", "workload", "untraced", "strace", "ours",
                "ours/st", "events");
        for (Workload w : workloads) {
            double[] plain = new double[rounds];
            double[] strace = new double[rounds];
            double[] ours = new double[rounds];
            long events = 0;
            // one warm-up of each, not counted: JIT for our tracer, page cache for everyone
            run(w.command);
            runStrace(w);
            runOurs(w);
            for (int i = 0; i < rounds; i++) {
                plain[i] = time(() -> run(w.command));
                strace[i] = time(() -> runStrace(w));
                long[] n = new long[1];
                ours[i] = time(() -> {
                    n[0] = runOurs(w);
                    return 0;
                });
                events = n[0];
            }
            double s = median(strace);
            double o = median(ours);
            System.out.printf(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f %8.2f %8d%n", w.name, median(plain), s, o, o / s,
                    events);
        }
    }

    static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectOutput(new File("/dev/null"))
                    .redirectError(new File("/dev/null")).start();
            return p.waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int runStrace(Workload w) {
        List<String> c = new ArrayList<>();
        if (w.oneCpu) {
            c.addAll(List.of("taskset", "-c", "0"));
        }
        c.addAll(List.of("strace", "-f", "-o", "/dev/null"));
        if (w.straceFilter != null) {
            c.addAll(List.of("--seccomp-bpf", "-e", "trace=" + w.straceFilter));
        }
        c.addAll(w.command);
        return run(c);
    }

    private static long runOurs(Workload w) {
        Tracer t = Tracer.command(w.command);
        if (w.oneCpu) {
            t.sameCpu();
        }
        if (w.ourFilter != null) {
            t.trace(w.ourFilter);
        }
        TraceResult r = t.run();
        return r.trace().allEvents().size();
    }

    static double time(Supplier<Integer> action) {
        long start = System.nanoTime();
        action.get();
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
