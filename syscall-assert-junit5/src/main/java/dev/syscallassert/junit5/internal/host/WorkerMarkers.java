package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.core.marker.MarkerCall;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.junit5.internal.wire.MarkerCommand;
import dev.syscallassert.junit5.internal.wire.ThreadStarts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A worker JVM's marker handler: its tests' begin, snapshot and end go to the current test's {@link TestWindow}; its
 * "next" ends the current test (the window as it ends is handed to the test's thread) and then waits until the test
 * JVM assigns the next test ({@link #assign}) or retires the worker ({@link #retire}).
 *
 * <p>{@link #handle} runs on the worker's tracer thread. Waiting there for the next test is deliberate: the worker's
 * test thread is stopped in its "next" marker meanwhile, and a worker has nothing else to do; nothing polls, and no
 * channel but the marker is needed. Its other threads stop at their next recorded syscall or thread start until the
 * next test comes. {@link #assign} and {@link #retire} run on the test JVM's threads.
 */
final class WorkerMarkers implements MarkerHandler {

    /** One test handed to the worker: its window, and what the test's thread waits for. */
    private record Assignment(TestWindow window, CompletableFuture<NoiseFilter.Marked> ended) {
    }

    private static final Assignment RETIRE = new Assignment(null, null);

    private final BlockingQueue<Assignment> assignments = new LinkedBlockingQueue<>();
    /** Tracer thread only: the test the worker runs now, null between tests. */
    private Assignment current;
    /** Tracer thread only: whether a test ran before the current one. */
    private boolean ranATest;
    /** Tracer thread only: the worker's threads when the current test was handed to it ({@link EarlierThreads}). */
    private Map<Integer, Long> earlier = Map.of();
    /** Why the worker said it cannot run another test; set on the tracer thread, read on the test's. */
    private volatile String cannotGoOn;

    /**
     * Test JVM, the test's thread: the worker's next test, whose request is in the work directory already. The future
     * completes with the window when the worker says it has ended (its outcome written).
     */
    CompletableFuture<NoiseFilter.Marked> assign(TestWindow window) {
        Assignment a = new Assignment(window, new CompletableFuture<>());
        assignments.add(a);
        return a.ended();
    }

    /**
     * Test JVM, the test's thread, before the worker is started: its first test, whose request it finds in the work
     * directory when it starts (the tracer thread that reads {@link #current} starts after this).
     */
    CompletableFuture<NoiseFilter.Marked> first(TestWindow window) {
        current = new Assignment(window, new CompletableFuture<>());
        return current.ended();
    }

    /** Any thread: no more tests; a worker waiting for one exits, and a tracer thread waiting in here goes on. */
    void retire() {
        assignments.add(RETIRE);
    }

    /** Why the worker said after its last test that it cannot run another (it has exited then), if it did. */
    Optional<String> cannotGoOn() {
        return Optional.ofNullable(cannotGoOn);
    }

    @Override
    public long handle(MarkerCall call) {
        Optional<MarkerCommand> command = MarkerCommand.of(call.command());
        if (command.isEmpty()) {
            return MarkerCommand.UNKNOWN;
        }
        if (command.get() == MarkerCommand.NEXT) {
            return next(call);
        }
        Assignment a = current;
        if (a == null) {
            return MarkerCommand.UNKNOWN; // a marker between tests: no test's window is open
        }
        if (command.get() == MarkerCommand.BEGIN) {
            a.window().earlierThreads(EarlierThreads.stillRunning(earlier, call.tid()));
        }
        return a.window().handle(call);
    }

    private long next(MarkerCall call) {
        Assignment finished = current;
        current = null;
        if (finished != null) {
            ranATest = true;
            try {
                finished.ended().complete(finished.window().windowAt(call));
            } catch (RuntimeException e) {
                finished.ended().completeExceptionally(e);
            }
        }
        String argument = call.argument();
        if (argument.startsWith(MarkerCommand.RETIRE_BECAUSE)) {
            cannotGoOn = argument.substring(MarkerCommand.RETIRE_BECAUSE.length());
            return MarkerCommand.RETIRE;
        }
        Map<Integer, Long> classThreads = argument.startsWith(MarkerCommand.KEEP)
                ? ThreadStarts.decode(argument.substring(MarkerCommand.KEEP.length())) : Map.of();
        Assignment next;
        try {
            next = assignments.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MarkerCommand.RETIRE;
        }
        if (next == RETIRE) {
            return MarkerCommand.RETIRE;
        }
        // the first test of a worker has nothing before it; the JVM's own threads have rules of their own
        earlier = ranATest ? EarlierThreads.of(call.pid(), call.tid(), classThreads) : Map.of();
        current = next;
        return MarkerCommand.NEXT_TEST;
    }
}
