package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.core.marker.Marker;
import dev.syscallassert.junit5.internal.wire.ChildRequest;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a child JVM runs when it has no test yet, so that what a cold JVM spends most of a traced test on is done
 * before the test comes: a spare child's warm-up, and the untraced rehearsal whose loaded classes make the class data
 * archive. Child JVM only, on its main thread.
 */
final class WarmUp {

    private static final String WHOLE_ENGINE = "[engine:junit-jupiter]";

    private WarmUp() {
    }

    /**
     * Runs {@link SpareWarmUp} the way a real test runs (loading and compiling the launcher, the Jupiter engine, this
     * extension, AssertJ). Its outcome does not matter: whatever happens, the real test runs next.
     */
    static void run(Launcher launcher) {
        ChildSession.startWarmUp(Path.of(System.getProperty("java.io.tmpdir"), "syscall-assert-warm-up.txt"));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(SpareWarmUp.class))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    // a project's own global extensions may do real work (start a server...): not for a rehearsal
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build());
        } catch (RuntimeException | LinkageError e) {
            // the real test reports whatever is really wrong
        } finally {
            ChildSession.endWarmUp();
        }
    }

    /**
     * What a traced child does, as far as it can be done untraced: the classes loaded here are the ones the class data
     * archive holds. The filter and the markers need a tracer, so their classes are only loaded.
     */
    static void rehearseForArchive(WorkDirectory work) throws Exception {
        ChildMain.loadEngineLibrary();
        Marker.traced();
        run(ChildMain.newLauncher());
        Path report = work.path().resolve("report.txt");
        new ChildRequest(ChildRequest.ChildKind.FRESH, WHOLE_ENGINE, new int[0], report, false, Map.of())
                .writeInto(work);
        ChildRequest.readFrom(work);
        ChildSession.start("", new int[0], work.snapshotFile(), report, false);
        Class.forName("dev.syscallassert.core.seccomp.SeccompInstaller", false, WarmUp.class.getClassLoader());
        Class.forName(OutcomeWriter.SystemExitCalled.class.getName(), false, WarmUp.class.getClassLoader());
        new OutcomeListener(WHOLE_ENGINE).outcome();
        new OutcomeWriter(work).write(TestOutcome.of(TestOutcome.Status.SUCCESSFUL, ""));
    }
}
