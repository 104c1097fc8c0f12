package dev.syscallassert.junit5.internal.config;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * The fields of a test class that receive the trace: non-final instance fields of type {@link SyscallTrace}. Checked in
 * the test JVM before a child starts, so that a final or static one is a configuration error worth a clear message;
 * the child injects the trace into them.
 */
public final class TraceFields {

    private TraceFields() {
    }

    /** The trace fields of {@code testClass} (none for null), top-down. */
    public static List<Field> of(Class<?> testClass) {
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
