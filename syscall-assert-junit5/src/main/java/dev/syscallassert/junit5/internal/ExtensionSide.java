package dev.syscallassert.junit5.internal;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;

/**
 * What {@code @TraceSyscalls}' extension does on one side of the JVM boundary: in the test JVM
 * ({@code host.HostSide}) it runs each traced test in a child and skips it here; in that child ({@code child.ChildSide})
 * it runs the test and marks where its method begins and ends. The extension picks the side once per test plan.
 */
public interface ExtensionSide {

    /** A {@code @Test} method, or one invocation of a {@code @TestTemplate} (parameterized, repeated). */
    void testMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                    ExtensionContext context) throws Throwable;

    <T> T testFactoryMethod(Invocation<T> invocation, ExtensionContext context) throws Throwable;

    /** A {@code @BeforeEach} or {@code @AfterEach} method. */
    void lifecycleMethod(Invocation<Void> invocation, ExtensionContext context) throws Throwable;

    /** The trace a test method's parameter receives. */
    SyscallTrace trace();

    /**
     * Whether the test or container of {@code context} runs on this side: always, but in a worker JVM that runs a
     * whole class, where only the test the test JVM asks for runs ({@code child.WorkerGate}).
     */
    default ConditionEvaluationResult condition(ExtensionContext context) {
        return ConditionEvaluationResult.enabled("");
    }
}
