package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TraceTimeoutException;
import dev.syscallassert.junit5.internal.config.ActSettings;
import dev.syscallassert.junit5.internal.config.TestSettings;
import dev.syscallassert.junit5.internal.host.ChildLauncher.LaunchedChild;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.ChildRequest.ChildKind;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.SpareOutput;
import dev.syscallassert.junit5.internal.wire.TempDirectories;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one test invocation in a traced child JVM and waits for it, in the test JVM. The tracer has its own thread
 * (every ptrace request for the tree must come from the thread that attached it); this one, the test's thread, only
 * waits, so a JUnit timeout or an interrupt kills the child. Leaves nothing behind: the work directory with the
 * request, the snapshot and the outcome is deleted whatever happens, and when the child ended before its JUnit
 * cleaned up (killed at the timeout, System.exit), the {@code @TempDir} directories that JUnit would have deleted are.
 */
final class TracedRun {

    private TracedRun() {
    }

    /**
     * Runs the test in the spare started for the same command line if there is one (and starts the next spare), in
     * a fresh child otherwise. The test's timeout counts from when its child gets the request.
     */
    static Outcome run(TestSettings settings, ActSettings acts, String uniqueId, Path reportFile,
                       Map<String, String> configuration, Optional<SpareChildren> spares, ChildLauncher launcher,
                       Optional<PlanProfile> profile)
            throws IOException {
        ChildCommandLine commandLine = InheritedCommandLine.of(settings);
        Optional<LaunchedChild> spare = spares.flatMap(s -> s.take(commandLine));
        WorkDirectory work = spare.isPresent() ? spare.get().work() : WorkDirectory.createTemporary();
        RunningTrace running = spare.map(LaunchedChild::trace).orElse(null);
        Optional<SpareChildren> startingWithTest = spares.filter(SpareChildren::startWithTest);
        try {
            ChildCommandLine launched = spare.isPresent() ? null : launcher.launched(commandLine);
            TestWindow window = spare.isPresent() ? spare.get().window() : ChildLauncher.windowFor(work, launched);
            startingWithTest.ifPresent(s -> window.whileBodyRuns(s::bodyBegins, s::bodyEnds));
            ChildRequest request = new ChildRequest(spare.isPresent() ? ChildKind.SPARE : ChildKind.FRESH, uniqueId,
                    acts.withStopped(settings.syscallNumbers()), reportFile, settings.includeJvmNoise(), configuration);
            if (profile.isPresent()) {
                window.recordOnly(settings.syscallNumbers()); // the test still sees its own selection only
            }
            if (spare.isPresent()) {
                window.recordOnly(settings.syscallNumbers());
                spare.get().acts().set(acts.rules()); // before the child learns its test, and so installs its filter
                request.writeInto(work);
            } else {
                request.writeInto(work); // first: a child that starts without its request takes itself for a spare
                running = profile.isPresent()
                        ? launcher.startRecordingEverything(launched, work, window, settings.timeout(), acts)
                        : launcher.startForTest(launched, work, window, settings.syscallNumbers(),
                                settings.timeout(), acts);
            }
            startingWithTest.ifPresent(s -> s.replenish(commandLine, launcher));
            TraceResult result;
            Optional<Duration> timedOutAfter = Optional.empty();
            try {
                result = running.await(settings.timeout());
            } catch (TraceTimeoutException e) {
                timedOutAfter = Optional.of(e.timeout());
                result = e.partialResult();
            } finally {
                window.close();
            }
            TraceResult whole = result;
            profile.ifPresent(p -> p.add(whole.trace()));
            spares.filter(s -> !s.startWithTest()).ifPresent(s -> s.replenish(commandLine, launcher));
            boolean fromSpare = spare.isPresent();
            NoiseFilter.Marked events = window.window(result.trace());
            Optional<TestOutcome> test = TestOutcome.readFrom(work);
            if (timedOutAfter.isPresent() || test.isEmpty() || test.get().status() == TestOutcome.Status.EXITED) {
                // the child ended before its JUnit cleaned up after the test: do what it would have done
                TempDirectories.deleteLeftovers(work);
            }
            return new Outcome(result, timedOutAfter, test,
                    fromSpare ? SpareOutput.ofTheTest(result.stdout()) : result.stdout(),
                    fromSpare ? SpareOutput.ofTheTest(result.stderr()) : result.stderr(),
                    events.trace(), events.rules(), window.reached(), window.failure());
        } finally {
            if (running != null) {
                running.close(); // only does something when an exception came first
            }
            work.delete();
        }
    }
}
