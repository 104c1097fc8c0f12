package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.junit5.internal.config.PlanConfiguration.SpareStart;
import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.host.ChildLauncher.LaunchedChild;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Traced child JVMs started ahead of the tests they will run: a cold JVM spends most of a traced test loading and
 * compiling JUnit, so while one test runs, the next one's child starts and warms up (the child's spare mode)
 * and only waits for its request. Each spare runs one test and is never reused; a test whose child would be started
 * differently (its own JVM options, other system properties) gets a fresh child as before.
 *
 * <p>One instance per test plan, in the root context's store, so that the spares left when the plan ends are
 * killed and reaped and their work directories deleted. Test JVM only: called on the tests' threads (in parallel
 * under parallel execution, hence synchronized), on the tracer threads of the children whose test method begins or
 * ends, and on the thread that closes the plan.
 *
 * <p>It is both a {@code Store.CloseableResource} and an {@link AutoCloseable} so that the plan closes it on every JUnit
 * 5.x: before 5.13 the store closes only {@code CloseableResource}s; 5.13 deprecates that interface and closes
 * {@code AutoCloseable}s instead (unless {@code junit.jupiter.extensions.store.close.autocloseable.enabled} is false).
 * {@link #close()} does nothing the second time, should both ever be honoured.
 */
@SuppressWarnings("deprecation") // CloseableResource, see above
final class SpareChildren implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SpareChildren.class);
    /**
     * Spares kept at once, one per command line: the common case has one command line, and each spare costs a JVM's
     * memory and its warm-up's CPU, so a test with its own options must not keep a crowd of them alive.
     */
    private static final int MAX_SPARES = 2;
    /** The test's own timeout starts when the spare gets its test; until then a spare only waits. */
    private static final Duration SPARE_LIFETIME = Duration.ofDays(365);

    /** A spare child: started, traced, warming up or waiting for its request. */
    private static final class Spare {
        final LaunchedChild child;
        /** Suspended while another child's test method runs ({@link #bodyBegins}). */
        boolean suspended;

        Spare(LaunchedChild child) {
            this.child = child;
        }
    }

    private final Map<ChildCommandLine, Spare> spares = new LinkedHashMap<>();
    /** Test methods running now, in children of this plan; the spares are suspended while there is one. */
    private int bodiesRunning;
    private final boolean startWithTest;
    private boolean closed;
    /** Set when a spare could not start: the test's own fresh child reports why, spares are not tried again. */
    private boolean broken;

    private SpareChildren(boolean startWithTest) {
        this.startWithTest = startWithTest;
    }

    /** The test plan's spares; empty when {@link PlanConfiguration#SPARE} turned them off. */
    static Optional<SpareChildren> of(ExtensionContext context, PlanConfiguration plan) {
        if (!plan.sparesEnabled()) {
            return Optional.empty();
        }
        SpareStart start = plan.spareStart();
        // A spare's start takes about one processor for a third of a second. Beside the test's child and the test
        // JVM on two processors it slowed the test before its method (the spare is suspended during the method
        // itself) more than it saved: with other work between traced tests they took 99 ms instead of 76.
        boolean withTest = start == SpareStart.TEST_START
                || start == SpareStart.AUTO && Runtime.getRuntime().availableProcessors() > 2;
        return Optional.of(context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SpareChildren.class,
                k -> new SpareChildren(withTest), SpareChildren.class));
    }

    /** Whether the next spare starts when a test starts ({@link #replenish}), or when its child has ended. */
    boolean startWithTest() {
        return startWithTest;
    }

    /** The spare started with exactly this command line, if it still runs; from now on it is the caller's alone. */
    Optional<LaunchedChild> take(ChildCommandLine commandLine) {
        Spare spare;
        synchronized (this) {
            spare = spares.remove(commandLine);
        }
        if (spare == null) {
            return Optional.empty();
        }
        if (spare.suspended) { // taken by a parallel test while another test's method runs
            spare.child.trace().resume();
            spare.suspended = false;
        }
        if (!spare.child.trace().isAlive()) {
            spare.child.discard(); // it died before it was needed (ran out of memory, was killed): a fresh one will do
            return Optional.empty();
        }
        return Optional.of(spare.child);
    }

    /**
     * A test method begins in some child: a spare starting up beside it would take processor time from it (on two
     * processors, a 20,000-syscall body ran 1.35 times slower), so the spares stop until it ends. The spare's start
     * then goes on while the test JVM reports, and the next child starts. Called on that child's tracer thread, from
     * its marker handler, like {@link #bodyEnds}: a signal per spare, nothing that waits.
     */
    synchronized void bodyBegins() {
        if (bodiesRunning++ == 0) {
            for (Spare s : spares.values()) {
                s.child.trace().suspend();
                s.suspended = true;
            }
        }
    }

    synchronized void bodyEnds() {
        if (bodiesRunning > 0 && --bodiesRunning == 0) {
            for (Spare s : spares.values()) {
                if (s.suspended) {
                    s.child.trace().resume();
                    s.suspended = false;
                }
            }
        }
    }

    /**
     * Starts a spare for this command line unless one is there. Takes a few milliseconds (spawning and seizing it);
     * its warm-up then runs on its own, alongside whatever the test JVM does next.
     */
    synchronized void replenish(ChildCommandLine commandLine, ChildLauncher launcher) {
        if (closed || broken || spares.containsKey(commandLine)) {
            return;
        }
        if (spares.size() >= MAX_SPARES) {
            Iterator<Spare> eldest = spares.values().iterator();
            eldest.next().child.discard();
            eldest.remove();
        }
        try {
            spares.put(commandLine, new Spare(launcher.startSpare(commandLine, SPARE_LIFETIME)));
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
    }

    /** The test plan has ended: no spare outlives it. */
    @Override
    public void close() {
        List<Spare> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(spares.values());
            spares.clear();
        }
        for (Spare s : left) {
            s.child.trace().kill(); // all at once, then reap them: their JVMs die in parallel
        }
        for (Spare s : left) {
            s.child.discard();
        }
    }
}
