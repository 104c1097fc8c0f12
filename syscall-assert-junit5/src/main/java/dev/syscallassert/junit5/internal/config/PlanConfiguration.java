package dev.syscallassert.junit5.internal.config;

import dev.syscallassert.junit5.internal.config.Parsers.TrueOrFalse;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The test plan's configuration parameters ({@code syscallassert.*} in junit-platform.properties, or given to the
 * launcher), kept for the whole plan in the root context's store as Jupiter keeps its TimeoutConfiguration: each value
 * is parsed on first use, then kept. A value that does not parse is not kept: it fails every use with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the parameter, so each traced test
 * that needs it reports it. Test JVM only.
 */
public final class PlanConfiguration {

    /** {@code fail} or {@code skip} where tracing is impossible; default {@code fail} on Linux, {@code skip} elsewhere. */
    public static final String UNSUPPORTED = "syscallassert.unsupported";
    /** A test's timeout when its annotation names none; default {@link #DEFAULT_TIMEOUT}. */
    public static final String TIMEOUT = "syscallassert.timeout.default";
    /** {@code failed} (the default) or {@code all}: which tests get their trace written. */
    public static final String REPORT = "syscallassert.report";
    /** Where the traces are written; default {@code target/syscall-assert}. */
    public static final String REPORT_DIR = "syscallassert.report.dir";
    /** JVM options for every child, separated by spaces. */
    public static final String JVM_OPTIONS = "syscallassert.jvm.options";
    /** {@code false} starts every child when its test starts, none ahead (spare children). */
    public static final String SPARE = "syscallassert.spare";
    /**
     * When the next spare starts: {@code test-start} (alongside the test, on a machine with cores to spare),
     * {@code test-end} (once the test's child has ended, so that it never competes with a test body), {@code auto}:
     * the first with more than two processors.
     */
    public static final String SPARE_START = "syscallassert.spare.start";
    /** {@code false} starts children without a class data sharing archive. */
    public static final String CDS = "syscallassert.cds";
    /** Where the archives are kept; default {@code ~/.cache/syscall-assert/cds}. */
    public static final String CDS_DIRECTORY = "syscallassert.cds.dir";

