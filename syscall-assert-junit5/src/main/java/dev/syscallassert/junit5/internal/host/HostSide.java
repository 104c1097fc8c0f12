package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TracingNotPermittedException;
import dev.syscallassert.UnsupportedPlatformException;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.junit5.internal.ExtensionSide;
import dev.syscallassert.junit5.internal.cds.ClassDataArchive;
import dev.syscallassert.junit5.internal.config.ActSettings;
import dev.syscallassert.junit5.internal.config.PlanConfiguration.Fork;
import dev.syscallassert.junit5.internal.config.PlanConfiguration.ReportPolicy;
import dev.syscallassert.junit5.internal.config.PlanConfiguration.WhenUnsupported;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.config.TestSettings;
import dev.syscallassert.junit5.internal.config.TraceFields;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The extension in the test JVM: a traced test's method and its {@code @BeforeEach}/{@code @AfterEach} are skipped
 * here and run in a traced child JVM instead ({@link TracedRun}); what came back becomes the test's outcome here
 * ({@link OutcomeRelay}) and, when it failed or the plan asks for all, its report ({@link ReportWriter}). Untraced
 * tests run as they would without the extension. Runs on the thread JUnit runs the test on.
 */
public final class HostSide implements ExtensionSide {

    @Override
    public void testMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                           ExtensionContext context) throws Throwable {
        PlanConfiguration plan = PlanConfiguration.of(context);
        Optional<TestSettings> settings = TestSettings.of(context, plan);
        if (settings.isEmpty()) {
            ActSettings.requireTraced(context); // an untraced test's @DenyNetwork would deny nothing
            invocation.proceed();
            return;
        }
        ActSettings acts = ActSettings.of(context, plan); // its mistakes too, before the child starts
        // read now, before anything runs: a misspelt value fails every traced test, not only the ones it would affect
        WhenUnsupported whenUnsupported = plan.whenUnsupported();
        plan.reportPolicy();
        plan.reportDirectory();
        plan.fork();
        plan.workers();
        plan.sparesEnabled();
        plan.spareStart();
        invocation.skip();
        TraceFields.of(invocationContext.getTarget().map(Object::getClass).orElse(null));
        Optional<String> unsupported = Platform.unsupportedReason();
        if (unsupported.isPresent()) {
            throw unsupported(whenUnsupported, unsupported.get());
        }
        runTraced(settings.get(), acts, plan, context);
    }

    private static void runTraced(TestSettings settings, ActSettings acts, PlanConfiguration plan,
                                  ExtensionContext context) throws Throwable {
        Path reportFile = ReportWriter.textFile(plan.reportDirectory(), context);
        Outcome outcome;
        try {
            Optional<PlanProfile> profile = PlanProfile.of(context, plan);
            ChildLauncher launcher = new ChildLauncher(ClassDataArchive.of(context, plan));
            // a profile needs every syscall from each child's first instruction: a worker's start-up belongs to its
            // first test only, and a spare's is never recorded, so a plan that makes one runs a child per test; so
            // does a test with faults or a deny rule (the tracer acts on one test's calls, a worker's serves many)
            boolean perTest = plan.fork() == Fork.PER_TEST || profile.isPresent() || acts.any();
            Optional<Outcome> inWorker = perTest ? Optional.empty()
                    : WorkerPool.of(context, plan).run(settings, context.getUniqueId(), ClassUnit.of(context),
                    reportFile, plan.forwardedToChild(), launcher);
            // spares serve children of their own; a plan with workers needs them only when the workers are all busy
            outcome = inWorker.isPresent() ? inWorker.get() : TracedRun.run(settings, acts, context.getUniqueId(),
                    reportFile, plan.forwardedToChild(),
                    plan.fork() == Fork.PER_TEST && profile.isEmpty() ? SpareChildren.of(context, plan)
                            : Optional.empty(), launcher, profile);
        } catch (TracingNotPermittedException e) { // UnsupportedPlatformException included
            throw unsupported(plan.whenUnsupported(), e.getMessage());
        }
        OutcomeRelay.printOutput(outcome);
        Throwable failure = OutcomeRelay.failure(outcome, TestNames.displayed(context), reportFile,
                context.getRequiredTestClass().getClassLoader());
        if (failure == null && acts.failTest()) {
            failure = DeniedCalls.failure(outcome.window());
        }
        boolean failed = failure != null && !(failure instanceof TestAbortedException);
        if (failed || plan.reportPolicy() == ReportPolicy.ALL) {
            ReportWriter.write(reportFile, context.getUniqueId(), settings.selectionText(), outcome.window(),
                    outcome.hiddenBy());
            context.publishReportEntry("syscall-assert.trace", reportFile.toString());
            TimelineReport.writeAndPublish(reportFile, outcome.window(), context);
            if (failed) {
                failure = OutcomeRelay.namingReport(failure, reportFile);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException unsupported(WhenUnsupported whenUnsupported, String reason) {
        if (whenUnsupported == WhenUnsupported.SKIP) {
            return new TestAbortedException("Not traced, so skipped: " + reason);
        }
        return new UnsupportedPlatformException(reason + ". To skip traced tests where tracing is impossible, set "
                + PlanConfiguration.UNSUPPORTED + "=skip in junit-platform.properties.");
    }

    @Override
    public <T> T testFactoryMethod(Invocation<T> invocation, ExtensionContext context) throws Throwable {
        if (TestSettings.appliesTo(context)) {
            invocation.skip();
            throw new ExtensionConfigurationException("@TraceSyscalls cannot trace @TestFactory method "
                    + context.getRequiredTestMethod().getName() + "(): its dynamic tests have no stable identity to "
                    + "run again in a child JVM. Use @ParameterizedTest, or move the method to an untraced class.");
        }
        return invocation.proceed();
    }

    /** A traced test's @BeforeEach/@AfterEach run in the child only, so nothing runs twice. */
    @Override
    public void lifecycleMethod(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (TestSettings.appliesTo(context)) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    /** The method body never runs here; the value only has to exist. */
    @Override
    public SyscallTrace trace() {
        return SyscallTrace.empty();
    }
}
