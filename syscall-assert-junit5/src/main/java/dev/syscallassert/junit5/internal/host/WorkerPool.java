package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.config.TestSettings;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test plan's traced worker JVMs ({@link Worker}): a test runs in an idle worker started alike (same command
 * line, same recorded syscalls), or in a new one while there are fewer than {@link PlanConfiguration#workers()}.
 * Each worker runs one test at a time, so under parallel execution there is at most one per test thread running a
 * traced test; when all are busy with other tests the test runs in a child of its own, as with
 * {@code syscallassert.fork=per-test}. A worker that died or cannot go on is closed, and the next test gets a new one.
 *
 * <p>One instance per test plan, in the root context's store, so that every worker is retired, reaped and its work
 * directory deleted when the plan ends ({@code CloseableResource} and {@code AutoCloseable}, for every JUnit 5.x, as
 * {@link SpareChildren}). Test JVM only: called on the tests' threads (in parallel, hence synchronized) and on the
 * thread that closes the plan.
 */
@SuppressWarnings("deprecation") // CloseableResource, see SpareChildren
final class WorkerPool implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WorkerPool.class);

    /** What makes two tests able to share a worker: how it is started, and the syscalls its filter stops. */
    record Key(ChildCommandLine commandLine, List<Integer> syscalls) {
        int[] syscallNumbers() {
            return syscalls.stream().mapToInt(Integer::intValue).toArray();
        }

        static Key of(TestSettings settings) {
            return new Key(InheritedCommandLine.of(settings),
                    Arrays.stream(settings.syscallNumbers()).sorted().distinct().boxed().toList());
        }
    }

    private final int max;
    private final List<Worker> idle = new ArrayList<>();
    private int busy;
    private boolean closed;

    private WorkerPool(int max) {
        this.max = max;
    }

    static WorkerPool of(ExtensionContext context, PlanConfiguration plan) {
        int max = plan.workers();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(WorkerPool.class, k -> new WorkerPool(max),
                WorkerPool.class);
    }

    /** Runs the test in a worker; empty when none is free and no more may start (the caller runs it on its own). */
    Optional<Outcome> run(TestSettings settings, String uniqueId, Optional<String> unit, Path reportFile,
                          Map<String, String> configuration, ChildLauncher launcher) throws IOException {
        Optional<Worker> taken = take(Key.of(settings), launcher);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        Worker worker = taken.get();
        boolean again = false;
        try {
            Outcome outcome = worker.run(settings, uniqueId, unit, reportFile, configuration);
            again = worker.usable();
            return Optional.of(outcome);
        } finally {
            giveBack(worker, again);
        }
    }

    private Optional<Worker> take(Key key, ChildLauncher launcher) throws IOException {
        List<Worker> unusable = new ArrayList<>();
        try {
            synchronized (this) {
                for (Iterator<Worker> i = idle.iterator(); i.hasNext(); ) {
                    Worker w = i.next();
                    if (w.key().equals(key)) {
                        i.remove();
                        if (w.usable()) {
                            busy++;
                            return Optional.of(w);
                        }
                        unusable.add(w);
                    }
                }
                if (idle.size() + busy >= max) {
                    if (idle.isEmpty()) {
                        return Optional.empty();
                    }
                    unusable.add(idle.remove(0)); // the one used longest ago, for other tests: this test needs room
                }
                busy++; // counted now, started outside the lock: a start takes a few milliseconds
            }
        } finally {
            unusable.forEach(Worker::close);
        }
        try {
            return Optional.of(Worker.of(key, launcher));
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                busy--;
            }
            throw e;
        }
    }

    private void giveBack(Worker worker, boolean again) {
        synchronized (this) {
            busy--;
            if (again && !closed) {
                idle.add(worker);
                return;
            }
        }
        worker.close();
    }

    /** The test plan has ended: no worker outlives it. */
    @Override
    public void close() {
        List<Worker> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(idle);
            idle.clear();
        }
        left.forEach(Worker::kill); // all at once, then reap them: their JVMs die in parallel
        left.forEach(Worker::close);
    }
}
