package dev.syscallassert.junit5;

import dev.syscallassert.junit5.internal.config.TestSettings;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TraceTimeoutException;
import dev.syscallassert.junit5.ChildLauncher.LaunchedChild;

import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.ChildRequest.ChildKind;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one traced child JVM for one test invocation and waits for it, in the test JVM. The tracer has its own
 * thread (every ptrace request for the tree must come from the thread that attached it); this one, the test's thread,
 * only waits, so a JUnit timeout or an interrupt kills the child. Leaves nothing behind: the work directory with
 * the request, the snapshot and the result is deleted whatever happens.
 */
final class ChildRun {

    /** What came back from the child. */
    static final class Outcome {
        final TraceResult result;
        final TraceTimeoutException timeout;
        final TraceWindow window;
        final Optional<ChildResult> childResult;
        /** What the test printed: a spare child's warm-up output is not the test's. */
        final String stdout;
        final String stderr;

        Outcome(TraceResult result, TraceTimeoutException timeout, TraceWindow window,
                Optional<ChildResult> childResult, boolean fromSpare) {
            this.result = result;
            this.timeout = timeout;
            this.window = window;
            this.childResult = childResult;
            this.stdout = fromSpare ? afterTestBegins(result.stdout()) : result.stdout();
            this.stderr = fromSpare ? afterTestBegins(result.stderr()) : result.stderr();
        }
    }

    private ChildRun() {
    }

    /**
     * Runs the test in the spare started for the same command line if there is one (and starts the next spare), in
     * a fresh child otherwise. The test's timeout counts from when its child gets the request.
     */
    static Outcome run(TestSettings settings, String uniqueId, Path reportFile, Map<String, String> configuration,
                       Optional<SpareChildren> spares, ChildLauncher launcher) throws IOException {
        ChildCommandLine commandLine = ChildCommand.of(settings);
        Optional<LaunchedChild> spare = spares.flatMap(s -> s.take(commandLine));
        WorkDirectory work = spare.isPresent() ? spare.get().work : WorkDirectory.createTemporary();
        RunningTrace running = spare.map(s -> s.trace).orElse(null);
        Optional<SpareChildren> startingWithTest = spares.filter(SpareChildren::startWithTest);
        try {
            TraceWindow window = spare.isPresent() ? spare.get().window : ChildLauncher.windowFor(work);
            startingWithTest.ifPresent(s -> window.whileBodyRuns(s::bodyBegins, s::bodyEnds));
            ChildRequest request = new ChildRequest(spare.isPresent() ? ChildKind.SPARE : ChildKind.FRESH, uniqueId,
                    settings.syscallNumbers(), reportFile, settings.includeJvmNoise(), configuration);
            if (spare.isPresent()) {
                window.recordOnly(settings.syscallNumbers());
                request.writeInto(work);
            } else {
                request.writeInto(work); // first: a child that starts without its request takes itself for a spare
                running = launcher.startForTest(commandLine, work, window, settings.syscallNumbers(),
                        settings.timeout());
            }
            startingWithTest.ifPresent(s -> s.replenish(commandLine, launcher));
            TraceResult result;
            TraceTimeoutException timeout = null;
            try {
                result = running.await(settings.timeout());
            } catch (TraceTimeoutException e) {
                timeout = e;
                result = e.partialResult();
            } finally {
                window.close();
            }
            spares.filter(s -> !s.startWithTest()).ifPresent(s -> s.replenish(commandLine, launcher));
            return new Outcome(result, timeout, window, ChildResult.read(work.resultFile()), spare.isPresent());
        } finally {
            if (running != null) {
                running.close(); // only does something when an exception came first
            }
            work.delete();
        }
    }

    /** A spare's output after it got its test; all of it when it never got there (it says why it died). */
    private static String afterTestBegins(String output) {
        int at = output.indexOf(ChildMain.TEST_BEGINS);
        return at < 0 ? output : output.substring(at + ChildMain.TEST_BEGINS.length());
    }
}
