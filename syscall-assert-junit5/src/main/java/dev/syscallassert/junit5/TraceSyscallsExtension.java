package dev.syscallassert.junit5;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.ExtensionSide;
import dev.syscallassert.junit5.internal.child.ChildSession;
import dev.syscallassert.junit5.internal.child.ChildSide;
import dev.syscallassert.junit5.internal.host.HostSide;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * {@link TraceSyscalls}' extension. The same class plays two parts, one on each side of the JVM boundary: in the test
 * JVM ({@link HostSide}) it skips the test method and its {@code @BeforeEach}/{@code @AfterEach} methods and runs the
 * invocation in a traced child instead; in that child ({@link ChildSide}) it lets everything run and marks where the
 * test method begins and ends. Which part is decided once per test plan.
 */
final class TraceSyscallsExtension implements InvocationInterceptor, ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TraceSyscallsExtension.class);

    /**
     * The side this test plan runs on, kept in its root store: a child JVM has its session before its launcher runs
     * anything (and a spare's warm-up, a plan of its own, has one too).
     */
    private static ExtensionSide side(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ExtensionSide.class,
                k -> ChildSession.current().<ExtensionSide>map(ChildSide::new).orElseGet(HostSide::new),
                ExtensionSide.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        side(context).testMethod(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        side(context).testMethod(invocation, invocationContext, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        return side(context).testFactoryMethod(invocation, context);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext context) throws Throwable {
        side(context).lifecycleMethod(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext context) throws Throwable {
        side(context).lifecycleMethod(invocation, context);
    }

    /** In a worker JVM that runs a whole class, only the test the test JVM asks for runs; everywhere else, all. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return side(context).condition(context);
    }

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
        return side(extensionContext).trace();
    }
}
