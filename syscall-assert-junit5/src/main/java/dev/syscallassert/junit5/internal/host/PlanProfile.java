package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SeccompProfile;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The seccomp profile of a test plan ({@link PlanConfiguration#SECCOMP_PROFILE}): the union of what every traced
 * test's child JVM did from its first instruction to its exit (start-up, JUnit's launcher, the test, the exit: a
 * superset of what the code under test needs, recorded while no spare children are used), written once when
 * the plan ends, as a closeable resource of the root context's store (Jupiter closes those after the last test).
 * Test JVM only; tests that run in parallel add to it from their own threads.
 */
final class PlanProfile implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlanProfile.class);

    /** In the profile's path: one profile per test class, named after it. */
    static final String PER_CLASS = "{class}";

    private final Path file;
    private SeccompProfile profile = SeccompProfile.empty();

    private PlanProfile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /**
     * The profile the test of {@code context} adds to, when the plan asks for one: the plan's, or its class's when
     * the path holds {@link #PER_CLASS} (replaced by the test class's name). Created with the first traced test.
     */
    static Optional<PlanProfile> of(ExtensionContext context, PlanConfiguration plan) {
        return plan.seccompProfile().map(file -> {
            String path = file.toString();
            Path target = path.contains(PER_CLASS)
                    ? Path.of(path.replace(PER_CLASS, context.getRequiredTestClass().getName())) : file;
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(target.toAbsolutePath().toString(),
                    k -> new PlanProfile(target), PlanProfile.class);
        });
    }

    /** Adds one child's whole trace. */
    synchronized void add(SyscallTrace childTrace) {
        profile = profile.merge(childTrace.seccompProfile());
    }

    synchronized SeccompProfile profile() {
        return profile;
    }

    @Override
    public synchronized void close() {
        try {
            profile.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The test plan's seccomp profile could not be written to " + file, e);
        }
    }
}
