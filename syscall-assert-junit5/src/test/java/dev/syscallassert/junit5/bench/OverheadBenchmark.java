package dev.syscallassert.junit5.bench;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What {@code @TraceSyscalls} costs. Not a test (a timed test on a shared 2-core machine would only be flaky); run it
 * by hand, see docs/junit5.md:
 * <ol>
 *   <li>the same 20 small tests with and without the annotation, through the JUnit launcher as a build runs them:
 *       the median time per test of each, and the difference, which is the price of a traced child JVM;</li>
 *   <li>a body making 20,000 syscalls outside the recorded categories ({@code read} of /dev/zero), timed inside the
 *       body, in a traced child and in an untraced JVM started with the same options: the ratio of the medians.</li>
 * </ol>
 * The 20 traced tests share one command line, so every one after the first runs in a spare child started ahead
 * (the output counts them); {@code -Dsyscallassert.spare=false} measures fresh children only.
 */
public final class OverheadBenchmark {

    private static final long SPACING_MILLIS = 1000;
    private static final Pattern BODY = Pattern.compile("BODY_NANOS (\\d+)");

    /** Arguments: rounds of the 20-test suites (0: none), runs of the 20,000-syscall body (default 11). */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int bodyRuns = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        runSuite(PlainSuite.class, 1, 0); // warm the launcher and the test JVM so the first suite is not penalised
        // As in any build after the first: the children's class data archive exists (made at the end of this plan)
        runSuite(TracedBody.class, 1, 0);
        if (rounds > 0) {
            suites(rounds);
        }
        body(bodyRuns);
    }

    /** The 20 small tests: untraced, traced back to back, traced with other work in between. */
    private static void suites(int rounds) throws Exception {
        List<Long> plain = new ArrayList<>();
        List<Long> traced = new ArrayList<>();
        int spareChildren = 0;
        int freshChildren = 0;
        for (int r = 0; r < rounds; r++) {
            plain.addAll(runSuite(PlainSuite.class, 20, 0).durations);
            SuiteRun run = runSuite(TracedSuite.class, 20, 0);
            traced.addAll(run.durations);
            spareChildren += count(run.output, "CHILD spare");
            freshChildren += count(run.output, "CHILD fresh");
        }
        List<Long> relaunch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            relaunch.add(untracedChildNanos());
        }
        long plainMedian = median(plain);
        long tracedMedian = median(traced);
        long relaunchMedian = median(relaunch);
        System.out.printf("20 small tests x %d round(s)%n", rounds);
        System.out.printf("  untraced:        median %6.1f ms per test%n", plainMedian / 1e6);
        System.out.printf("  @TraceSyscalls:  median %6.1f ms per test, mean %6.1f ms (%d ran in a spare child "
                        + "started ahead, %d in a fresh one; syscallassert.spare=%s)%n", tracedMedian / 1e6,
                mean(traced) / 1e6, spareChildren, freshChildren, System.getProperty("syscallassert.spare", "true"));
        System.out.printf("  (an untraced fresh JVM running one test by unique id, the same way: median %6.1f ms)%n",
                relaunchMedian / 1e6);
        System.out.printf("  overhead:        median %6.1f ms per test (target: at most 400 ms)%n",
                (tracedMedian - plainMedian) / 1e6);
        // Back to back, the children's CPU is the limit (two cores, a JVM's start and warm-up each); with other work
        // between traced tests, the spare is warm when its test comes, and this is what the test itself costs.
        List<Long> spaced = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            spaced.addAll(runSuite(TracedSuite.class, 20, SPACING_MILLIS).durations);
        }
        System.out.printf("  @TraceSyscalls with %d ms of other work in the test JVM before each test: median %6.1f ms "
                + "per test%n", SPACING_MILLIS, median(spaced) / 1e6);
    }

    /**
     * The body in a traced child and in an untraced JVM, alternately, so that a noisy minute hits both. A body of
     * 15 ms on a shared VM varies by a third from run to run: quote the ratio of the medians over many runs.
     */
    private static void body(int runs) throws Exception {
        List<Long> tracedBody = new ArrayList<>();
        List<Long> plainBody = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            tracedBody.add(tracedBodyNanos());
            plainBody.add(untracedBodyNanos());
        }
        long t = median(tracedBody);
        long p = median(plainBody);
        System.out.printf("20,000 syscalls outside the recorded categories (read of /dev/zero), %d runs each%n", runs);
        System.out.printf("  untraced JVM:    median %6.1f ms (%s)%n", p / 1e6, millis(plainBody));
        System.out.printf("  traced child:    median %6.1f ms (%s)%n", t / 1e6, millis(tracedBody));
        System.out.printf("  ratio:           %.2f (target: at most 1.2)%n", (double) t / p);
    }

    private static String millis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.stream().map(n -> String.format("%.1f", n / 1e6)).collect(Collectors.joining(" "));
    }

    static final class SuiteRun {
        final List<Long> durations;
        final String output;

        SuiteRun(List<Long> durations, String output) {
            this.durations = durations;
            this.output = output;
        }
    }

    /**
     * Runs a class through the launcher; returns each test's time from start to finish, and what it printed. With
     * a pause, the test JVM waits that long before each test (as if other tests ran), outside the measured time.
     */
    static SuiteRun runSuite(Class<?> suite, int expectedTests, long pauseMillis) {
        Map<String, Long> starts = new ConcurrentHashMap<>();
        List<Long> durations = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    if (pauseMillis > 0) {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    starts.put(id.getUniqueId(), System.nanoTime());
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    durations.add(System.nanoTime() - starts.get(id.getUniqueId()));
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failures.add(id.getDisplayName() + ": " + result.getThrowable().orElse(null));
                    }
                }
            }
        };
        Launcher launcher = LauncherFactory.create();
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite))
                    .configurationParameter("syscallassert.report.dir", "target/bench-reports").build(), listener);
        } finally {
            System.setOut(out);
        }
        if (!failures.isEmpty() || durations.size() < expectedTests) {
            throw new IllegalStateException("The benchmark suite " + suite.getSimpleName() + " did not pass: "
                    + failures + " (" + durations.size() + " tests ran)");
        }
        return new SuiteRun(durations, captured.toString(StandardCharsets.UTF_8));
    }

    private static long tracedBodyNanos() {
        return bodyNanos(runSuite(TracedBody.class, 1, 0).output);
    }

    /** One test of the plain suite in a fresh, untraced JVM, the way a traced child runs it: the relaunch alone. */
    private static long untracedChildNanos() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), UntracedChild.class.getName(),
                "[engine:junit-jupiter]/[class:" + PlainSuite.class.getName() + "]/[method:test01()]")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("The untraced child failed: " + output);
        }
        return System.nanoTime() - start;
    }

    /** The same body in a fresh JVM with the options a traced child gets, but no tracer. */
    private static long untracedBodyNanos() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), Bodies.class.getName())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("The untraced body failed: " + output);
        }
        return bodyNanos(output);
    }

    private static long bodyNanos(String output) {
        Matcher m = BODY.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("The body printed no time: " + output);
        }
        return Long.parseLong(m.group(1));
    }

    private static int count(String text, String line) {
        int n = 0;
        for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
            n++;
        }
        return n;
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
