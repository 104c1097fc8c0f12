package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.ExtensionSide;
import dev.syscallassert.junit5.internal.config.TraceFields;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The extension in a traced child JVM: everything runs as it would untraced; around the one test method this child
 * was started for, the trace is injected and the markers are sent ({@link ChildSession}). Runs on the thread JUnit runs
 * the test on.
 */
public final class ChildSide implements ExtensionSide {

    private final ChildSession session;

    public ChildSide(ChildSession session) {
        this.session = session;
    }

    @Override
    public void testMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                           ExtensionContext context) throws Throwable {
        ChildSession session = session();
        if (!session.runs(context.getUniqueId())) {
            invocation.proceed(); // not the test this child was started for (cannot happen with a unique-id selector)
            return;
        }
        Object target = invocationContext.getTarget().orElse(null);
        if (target != null) {
            for (Field f : TraceFields.of(target.getClass())) {
                f.setAccessible(true);
                f.set(target, session.liveTrace());
            }
        }
        session.begin();
        try {
            invocation.proceed();
        } finally {
            session.end();
        }
    }

    @Override
    public <T> T testFactoryMethod(Invocation<T> invocation, ExtensionContext context) throws Throwable {
        return invocation.proceed();
    }

    @Override
    public void lifecycleMethod(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        invocation.proceed();
    }

    @Override
    public SyscallTrace trace() {
        return session().liveTrace();
    }

    @Override
    public ConditionEvaluationResult condition(ExtensionContext context) {
        return WorkerGate.current().map(g -> g.decide(context.getUniqueId()))
                .orElseGet(() -> ConditionEvaluationResult.enabled(""));
    }

    /** A worker that runs a whole class gives each of its tests a session of its own, as it comes. */
    private ChildSession session() {
        return ChildSession.current().orElse(session);
    }
}
