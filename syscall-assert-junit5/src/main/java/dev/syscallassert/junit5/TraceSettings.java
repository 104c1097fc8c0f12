package dev.syscallassert.junit5;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.UnknownSyscallException;
import dev.syscallassert.core.syscalls.SyscallSelection;
import dev.syscallassert.core.syscalls.SyscallTable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything one traced test is configured with: the nearest {@link TraceSyscalls} (method, then class, then the
 * classes enclosing a {@code @Nested} one) and the project-wide configuration parameters. Validated eagerly so that a
 * mistake is reported as a configuration error naming the attribute, not as a strange failure in the child.
 */
final class TraceSettings {

    static final String UNSUPPORTED = "syscallassert.unsupported";
    static final String TIMEOUT = "syscallassert.timeout.default";
    static final String REPORT = "syscallassert.report";
    static final String REPORT_DIR = "syscallassert.report.dir";
    static final String JVM_OPTIONS = "syscallassert.jvm.options";
    /** {@code false} starts every child when its test starts, none ahead ({@link SpareChildren}). */
    static final String SPARE = "syscallassert.spare";
    /**
     * When the next spare starts: {@code test-start} (alongside the test, on a machine with cores to spare),
     * {@code test-end} (once the test's child has ended, so that it never competes with a test body), {@code auto}:
     * the first with more than two processors.
     */
    static final String SPARE_START = "syscallassert.spare.start";
    /** {@code false} starts children without a class data sharing archive ({@link ClassDataArchive}). */
    static final String CDS = "syscallassert.cds";
    /** Where the archives are kept; default {@code ~/.cache/syscall-assert/cds}. */
    static final String CDS_DIRECTORY = "syscallassert.cds.dir";

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    enum WhenUnsupported { FAIL, SKIP }

    enum ReportPolicy { FAILED, ALL }

    /** When the next spare child starts ({@link #SPARE_START}). */
    enum SpareStart { AUTO, TEST_START, TEST_END }

    /** A configuration parameter that is on or off: spelt true or false, nothing else. */
    private enum Switch { TRUE, FALSE }

    private final String where;
    private final int[] syscallNumbers;
    private final String selectionText;
    private final Duration timeout;
    private final List<String> jvmOptions;
    private final boolean includeJvmNoise;
    private final WhenUnsupported whenUnsupported;
    private final ReportPolicy reportPolicy;
    private final Path reportDirectory;

    private TraceSettings(String where, int[] syscallNumbers, String selectionText, Duration timeout,
                          List<String> jvmOptions, boolean includeJvmNoise, WhenUnsupported whenUnsupported,
                          ReportPolicy reportPolicy, Path reportDirectory) {
        this.where = where;
        this.syscallNumbers = syscallNumbers;
        this.selectionText = selectionText;
        this.timeout = timeout;
        this.jvmOptions = jvmOptions;
        this.includeJvmNoise = includeJvmNoise;
        this.whenUnsupported = whenUnsupported;
        this.reportPolicy = reportPolicy;
        this.reportDirectory = reportDirectory;
    }

