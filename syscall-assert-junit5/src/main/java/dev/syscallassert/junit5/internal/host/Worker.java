package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.RunningTrace;
import dev.syscallassert.TraceKilledException;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.junit5.internal.config.TestSettings;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.ChildRequest.ChildKind;
import dev.syscallassert.junit5.internal.wire.TempDirectories;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One traced worker JVM in the test JVM: started once, traced from its first instruction like every child, then
 * given one test after another ({@link #run}), each with its own request, window, outcome and output. A worker that
 * died (a crash, System.exit, the timeout, which kills it) or said it cannot go on is never given another test.
 *
 * <p>Used by one test's thread at a time ({@link WorkerPool} hands it out); its tracer has a thread of its own, and
 * one more thread waits for the worker's end, so that a test whose worker dies learns it at once.
 */
final class Worker {

    /** The tests' own timeouts count per test; the worker itself lives as long as the test plan. */
    private static final Duration LIFETIME = Duration.ofDays(365);
    /** How long a killed worker's tracer gets to reap it. */
    private static final Duration REAPING = Duration.ofSeconds(30);

    private final WorkerPool.Key key;
    private final ChildLauncher launcher;
    private final ChildCommandLine launched;
    private final WorkDirectory work;
    private final NoiseFilter noise;
    private final WorkerMarkers markers = new WorkerMarkers();
    /** Null until the first test starts the worker. */
    private RunningTrace trace;
    private WorkerOutput output;
    /** The worker's end: the tracer's result (with the whole trace), however it came. */
    private final CompletableFuture<TraceResult> ended = new CompletableFuture<>();
    private boolean dead;

    private Worker(WorkerPool.Key key, ChildLauncher launcher, WorkDirectory work) {
        this.key = key;
        this.launcher = launcher;
        this.work = work;
        this.launched = launcher.launched(key.commandLine());
        this.noise = ChildLauncher.noiseFor(work, launched);
    }

    /**
     * A worker for tests of {@code key}; its JVM starts with its first test ({@link #run}), which it finds in its
     * work directory as a child of its own would, so that the first test costs what such a child costs.
     */
    static Worker of(WorkerPool.Key key, ChildLauncher launcher) throws IOException {
        return new Worker(key, launcher, WorkDirectory.createTemporary());
    }

    private void start() throws IOException {
        trace = launcher.startWorker(launched, work, markers, key.syscallNumbers(), LIFETIME);
        output = WorkerOutput.of(trace.pid());
        Thread watch = new Thread(this::awaitEnd, "syscall-assert-worker-" + trace.pid());
        watch.setDaemon(true);
        watch.start();
    }

    WorkerPool.Key key() {
        return key;
    }

    private void awaitEnd() {
        TraceResult result;
        try {
            result = trace.await();
        } catch (TraceKilledException e) {
            result = e.partialResult();
        } catch (TracerException e) {
            result = null;
        }
        ended.complete(result);
        wake();
    }

    private synchronized void wake() {
        notifyAll();
    }

    /**
     * Waits until {@code done} completes or the worker ends, at most {@code timeout}; false when the time ran out.
     * A monitor, not CompletableFuture.get: that one lets a parallel executor's ForkJoinPool start more test threads
     * while this one waits (ManagedBlocker), so more tests would run at once than the plan asked for.
     */
    private synchronized boolean awaitEither(CompletableFuture<?> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.isDone() && !ended.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Whether the worker can run another test: it has not died or said it cannot go on, and the kernel still has it
     * running (a worker that died waiting for its next test is only noticed by its tracer once it is given one).
     */
    boolean usable() {
        if (trace == null) {
            return !dead;
        }
        if (dead || ended.isDone() || markers.cannotGoOn().isPresent()) {
            return false;
        }
        String stat = ProcFs.read(ProcFs.of(trace.pid(), "stat"));
        if (stat == null) {
            return false;
        }
        char state = stat.charAt(stat.lastIndexOf(')') + 2); // proc(5): Z zombie, X dead
        return state != 'Z' && state != 'X';
    }

    /**
     * Runs one test in this worker ({@code unit}: the class it may run whole, see {@link ClassUnit}) and waits for
     * it: until the worker says it ended, or the worker dies, or the test's timeout (counted from now) passes, which kills the worker.
     */
    Outcome run(TestSettings settings, String uniqueId, Optional<String> unit, Path reportFile,
                Map<String, String> configuration) throws IOException {
        TestWindow window = new TestWindow(work.snapshotFile(), noise);
        window.forgetEarlierTests();
        new ChildRequest(ChildKind.WORKER, uniqueId, settings.syscallNumbers(), reportFile,
                settings.includeJvmNoise(), configuration, unit).writeInto(work);
        CompletableFuture<NoiseFilter.Marked> testEnded;
        if (trace == null) {
            testEnded = markers.first(window);
            start();
        } else {
            testEnded = markers.assign(window);
        }
        testEnded.whenComplete((m, e) -> wake());
        Optional<Duration> timedOutAfter = Optional.empty();
        try {
            if (!awaitEither(testEnded, settings.timeout())) {
                timedOutAfter = Optional.of(settings.timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOutAfter = Optional.of(settings.timeout()); // JUnit's own timeout: the test is over, so is its worker
        }
        try {
            if (testEnded.isDone() && !testEnded.isCompletedExceptionally() && timedOutAfter.isEmpty()) {
                return ended(window, testEnded.join());
            }
            return died(window, timedOutAfter);
        } finally {
            window.close();
        }
    }

    /** The worker said the test has ended: its outcome is written, and the worker waits for the next. */
    private Outcome ended(TestWindow window, NoiseFilter.Marked events) throws IOException {
        Optional<TestOutcome> test = TestOutcome.readFrom(work);
        Files.deleteIfExists(work.outcomeFile());
        String out = output.stdout();
        String err = output.stderr();
        // the worker still runs: its process's part of the outcome is the test's window and output
        TraceResult process = new TraceResult(trace.pid(), 0, null, events.trace(), out, err, Duration.ZERO);
        return new Outcome(process, Optional.empty(), test, out, err, events.trace(), events.rules(),
                window.reached(), window.failure());
    }

    /** The worker died in the test, or ran out of its time and is killed now: the window comes from its whole trace. */
    private Outcome died(TestWindow window, Optional<Duration> timedOutAfter) throws IOException {
        dead = true;
        kill();
        TraceResult result = null;
        try {
            if (awaitEither(ended, REAPING)) {
                result = ended.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (result == null) {
            throw new IOException("The traced worker JVM " + trace.pid() + " could not be reaped");
        }
        NoiseFilter.Marked events = window.window(result.trace());
        Optional<TestOutcome> test = TestOutcome.readFrom(work);
        if (timedOutAfter.isPresent() || test.isEmpty() || test.get().status() == TestOutcome.Status.EXITED) {
            TempDirectories.deleteLeftovers(work); // it ended before its JUnit cleaned up after the test
        }
        return new Outcome(result, timedOutAfter, test, output.stdout(), output.stderr(), events.trace(),
                events.rules(), window.reached(), window.failure());
    }

    /** Kills the worker and returns at once (a tracer thread waiting for its next test goes on). */
    void kill() {
        markers.retire();
        if (trace != null) {
            trace.kill();
        }
    }

    /** Kills it if it still runs, waits until it is reaped, removes its files. */
    void close() {
        kill();
        if (trace != null) {
            trace.close(); // reaped; the watching thread ends with it
            try {
                awaitEither(ended, REAPING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (output != null) {
            output.close();
        }
        work.delete();
    }
}
