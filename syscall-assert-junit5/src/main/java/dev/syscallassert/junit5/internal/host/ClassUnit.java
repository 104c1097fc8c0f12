package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.UniqueId;

import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * The class a worker JVM may run whole for a test, so that its {@code @BeforeAll} runs once for all its traced tests:
 * the test's top-level class, when {@code @TraceSyscalls} applies to that class as a whole (on it, a superclass or an
 * interface), so that every test in it, its {@code @Nested} classes' included, has the extension that lets the worker
 * run only the test asked for. A class traced method by method has tests the worker must not run: its tests run
 * alone. Test JVM only, on the test's thread.
 */
final class ClassUnit {

    private ClassUnit() {
    }

    /** The unique id of the class to run whole for the test of {@code context}, if there is one. */
    static Optional<String> of(ExtensionContext context) {
        Class<?> top = context.getRequiredTestClass();
        while (top.getEnclosingClass() != null && !Modifier.isStatic(top.getModifiers())) {
            top = top.getEnclosingClass(); // a @Nested class runs inside its enclosing class's set-up
        }
        if (AnnotationSupport.findAnnotation(top, TraceSyscalls.class).isEmpty()) {
            return Optional.empty();
        }
        UniqueId unit = null;
        for (UniqueId.Segment s : UniqueId.parse(context.getUniqueId()).getSegments()) {
            unit = unit == null ? UniqueId.root(s.getType(), s.getValue()) : unit.append(s);
            if (s.getType().equals("class") && s.getValue().equals(top.getName())) {
                return Optional.of(unit.toString());
            }
        }
        return Optional.empty();
    }
}