    /** The settings of the test {@code context} belongs to, or empty when no {@link TraceSyscalls} applies to it. */
    static Optional<TraceSettings> of(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return Optional.empty();
        }
        return nearestAnnotation(method.get(), context.getRequiredTestClass())
                .map(found -> from(found.annotation, found.where, context));
    }

    /** Whether the test method of {@code context} is traced. */
    static boolean appliesTo(ExtensionContext context) {
        return context.getTestMethod()
                .flatMap(m -> nearestAnnotation(m, context.getRequiredTestClass()))
                .isPresent();
    }

    private static final class Found {
        final TraceSyscalls annotation;
        final String where;

        Found(TraceSyscalls annotation, String where) {
            this.annotation = annotation;
            this.where = where;
        }
    }

    private static Optional<Found> nearestAnnotation(Method method, Class<?> testClass) {
        Optional<TraceSyscalls> onMethod = AnnotationSupport.findAnnotation(method, TraceSyscalls.class);
        if (onMethod.isPresent()) {
            return Optional.of(new Found(onMethod.get(), "@TraceSyscalls on " + method.getName() + "()"));
        }
        // A @Nested class is an inner class: the annotation on an enclosing class applies to it, as its
        // @ExtendWith does.
        for (Class<?> c = testClass; c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
            Optional<TraceSyscalls> onClass = AnnotationSupport.findAnnotation((AnnotatedElement) c,
                    TraceSyscalls.class);
            if (onClass.isPresent()) {
                return Optional.of(new Found(onClass.get(), "@TraceSyscalls on " + c.getSimpleName()));
            }
        }
        return Optional.empty();
    }

    private static boolean isInner(Class<?> c) {
        return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers());
    }

    private static TraceSettings from(TraceSyscalls a, String where, ExtensionContext context) {
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
        Duration timeout = a.timeout().isBlank()
                ? context.getConfigurationParameter(TIMEOUT)
                        .map(v -> parseDuration(v, "configuration parameter " + TIMEOUT))
                        .orElse(DEFAULT_TIMEOUT)
                : parseDuration(a.timeout(), where + ": timeout");
        List<String> jvmOptions = new ArrayList<>();
        context.getConfigurationParameter(JVM_OPTIONS)
                .ifPresent(v -> Arrays.stream(v.trim().split("\\s+")).filter(s -> !s.isEmpty())
                        .forEach(jvmOptions::add));
        for (String option : a.jvmOptions()) {
            if (option.isBlank() || !option.startsWith("-")) {
                throw new ExtensionConfigurationException(where + ": jvmOptions element \"" + option
                        + "\" is not a JVM option (they start with '-'; give one option per element)");
            }
            jvmOptions.add(option);
        }
        return new TraceSettings(where, numbers.stream().mapToInt(Integer::intValue).toArray(),
                String.join(",", described), timeout, List.copyOf(jvmOptions), a.includeJvmNoise(),
                whenUnsupported(context), reportPolicy(context),
                Path.of(context.getConfigurationParameter(REPORT_DIR).orElse("target/syscall-assert")));
    }

    static WhenUnsupported whenUnsupported(ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter(UNSUPPORTED);
        if (value.isEmpty()) {
            boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
            return linux ? WhenUnsupported.FAIL : WhenUnsupported.SKIP;
        }
        return parseEnum(WhenUnsupported.class, UNSUPPORTED, value.get());
    }

    private static ReportPolicy reportPolicy(ExtensionContext context) {
        return context.getConfigurationParameter(REPORT)
                .map(v -> parseEnum(ReportPolicy.class, REPORT, v))
                .orElse(ReportPolicy.FAILED);
    }

    /** Whether spare children are started ahead ({@link #SPARE}, default on). */
    static boolean sparesEnabled(ExtensionContext context) {
        return isOn(context, SPARE);
    }

    static SpareStart spareStart(ExtensionContext context) {
        return context.getConfigurationParameter(SPARE_START)
                .map(v -> parseEnum(SpareStart.class, SPARE_START, v))
                .orElse(SpareStart.AUTO);
    }

    /** Whether children start with a class data archive ({@link #CDS}, default on). */
    static boolean archiveEnabled(ExtensionContext context) {
        return isOn(context, CDS);
    }

    private static boolean isOn(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key).map(v -> parseEnum(Switch.class, key, v))
                .orElse(Switch.TRUE) == Switch.TRUE;
    }

    /** A value among the constants of {@code type}, written in lower case with '-' for '_': "test-start". */
    private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new ExtensionConfigurationException("Configuration parameter " + key + " = \"" + value
                + "\" is not one of " + Arrays.stream(type.getEnumConstants())
                .map(TraceSettings::spelling).collect(Collectors.joining(", ")));
    }

    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Duration parseDuration(String text, String what) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ExtensionConfigurationException(what + " = \"" + text
                    + "\" is not a duration; write it as \"30 s\", \"500 ms\", \"2 m\" or \"1 h\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d;
        switch (unit) {
            case "ms": d = Duration.ofMillis(n); break;
            case "m": case "min": d = Duration.ofMinutes(n); break;
            case "h": d = Duration.ofHours(n); break;
            default: d = Duration.ofSeconds(n);
        }
        if (d.isZero()) {
            throw new ExtensionConfigurationException(what + " = \"" + text + "\" must be more than zero");
        }
        return d;
    }

    String where() { return where; }

    int[] syscallNumbers() { return syscallNumbers.clone(); }

    /** What is recorded, as strace would spell it: "%file,%net,%process,fsync". */
    String selectionText() { return selectionText; }

    Duration timeout() { return timeout; }

    List<String> jvmOptions() { return jvmOptions; }

    boolean includeJvmNoise() { return includeJvmNoise; }

    WhenUnsupported whenUnsupported() { return whenUnsupported; }

    ReportPolicy reportPolicy() { return reportPolicy; }

    Path reportDirectory() { return reportDirectory; }
}
