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

    private final Path file;
    private SeccompProfile profile = SeccompProfile.empty();

    private PlanProfile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The plan's profile, when it asks for one; created with the plan's first traced test. */
    static Optional<PlanProfile> of(ExtensionContext context, PlanConfiguration plan) {
        return plan.seccompProfile().map(file -> context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PlanProfile.class, k -> new PlanProfile(file), PlanProfile.class));
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
