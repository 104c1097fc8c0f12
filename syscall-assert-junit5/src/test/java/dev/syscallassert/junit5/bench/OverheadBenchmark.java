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
 * The traced tests run twice, in a child JVM each ({@code syscallassert.fork=per-test}; every one after the first
 * in a spare child started ahead, the output counts them; {@code -Dsyscallassert.spare=false} measures fresh
 * children only) and in a worker JVM that runs them one after another (the default).
 */
public final class OverheadBenchmark {

    private static final long SPACING_MILLIS = 1000;
    private static final Pattern BODY = Pattern.compile("BODY_NANOS (\\d+)");
    private static final Pattern RSS = Pattern.compile("RSS_KB (\\d+)");

    /** Arguments: rounds of the 20-test suites (0: none), runs of the 20,000-syscall body (default 11). */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int bodyRuns = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        runSuite(PlainSuite.class, 1, 0); // warm the launcher and the test JVM so the first suite is not penalised
        // As in any build after the first: the children's class data archive exists (made at the end of this plan)
        runSuite(TracedBody.class, 1, 0);
        if (rounds > 0) {
            suites(rounds);
            serverSuites(rounds);
        }
        body(bodyRuns);
    }

    /** Each traced test in a child JVM of its own: today's default before workers, and what per-test mode keeps. */
    private static final Map<String, String> PER_TEST = Map.of("syscallassert.fork", "per-test");
    /** The default: traced tests share a worker JVM. */
    private static final Map<String, String> WORKER = Map.of();

    /**
     * The 20 small tests: untraced, traced back to back, traced with other work in between; traced both in a child
     * JVM per test and in a worker JVM, rounds interleaved so that a noisy minute hits both.
     */
    private static void suites(int rounds) throws Exception {
        List<Long> plain = new ArrayList<>();
        List<Long> perTest = new ArrayList<>();
        List<Long> worker = new ArrayList<>();
        int spareChildren = 0;
        int freshChildren = 0;
        int workerTests = 0;
        List<Long> workerRss = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            plain.addAll(runSuite(PlainSuite.class, 20, 0, WORKER).durations);
            SuiteRun run = runSuite(TracedSuite.class, 20, 0, PER_TEST);
            perTest.addAll(run.durations);
            spareChildren += count(run.output, "CHILD spare");
            freshChildren += count(run.output, "CHILD fresh");
            SuiteRun inWorker = runSuite(TracedSuite.class, 20, 0, WORKER);
            worker.addAll(inWorker.durations);
            workerTests += count(inWorker.output, "CHILD worker");
            Matcher rss = RSS.matcher(inWorker.output);
            while (rss.find()) {
                workerRss.add(Long.parseLong(rss.group(1)));
            }
        }
        List<Long> relaunch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            relaunch.add(untracedChildNanos());
        }
        long plainMedian = median(plain);
        long relaunchMedian = median(relaunch);
        System.out.printf("20 small tests x %d round(s)%n", rounds);
        System.out.printf("  untraced:                      median %6.1f ms per test%n", plainMedian / 1e6);
        System.out.printf("  @TraceSyscalls, fork=per-test: median %6.1f ms per test, mean %6.1f ms (%d ran in a spare "
                        + "child started ahead, %d in a fresh one; syscallassert.spare=%s), overhead %6.1f ms%n",
                median(perTest) / 1e6, mean(perTest) / 1e6, spareChildren, freshChildren,
                System.getProperty("syscallassert.spare", "true"), (median(perTest) - plainMedian) / 1e6);
        System.out.printf("  @TraceSyscalls, worker JVM:    median %6.1f ms per test, mean %6.1f ms (%d ran in a "
                        + "worker; the first of each round starts it: %6.1f ms), overhead %6.1f ms (target: at most "
                        + "20 ms)%n", median(worker) / 1e6, mean(worker) / 1e6, workerTests,
                median(firsts(worker, 20)) / 1e6, (median(worker) - plainMedian) / 1e6);
        System.out.printf("  the worker's resident size at its last test: median %d kB%n",
                workerRss.isEmpty() ? 0 : median(workerRss));
        System.out.printf("  (an untraced fresh JVM running one test by unique id, the same way: median %6.1f ms)%n",
                relaunchMedian / 1e6);
        // Back to back, the children's CPU is the limit (two cores, a JVM's start and warm-up each); with other work
        // between traced tests, the spare is warm when its test comes, and this is what the test itself costs.
        List<Long> spacedPerTest = new ArrayList<>();
        List<Long> spacedWorker = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            spacedPerTest.addAll(runSuite(TracedSuite.class, 20, SPACING_MILLIS, PER_TEST).durations);
            spacedWorker.addAll(runSuite(TracedSuite.class, 20, SPACING_MILLIS, WORKER).durations);
        }
        System.out.printf("  with %d ms of other work in the test JVM before each test: median %6.1f ms per test "
                + "(fork=per-test), %6.1f ms (worker JVM)%n", SPACING_MILLIS, median(spacedPerTest) / 1e6,
                median(spacedWorker) / 1e6);
    }

    /**
     * A class whose {@code @BeforeAll} starts an HTTP server, with 20 tests that ask it something: untraced, traced in
     * a child per test (each starts the server again) and in a worker JVM (the class whole: the server once).
     */
    private static void serverSuites(int rounds) {
        List<Long> plain = new ArrayList<>();
        List<Long> perTest = new ArrayList<>();
        List<Long> worker = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            plain.addAll(runSuite(PlainServerSuite.class, 20, 0, WORKER).durations);
            perTest.addAll(runSuite(TracedServerSuite.class, 20, 0, PER_TEST).durations);
            worker.addAll(runSuite(TracedServerSuite.class, 20, 0, WORKER).durations);
        }
        long plainMedian = median(plain);
        System.out.printf("20 tests of a class whose @BeforeAll starts an HTTP server, x %d round(s)%n", rounds);
        System.out.printf("  untraced:                      median %6.1f ms per test%n", plainMedian / 1e6);
        System.out.printf("  @TraceSyscalls, fork=per-test: median %6.1f ms per test, overhead %6.1f ms%n",
                median(perTest) / 1e6, (median(perTest) - plainMedian) / 1e6);
        System.out.printf("  @TraceSyscalls, worker JVM:    median %6.1f ms per test, overhead %6.1f ms (target: at most "
                + "20 ms)%n", median(worker) / 1e6, (median(worker) - plainMedian) / 1e6);
    }

    /** The first of each run of {@code perRun} durations. */
    private static List<Long> firsts(List<Long> durations, int perRun) {
        List<Long> firsts = new ArrayList<>();
        for (int i = 0; i < durations.size(); i += perRun) {
            firsts.add(durations.get(i));
        }
        return firsts;
    }

    /**
     * The body in a traced child and in an untraced JVM, alternately, so that a noisy minute hits both. A body of
     * 15 ms on a shared VM varies by a third from run to run: quote the ratio of the medians over many runs.
     */
    private static void body(int runs) throws Exception {
        List<Long> tracedBody = new ArrayList<>();
        List<Long> workerBody = new ArrayList<>();
        List<Long> plainBody = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            tracedBody.add(bodyNanos(runSuite(TracedBody.class, 1, 0, PER_TEST).output));
            workerBody.add(bodyNanos(runSuite(TracedBody.class, 1, 0, WORKER).output));
            plainBody.add(untracedBodyNanos());
        }
        long t = median(tracedBody);
        long w = median(workerBody);
        long p = median(plainBody);
        System.out.printf("20,000 syscalls outside the recorded categories (read of /dev/zero), %d runs each%n", runs);
        System.out.printf("  untraced JVM:    median %6.1f ms (%s)%n", p / 1e6, millis(plainBody));
        System.out.printf("  traced child:    median %6.1f ms (%s)%n", t / 1e6, millis(tracedBody));
        System.out.printf("  traced worker:   median %6.1f ms (%s)%n", w / 1e6, millis(workerBody));
        System.out.printf("  ratio:           %.2f per-test, %.2f worker (target: at most 1.1)%n", (double) t / p,
                (double) w / p);
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
        return runSuite(suite, expectedTests, pauseMillis, WORKER);
    }

    static SuiteRun runSuite(Class<?> suite, int expectedTests, long pauseMillis, Map<String, String> configuration) {
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
                    .configurationParameter("syscallassert.report.dir", "target/bench-reports")
                    .configurationParameters(configuration).build(), listener);
        } finally {
            System.setOut(out);
        }
        if (!failures.isEmpty() || durations.size() < expectedTests) {
            throw new IllegalStateException("The benchmark suite " + suite.getSimpleName() + " did not pass: "
                    + failures + " (" + durations.size() + " tests ran)");
        }
        return new SuiteRun(durations, captured.toString(StandardCharsets.UTF_8));
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
