package dev.syscallassert.junit5.internal.config;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.UnknownSyscallException;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one traced test is configured with, from the nearest {@link TraceSyscalls} (method, then class, then the classes
 * enclosing a {@code @Nested} one) and the plan's defaults: looked up and validated once per test (per invocation of
 * a parameterized or repeated one) and kept in its method context's store. Validated eagerly, so that a mistake is
 * reported as a configuration error naming the attribute, not as a strange failure in the child. Test JVM only.
 */
public final class TestSettings {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestSettings.class);

    /** The annotation that applies to a test method, and how a message names where it was found. */
    private record AppliedAnnotation(TraceSyscalls annotation, String where) {
        // where: "@TraceSyscalls on badTimeout()", "@TraceSyscalls on MyTest"
    }

    private final int[] syscallNumbers;
    private final String selectionText;
    private final Duration timeout;
    private final List<String> jvmOptions;
    private final boolean includeJvmNoise;

    private TestSettings(int[] syscallNumbers, String selectionText, Duration timeout, List<String> jvmOptions,
                         boolean includeJvmNoise) {
        this.syscallNumbers = syscallNumbers;
        this.selectionText = selectionText;
        this.timeout = timeout;
        this.jvmOptions = jvmOptions;
        this.includeJvmNoise = includeJvmNoise;
    }

    /** Whether the test method of {@code context} is traced; nothing is validated yet. */
    public static boolean appliesTo(ExtensionContext context) {
        return applied(context).isPresent();
    }

    /**
     * The settings of the test {@code context} belongs to, or empty when no {@link TraceSyscalls} applies to it.
     *
     * @throws ExtensionConfigurationException for an attribute or a plan parameter they need that is wrong
     */
    public static Optional<TestSettings> of(ExtensionContext context, PlanConfiguration plan) {
        Optional<AppliedAnnotation> applied = applied(context);
        if (applied.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(context.getStore(NAMESPACE).getOrComputeIfAbsent(TestSettings.class,
                k -> from(applied.get(), plan), TestSettings.class));
    }

    @SuppressWarnings("unchecked")
    private static Optional<AppliedAnnotation> applied(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(AppliedAnnotation.class,
                k -> context.getTestMethod().flatMap(m -> nearestAnnotation(m, context.getRequiredTestClass())),
                Optional.class);
    }

    private static Optional<AppliedAnnotation> nearestAnnotation(Method method, Class<?> testClass) {
        Optional<TraceSyscalls> onMethod = AnnotationSupport.findAnnotation(method, TraceSyscalls.class);
        if (onMethod.isPresent()) {
            return Optional.of(new AppliedAnnotation(onMethod.get(), "@TraceSyscalls on " + method.getName() + "()"));
        }
        // A @Nested class is an inner class: the annotation on an enclosing class applies to it, as its
        // @ExtendWith does.
        for (Class<?> c = testClass; c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
            Optional<TraceSyscalls> onClass = AnnotationSupport.findAnnotation((AnnotatedElement) c,
                    TraceSyscalls.class);
            if (onClass.isPresent()) {
                return Optional.of(new AppliedAnnotation(onClass.get(), "@TraceSyscalls on " + c.getSimpleName()));
            }
        }
        return Optional.empty();
    }

    private static boolean isInner(Class<?> c) {
        return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers());
    }

    private static TestSettings from(AppliedAnnotation applied, PlanConfiguration plan) {
        TraceSyscalls a = applied.annotation();
        String where = applied.where();
        SyscallTable table = SyscallTable.current();
        TreeSet<Integer> numbers = new TreeSet<>();
        List<String> described = new ArrayList<>();
        for (SyscallCategory c : a.value()) {
            for (int nr : table.numbersIn(c)) {
                numbers.add(nr);
            }
            described.add("%" + c.straceName());
        }
        String extra = a.syscalls().trim();
        if (!extra.isEmpty()) {
            if (extra.startsWith("!") || extra.startsWith("trace=")) {
                throw new ExtensionConfigurationException(where + ": syscalls = \"" + a.syscalls()
                        + "\" must list syscall names or %classes to add, e.g. \"fsync,fdatasync\"; negation and "
                        + "\"trace=\" are not supported here");
            }
            try {
                for (int nr : SyscallSelection.parse(table, extra).numbers()) {
                    numbers.add(nr);
                }
            } catch (UnknownSyscallException e) {
                throw new ExtensionConfigurationException(where + ": syscalls = \"" + a.syscalls() + "\": "
                        + e.getMessage(), e);
            }
            described.add(extra);
        }
        if (numbers.isEmpty()) {
            throw new ExtensionConfigurationException(where + " records nothing: "
                    + (a.value().length == 0 && extra.isEmpty()
                    ? "value = {} and syscalls = \"\"; name at least one category or syscall"
                    : "the categories " + Arrays.toString(a.value()) + " have no syscalls on " + table.architecture()));
        }
        Duration timeout = a.timeout().isBlank() ? plan.defaultTimeout()
                : Parsers.parseDuration(a.timeout(), where + ": timeout");
        List<String> jvmOptions = new ArrayList<>(plan.jvmOptions());
        for (String option : a.jvmOptions()) {
            if (option.isBlank() || !option.startsWith("-")) {
                throw new ExtensionConfigurationException(where + ": jvmOptions element \"" + option
                        + "\" is not a JVM option (they start with '-'; give one option per element)");
            }
            jvmOptions.add(option);
        }
        return new TestSettings(numbers.stream().mapToInt(Integer::intValue).toArray(), String.join(",", described),
                timeout, List.copyOf(jvmOptions), a.includeJvmNoise());
    }

    public int[] syscallNumbers() {
        return syscallNumbers.clone();
    }

    /** What is recorded, as strace would spell it: "%file,%net,%process,fsync". */
    public String selectionText() {
        return selectionText;
    }

    /** How long the child may run: the annotation's, or the plan's default. */
    public Duration timeout() {
        return timeout;
    }

    /** The plan's JVM options for every child, then the annotation's. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public boolean includeJvmNoise() {
        return includeJvmNoise;
    }
}
