package dev.syscallassert.junit5.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The request file: which test a traced child runs and how, written by the test JVM ({@link #writeInto}) and read by
 * the child ({@link #readFrom}). A properties file, so that a person can read it in a kept work directory.
 */
public final class ChildRequest {

    /** How the child came to run its test. */
    public enum ChildKind {
        /** Started for this test, its request already there. */
        FRESH,
        /** Started ahead, before anybody knew its test; it may still have been starting when the test came. */
        SPARE,
        /** A worker JVM that runs one test after another; this may be its first. */
        WORKER;

        String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ChildKind of(String spelling) {
            for (ChildKind k : values()) {
                if (k.spelling().equals(spelling)) {
                    return k;
                }
            }
            return FRESH;
        }
    }

    /**
     * The system property in which the child says its {@link ChildKind}, spelt "fresh", "spare" or "worker": for the
     * curious, and for this project's tests and benchmark.
     */
    public static final String CHILD_KIND_PROPERTY = "syscallassert.child";

    private static final String KIND = "child";
    private static final String UNIQUE_ID = "uniqueId";
    private static final String SYSCALLS = "syscalls";
    private static final String REPORT_FILE = "reportFile";
    private static final String INCLUDE_JVM_NOISE = "includeJvmNoise";
    private static final String UNIT = "unit";
    /** Before each forwarded Jupiter configuration parameter's own key. */
    private static final String CONFIGURATION = "config.";

    private final ChildKind kind;
    private final String uniqueId;
    private final int[] syscallNumbers;
    private final Path reportFile;
    private final boolean includeJvmNoise;
    private final Map<String, String> configuration;
    /** A worker's unit: the unique id of the class it runs whole, its tests one by one as asked; empty: only this. */
    private final Optional<String> unit;

    /**
     * @param syscallNumbers the syscalls the child's seccomp filter stops
     * @param configuration  Jupiter configuration parameters the child's launcher gets (the child reads only
     *                       junit-platform.properties by itself)
     */
    public ChildRequest(ChildKind kind, String uniqueId, int[] syscallNumbers, Path reportFile, boolean includeJvmNoise,
                        Map<String, String> configuration) {
        this(kind, uniqueId, syscallNumbers, reportFile, includeJvmNoise, configuration, Optional.empty());
    }

    /**
     * @param unit for a worker, the unique id of the class whose tests it may run in one launcher request (its
     *             {@code @BeforeAll} once), each when asked for
     */
    public ChildRequest(ChildKind kind, String uniqueId, int[] syscallNumbers, Path reportFile, boolean includeJvmNoise,
                        Map<String, String> configuration, Optional<String> unit) {
        this.unit = unit;
        this.kind = kind;
        this.uniqueId = uniqueId;
        this.syscallNumbers = syscallNumbers.clone();
        this.reportFile = reportFile;
        this.includeJvmNoise = includeJvmNoise;
        this.configuration = Map.copyOf(configuration);
    }

    public ChildKind kind() {
        return kind;
    }

    public String uniqueId() {
        return uniqueId;
    }

    public int[] syscallNumbers() {
        return syscallNumbers.clone();
    }

    public Path reportFile() {
        return reportFile;
    }

    public boolean includeJvmNoise() {
        return includeJvmNoise;
    }

    public Map<String, String> configuration() {
        return configuration;
    }

    /** The class the worker may run whole for this test; empty: the test alone. */
    public Optional<String> unit() {
        return unit;
    }

    /** Test JVM: written whole, then moved into place, because a spare child starts reading as soon as the name exists. */
    public void writeInto(WorkDirectory work) throws IOException {
        Properties p = new Properties();
        p.setProperty(KIND, kind.spelling());
        p.setProperty(UNIQUE_ID, uniqueId);
        p.setProperty(SYSCALLS, Arrays.stream(syscallNumbers).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        p.setProperty(REPORT_FILE, reportFile.toString());
        p.setProperty(INCLUDE_JVM_NOISE, Boolean.toString(includeJvmNoise));
        unit.ifPresent(u -> p.setProperty(UNIT, u));
        configuration.forEach((k, v) -> p.setProperty(CONFIGURATION + k, v));
        Path partial = work.requestFile().resolveSibling(work.requestFile().getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            p.store(out, "one traced test");
        }
        Files.move(partial, work.requestFile(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Child: whether the test JVM has moved a request into {@code work} (a spare polls for it). */
    public static boolean isIn(WorkDirectory work) {
        return Files.exists(work.requestFile());
    }

    /** Child: the request the test JVM wrote into {@code work}. */
    public static ChildRequest readFrom(WorkDirectory work) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(work.requestFile())) {
            p.load(in);
        }
        String syscalls = p.getProperty(SYSCALLS);
        int[] numbers = syscalls.isEmpty() ? new int[0]
                : Arrays.stream(syscalls.split(",")).mapToInt(Integer::parseInt).toArray();
        Map<String, String> configuration = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CONFIGURATION)) {
                configuration.put(key.substring(CONFIGURATION.length()), p.getProperty(key));
            }
        }
        return new ChildRequest(ChildKind.of(p.getProperty(KIND, ChildKind.FRESH.spelling())),
                p.getProperty(UNIQUE_ID), numbers, Path.of(p.getProperty(REPORT_FILE)),
                Boolean.parseBoolean(p.getProperty(INCLUDE_JVM_NOISE)), configuration,
                Optional.ofNullable(p.getProperty(UNIT)));
    }

    /** Child: says in {@link #CHILD_KIND_PROPERTY} how this child came to run its test. */
    public void announceKind() {
        System.setProperty(CHILD_KIND_PROPERTY, kind.spelling());
    }
}
