package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TracingNotPermittedException;
import dev.syscallassert.UnsupportedPlatformException;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.config.PlanConfiguration.ReportPolicy;
import dev.syscallassert.junit5.internal.config.PlanConfiguration.WhenUnsupported;
import dev.syscallassert.junit5.internal.config.TestSettings;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@link TraceSyscalls}' extension. The same class plays two parts: in the test JVM it skips the test method and its
 * {@code @BeforeEach}/{@code @AfterEach} methods and runs the invocation in a traced child instead; in that child
 * ({@link ChildSession#current()} present) it lets everything run and marks where the test method begins and ends.
 */
final class TraceSyscallsExtension implements InvocationInterceptor, ParameterResolver {

    // ------------------------------------------------------------------------------------------- the test method

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        intercept(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        intercept(invocation, invocationContext, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        if (ChildSession.current().isEmpty() && TestSettings.appliesTo(context)) {
            invocation.skip();
            throw new ExtensionConfigurationException("@TraceSyscalls cannot trace @TestFactory method "
                    + context.getRequiredTestMethod().getName() + "(): its dynamic tests have no stable identity to "
                    + "run again in a child JVM. Use @ParameterizedTest, or move the method to an untraced class.");
        }
        return invocation.proceed();
    }

    private void intercept(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                           ExtensionContext context) throws Throwable {
        Optional<ChildSession> child = ChildSession.current();
        if (child.isPresent()) {
            runInChild(child.get(), invocation, invocationContext, context);
            return;
        }
        PlanConfiguration plan = PlanConfiguration.of(context);
        Optional<TestSettings> settings = TestSettings.of(context, plan);
        if (settings.isEmpty()) {
            invocation.proceed();
            return;
        }
        // read now, before anything runs: a misspelt value fails every traced test, not only the ones it would affect
        WhenUnsupported whenUnsupported = plan.whenUnsupported();
        plan.reportPolicy();
        plan.reportDirectory();
        invocation.skip();
        traceFields(invocationContext.getTarget().map(Object::getClass).orElse(null));
        Optional<String> unsupported = Platform.unsupportedReason();
        if (unsupported.isPresent()) {
            throw unsupported(whenUnsupported, unsupported.get());
        }
        runTraced(settings.get(), plan, context);
    }

    private static void runInChild(ChildSession child, Invocation<Void> invocation,
                                   ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context)
            throws Throwable {
        if (!child.runs(context.getUniqueId())) {
            invocation.proceed(); // not the test this child was started for (cannot happen with a unique-id selector)
            return;
        }
        Object target = invocationContext.getTarget().orElse(null);
        if (target != null) {
            for (Field f : traceFields(target.getClass())) {
                f.setAccessible(true);
                f.set(target, child.liveTrace());
            }
        }
        child.begin();
        try {
            invocation.proceed();
        } finally {
            child.end();
        }
    }

    private static void runTraced(TestSettings settings, PlanConfiguration plan, ExtensionContext context)
            throws Throwable {
        String testName = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod()
                .getName() + "()" + (context.getUniqueId().endsWith("]") && context.getUniqueId()
                .contains("test-template-invocation") ? " " + context.getDisplayName() : "");
        Path reportFile = ReportWriter.textFile(plan.reportDirectory(), context);
        ChildRun.Outcome outcome;
        try {
            Optional<SpareChildren> spares = SpareChildren.of(context, plan);
            ChildLauncher launcher = new ChildLauncher(ClassDataArchive.of(context, plan));
            outcome = ChildRun.run(settings, context.getUniqueId(), reportFile, plan.forwardedToChild(), spares,
                    launcher);
        } catch (TracingNotPermittedException e) { // UnsupportedPlatformException included
            throw unsupported(plan.whenUnsupported(), e.getMessage());
        }
        ResultRelay.printOutput(outcome);
        SyscallTrace window = outcome.window.window(outcome.result.trace());
        Throwable failure = ResultRelay.failure(outcome, testName, window, reportFile,
                context.getRequiredTestClass().getClassLoader());
        boolean failed = failure != null && !(failure instanceof TestAbortedException);
        if (failed || plan.reportPolicy() == ReportPolicy.ALL) {
            ReportWriter.write(reportFile, context.getUniqueId(), settings.selectionText(), window);
            context.publishReportEntry("syscall-assert.trace", reportFile.toString());
            if (failed) {
                failure = ResultRelay.namingReport(failure, reportFile);
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

    // ----------------------------------------------------------------------------- lifecycle methods around it

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext context) throws Throwable {
        proceedUnlessTraced(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext context) throws Throwable {
        proceedUnlessTraced(invocation, context);
    }

    /** In the test JVM a traced test's @BeforeEach/@AfterEach run in the child only, so nothing runs twice. */
    private static void proceedUnlessTraced(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (ChildSession.current().isEmpty() && TestSettings.appliesTo(context)) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    // ------------------------------------------------------------------------------------------ the injected trace

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != SyscallTrace.class) {
            return false;
        }
        if (parameterContext.getDeclaringExecutable() instanceof Constructor) {
            throw new ExtensionConfigurationException("A SyscallTrace cannot be injected into the constructor of "
                    + parameterContext.getDeclaringExecutable().getDeclaringClass().getSimpleName() + ": the trace "
                    + "belongs to one test method. Declare it as a parameter of the test method or as a field.");
        }
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // In the test JVM the method body never runs; the value only has to exist.
        return ChildSession.current().map(ChildSession::liveTrace).orElse(SyscallTrace.empty());
    }

    /** The fields that receive the trace; a final or static one is a mistake worth a clear message. */
    private static List<Field> traceFields(Class<?> testClass) {
        if (testClass == null) {
            return List.of();
        }
        List<Field> fields = ReflectionSupport.findFields(testClass, f -> f.getType() == SyscallTrace.class,
                HierarchyTraversalMode.TOP_DOWN);
        for (Field f : fields) {
            String name = f.getDeclaringClass().getSimpleName() + "." + f.getName();
            if (Modifier.isStatic(f.getModifiers())) {
                throw new ExtensionConfigurationException("Field " + name + " is static: a SyscallTrace belongs to "
                        + "one test, so it is injected into instance fields only. Remove 'static'.");
            }
            if (Modifier.isFinal(f.getModifiers())) {
                throw new ExtensionConfigurationException("Field " + name + " is final, so the trace cannot be "
                        + "injected into it. Remove 'final' and leave it unassigned.");
            }
        }
        return fields;
    }
}