    /**
     * Where to write the seccomp profile of the whole plan (the union over its traced tests, whose children then
     * record every syscall), or one per test class when the path holds {@code {class}}; unset, none is made.
     */
    public static final String SECCOMP_PROFILE = "syscallassert.seccomp.profile";
    /**
     * {@code reuse} (the default): traced tests that are started alike run one after another in a traced worker JVM;
     * {@code per-test}: each traced test in a child JVM of its own.
     */
    public static final String FORK = "syscallassert.fork";
    /** At most this many worker JVMs at once; default the number of processors (at least 2). */
    public static final String WORKERS = "syscallassert.workers";
    /** {@code true} denies the network to every traced test without a {@code @DenyNetwork} of its own; default off. */
    public static final String DENY_NETWORK = "syscallassert.deny.network";
    /** With {@link #DENY_NETWORK}: the addresses still allowed, comma-separated ({@code 127.0.0.1:*,[::1]:*}). */
    public static final String DENY_NETWORK_ALLOW = "syscallassert.deny.network.allow";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Jupiter settings that change how a test runs; given to the launcher in the test JVM (by Surefire, an IDE, the
     * EngineTestKit), they would be missing in the child, which only reads junit-platform.properties by itself.
     */
    private static final List<String> FORWARDED_TO_CHILD = List.of(
            "junit.jupiter.testinstance.lifecycle.default",
            "junit.jupiter.displayname.generator.default",
            "junit.jupiter.extensions.autodetection.enabled",
            "junit.jupiter.extensions.autodetection.include",
            "junit.jupiter.extensions.autodetection.exclude",
            "junit.jupiter.conditions.deactivate",
            "junit.jupiter.execution.timeout.default",
            "junit.jupiter.execution.timeout.testable.method.default",
            "junit.jupiter.execution.timeout.test.method.default",
            "junit.jupiter.execution.timeout.testtemplate.method.default",
            "junit.jupiter.execution.timeout.lifecycle.method.default",
            "junit.jupiter.execution.timeout.beforeeach.method.default",
            "junit.jupiter.execution.timeout.aftereach.method.default",
            "junit.jupiter.execution.timeout.mode",
            "junit.jupiter.execution.timeout.thread.mode.default",
            "junit.jupiter.tempdir.cleanup.mode.default",
            "junit.jupiter.tempdir.factory.default",
            "junit.jupiter.params.displayname.default",
            "junit.jupiter.params.argumentCountValidation",
            "junit.platform.stacktrace.pruning.enabled");

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PlanConfiguration.class);

    public enum WhenUnsupported { FAIL, SKIP }

    public enum ReportPolicy { FAILED, ALL }

    /** How traced tests get their JVM ({@link #FORK}). */
    public enum Fork { REUSE, PER_TEST }

    /** When the next spare child starts ({@link #SPARE_START}). */
    public enum SpareStart { AUTO, TEST_START, TEST_END }

    private final ExtensionContext root;
    private final OnFirstUse<WhenUnsupported> whenUnsupported = new OnFirstUse<>(this::parseWhenUnsupported);
    private final OnFirstUse<Duration> defaultTimeout = new OnFirstUse<>(() -> parameter(TIMEOUT)
            .map(v -> Parsers.parseDuration(v, "configuration parameter " + TIMEOUT)).orElse(DEFAULT_TIMEOUT));
    private final OnFirstUse<ReportPolicy> reportPolicy = new OnFirstUse<>(() -> parameter(REPORT)
            .map(v -> Parsers.parseEnum(ReportPolicy.class, REPORT, v)).orElse(ReportPolicy.FAILED));
    private final OnFirstUse<Path> reportDirectory = new OnFirstUse<>(
            () -> Path.of(parameter(REPORT_DIR).orElse("target/syscall-assert")));
    private final OnFirstUse<List<String>> jvmOptions = new OnFirstUse<>(() -> parameter(JVM_OPTIONS)
            .map(v -> Arrays.stream(v.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()).orElse(List.of()));
    private final OnFirstUse<Boolean> sparesEnabled = new OnFirstUse<>(() -> isOn(SPARE));
    private final OnFirstUse<SpareStart> spareStart = new OnFirstUse<>(() -> parameter(SPARE_START)
            .map(v -> Parsers.parseEnum(SpareStart.class, SPARE_START, v)).orElse(SpareStart.AUTO));
    private final OnFirstUse<Fork> fork = new OnFirstUse<>(() -> parameter(FORK)
            .map(v -> Parsers.parseEnum(Fork.class, FORK, v)).orElse(Fork.REUSE));
    private final OnFirstUse<Integer> workers = new OnFirstUse<>(() -> parameter(WORKERS)
            .map(v -> Parsers.parsePositive(WORKERS, v))
            .orElse(Math.max(2, Runtime.getRuntime().availableProcessors())));
    private final OnFirstUse<Boolean> archiveEnabled = new OnFirstUse<>(() -> isOn(CDS));
    private final OnFirstUse<Path> archiveDirectory = new OnFirstUse<>(() -> parameter(CDS_DIRECTORY).map(Path::of)
            .orElseGet(PlanConfiguration::defaultArchiveDirectory).toAbsolutePath());
    private final OnFirstUse<Boolean> denyNetwork = new OnFirstUse<>(() -> parameter(DENY_NETWORK)
            .map(v -> Parsers.parseEnum(TrueOrFalse.class, DENY_NETWORK, v) == TrueOrFalse.TRUE).orElse(false));
    private final OnFirstUse<List<String>> denyNetworkAllow = new OnFirstUse<>(() -> parameter(DENY_NETWORK_ALLOW)
            .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
            .orElse(List.of()));
    private final OnFirstUse<Map<String, String>> forwardedToChild = new OnFirstUse<>(this::collectForwarded);

    private PlanConfiguration(ExtensionContext root) {
        this.root = root;
    }

    /** The configuration of the test plan {@code context} belongs to. */
    public static PlanConfiguration of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(PlanConfiguration.class, k -> new PlanConfiguration(root),
                PlanConfiguration.class);
    }

    public WhenUnsupported whenUnsupported() {
        return whenUnsupported.get();
    }

    /** The timeout of a test whose annotation names none. */
    public Duration defaultTimeout() {
        return defaultTimeout.get();
    }

    public ReportPolicy reportPolicy() {
        return reportPolicy.get();
    }

    public Path reportDirectory() {
        return reportDirectory.get();
    }

    /** The options every child gets, before its annotation's own. */
    public List<String> jvmOptions() {
        return jvmOptions.get();
    }

    /** Whether spare children are started ahead ({@link #SPARE}, default on). */
    public boolean sparesEnabled() {
        return sparesEnabled.get();
    }

    public SpareStart spareStart() {
        return spareStart.get();
    }

    /** Whether traced tests share worker JVMs or each gets a child of its own ({@link #FORK}, default reuse). */
    public Fork fork() {
        return fork.get();
    }

    /** The most worker JVMs at once ({@link #WORKERS}). */
    public int workers() {
        return workers.get();
    }

    /** Whether children start with a class data archive ({@link #CDS}, default on). */
    public boolean archiveEnabled() {
        return archiveEnabled.get();
    }

    public Path archiveDirectory() {
        return archiveDirectory.get();
    }

    /** Where the plan's seccomp profile goes ({@link #SECCOMP_PROFILE}), when one is asked for. */
    public java.util.Optional<Path> seccompProfile() {
        return parameter(SECCOMP_PROFILE).filter(v -> !v.isBlank()).map(Path::of);
    }

    /** Whether traced tests without a {@code @DenyNetwork} of their own are denied the network ({@link #DENY_NETWORK}). */
    public boolean denyNetwork() {
        return denyNetwork.get();
    }

    /** The addresses {@link #denyNetwork()} still allows. */
    public List<String> denyNetworkAllow() {
        return denyNetworkAllow.get();
    }

    /** The Jupiter configuration parameters of this plan that the child's launcher must be given. */
    public Map<String, String> forwardedToChild() {
        return forwardedToChild.get();
    }

    private java.util.Optional<String> parameter(String key) {
        return root.getConfigurationParameter(key);
    }

    private WhenUnsupported parseWhenUnsupported() {
        return parameter(UNSUPPORTED).map(v -> Parsers.parseEnum(WhenUnsupported.class, UNSUPPORTED, v))
                .orElseGet(() -> System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                        ? WhenUnsupported.FAIL : WhenUnsupported.SKIP);
    }

    private boolean isOn(String key) {
        return parameter(key).map(v -> Parsers.parseEnum(TrueOrFalse.class, key, v))
                .orElse(TrueOrFalse.TRUE) == TrueOrFalse.TRUE;
    }

    private static Path defaultArchiveDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("syscall-assert").resolve("cds");
    }

    private Map<String, String> collectForwarded() {
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String key : FORWARDED_TO_CHILD) {
            parameter(key).ifPresent(v -> forwarded.put(key, v));
        }
        return Map.copyOf(forwarded);
    }

    /**
     * A value computed on first use and then kept. A computation that throws keeps nothing and throws again on the next
     * use, with an exception of its own: tests that run in parallel never share one exception object.
     */
    private static final class OnFirstUse<T> {
        private final Supplier<T> compute;
        private T value;

        OnFirstUse(Supplier<T> compute) {
            this.compute = compute;
        }

        synchronized T get() {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
