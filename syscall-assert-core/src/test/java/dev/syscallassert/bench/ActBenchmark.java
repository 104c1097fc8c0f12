package dev.syscallassert.bench;

import dev.syscallassert.Fault;
import dev.syscallassert.Tracer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static dev.syscallassert.bench.TracerBenchmark.median;
import static dev.syscallassert.bench.TracerBenchmark.run;
import static dev.syscallassert.bench.TracerBenchmark.time;

/**
 * What acting on calls costs: deny mode without an allow-list, and a fault injected into every one of 20,000 writes, against the
 * same programs untraced and traced with nothing recorded, this tracer in process as tests use it, and strace's own
 * injection; rounds interleaved, medians. Loopback only: the denied socket() never connects anywhere. Not a test:
 * run it with {@code bench/act-benchmark.sh [rounds]}.
 */
public final class ActBenchmark {
    private static final int CALLS = 20_000;
    /** python3 stats "/" 20,000 times, then tries to make an internet socket. */
    private static final List<String> DENY_WORKLOAD = List.of("/usr/bin/python3", "-c", "import os\n"
            + "for _ in range(" + CALLS + "): os.stat('/')\nimport socket\ntry: socket.socket()\nexcept OSError: pass\n");
    /** python3 writes one byte to /dev/null 20,000 times, going on when a write fails. */
    private static final List<String> WRITES = List.of("/usr/bin/python3", "-c", "import os\n"
            + "fd = os.open('/dev/null', os.O_WRONLY)\nfor _ in range(" + CALLS + "):\n"
            + "    try: os.write(fd, b'x')\n    except OSError: pass\n");
    /** Every write returns 1 without running: the program sees what it would have seen anyway. */
    private static final String INJECT = "write:retval=1";

    private ActBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        Map<String, Supplier<Integer>> rows = new LinkedHashMap<>();
        rows.put("deny: python3, untraced", () -> run(DENY_WORKLOAD));
        rows.put("deny: traced, nothing recorded", () -> ours(Tracer.command(DENY_WORKLOAD).trace("none")));
        rows.put("deny: traced, --deny=%network", () -> ours(Tracer.command(DENY_WORKLOAD).trace("none")
                .denyNetwork()));
        rows.put("inject: python3 writes, untraced", () -> run(WRITES));
        rows.put("inject: traced, nothing recorded", () -> ours(Tracer.command(WRITES).trace("none")));
        rows.put("inject: traced, every write recorded", () -> ours(Tracer.command(WRITES).trace("write")));
        rows.put("inject: every write injected (retval=1)", () -> ours(Tracer.command(WRITES).trace("none")
                .inject(Fault.parse(INJECT))));
        rows.put("inject: every write injected (error=EIO)", () -> ours(Tracer.command(WRITES).trace("none")
                .inject(Fault.parse("write:error=EIO"))));
        rows.put("inject: strace -e trace=write (no injection)", () -> strace("-e", "trace=write"));
        rows.put("inject: strace, every write injected (retval=1)", () -> strace("-e", "trace=write", "-e",
                "inject=" + INJECT));
        rows.put("inject: strace, every write injected (error=EIO)", () -> strace("-e", "trace=write", "-e",
                "inject=write:error=EIO"));
        Map<String, double[]> times = new LinkedHashMap<>();
        rows.forEach((name, row) -> {
            row.get(); // warm-up, not counted: JIT for our tracer, page cache for everyone
            times.put(name, new double[rounds]);
        });
        for (int i = 0; i < rounds; i++) {
            for (Map.Entry<String, Supplier<Integer>> row : rows.entrySet()) {
                times.get(row.getKey())[i] = time(row.getValue());
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds, medians in ms (%d cores)%n", rounds,
                Runtime.getRuntime().availableProcessors());
        Map<String, Double> m = new LinkedHashMap<>();
        times.forEach((name, t) -> {
            m.put(name, median(t));
            System.out.printf(Locale.ROOT, "%-46s %9.1f%n", name, median(t));
        });
        System.out.printf(Locale.ROOT, "deny mode without an allow-list: %+.1f ms over tracing with nothing recorded%n",
                m.get("deny: traced, --deny=%network") - m.get("deny: traced, nothing recorded"));
        double ours = m.get("inject: traced, nothing recorded");
        double untraced = m.get("inject: python3 writes, untraced");
        System.out.println("per write, us, over the same program traced with nothing recorded (ours) or untraced "
                + "(strace):");
        for (String[] pair : new String[][] {
                {"recorded", "inject: traced, every write recorded", "inject: strace -e trace=write (no injection)"},
                {"retval=1", "inject: every write injected (retval=1)", "inject: strace, every write injected (retval=1)"},
                {"error=EIO", "inject: every write injected (error=EIO)",
                    "inject: strace, every write injected (error=EIO)"}}) {
            System.out.printf(Locale.ROOT, "  %-10s ours %6.1f   strace %6.1f%n", pair[0],
                    (m.get(pair[1]) - ours) * 1000 / CALLS, (m.get(pair[2]) - untraced) * 1000 / CALLS);
        }
    }

    private static int ours(Tracer tracer) {
        tracer.run();
        return 0;
    }

    private static int strace(String... options) {
        List<String> c = new ArrayList<>(List.of("strace", "-f", "-o", "/dev/null", "--seccomp-bpf"));
        c.addAll(List.of(options));
        c.addAll(WRITES);
        return run(c);
    }
}
