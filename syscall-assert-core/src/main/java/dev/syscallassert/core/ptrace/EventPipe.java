package dev.syscallassert.core.ptrace;

import dev.syscallassert.TraceEvent;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;

/**
 * Carries the trace's events from the tracer thread to their consumer, which runs on a thread of its own
 * ({@code syscall-assert-events}), in the order the tracer thread put them, through a bounded queue.
 *
 * <p>Why a thread and a bound: the consumer (a writer, a user's callback) may block or be slow, and the tracer thread
 * must not wait for it at every stop; yet a consumer slower than the tracee must not make the queue grow without end.
 * When {@link #CAPACITY} events wait, the tracer thread waits for room (back-pressure): the tracee stays stopped at
 * its current stop meanwhile, as under a slow strace writing to a full pipe. A killed or detaching trace no longer
 * waits (its last events, one per task at most, are queued beyond the bound), so a timeout always ends the tracees.
 *
 * <p>The tracer thread does not wake the consumer at every event (that would cost a futex wake per stop): the
 * consumer drains the queue whenever it has been idle for {@link #IDLE_WAIT_NANOS}, or sooner when a quarter of the
 * queue is full, so events reach it within a few milliseconds.
 *
 * <p>Each event travels with the number of traced tasks alive when it happened (see {@link EventSlots}), which
 * strace's stderr form needs for its {@code [pid N]} prefix.
 *
 * <p>{@link #put} and {@link #close} are the tracer thread's; {@link #awaitDrained} is the awaiting thread's, after
 * it has joined the tracer thread.
 */
final class EventPipe {
    static final int CAPACITY = 4096;
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** After this many empty polls the consumer waits longer: a quiet trace should not wake it 500 times a second. */
    private static final int QUIET_POLLS = 100;
    private static final long QUIET_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ObjIntConsumer<? super TraceEvent> consumer;
    /** True once the tracer thread must not wait for room any more (the trace is being killed or detached). */
    private final BooleanSupplier ending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private ArrayDeque<TraceEvent> queue = new ArrayDeque<>();
    /** The live-task count of each queued event, by its place in {@link #queue}. */
    private int[] queueTasks = new int[64];
    private boolean closed;
    private boolean consumerWaiting;
    private final Thread thread;

    EventPipe(ObjIntConsumer<? super TraceEvent> consumer, BooleanSupplier ending) {
        this.consumer = consumer;
        this.ending = ending;
        this.thread = new Thread(this::deliver, "syscall-assert-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Tracer thread: queues the event and the number of traced tasks alive when it happened, waiting for room while
     * the queue is full (see the class comment).
     */
    void put(TraceEvent event, int liveTasks) {
        boolean interrupted = false;
        lock.lock();
        try {
            while (queue.size() >= CAPACITY && !ending.getAsBoolean()) {
                notEmpty.signal();
                try {
                    notFull.awaitNanos(IDLE_WAIT_NANOS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (queue.size() == queueTasks.length) {
                queueTasks = Arrays.copyOf(queueTasks, queueTasks.length * 2);
            }
            queueTasks[queue.size()] = liveTasks;
            queue.add(event);
            if (consumerWaiting && queue.size() >= CAPACITY / 4) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tracer thread: no more events come; the consumer ends once it has had every one. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the consumer has had every event, or the deadline ({@link System#nanoTime()}) passed; then a consumer
     * still busy is interrupted and gets no more. Returns whether every event was delivered.
     */
    boolean awaitDrained(long deadlineNanos) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        boolean drained = !thread.isAlive();
        if (!drained) {
            thread.interrupt();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** The consumer's thread: takes the queued events in batches and hands them on in order. */
    private void deliver() {
        ArrayDeque<TraceEvent> batch = new ArrayDeque<>();
        int[] batchTasks = new int[64];
        int emptyPolls = 0;
        while (!Thread.currentThread().isInterrupted()) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    consumerWaiting = true;
                    try {
                        notEmpty.awaitNanos(emptyPolls++ < QUIET_POLLS ? IDLE_WAIT_NANOS : QUIET_WAIT_NANOS);
                    } catch (InterruptedException e) {
                        return; // abandoned by awaitDrained
                    } finally {
                        consumerWaiting = false;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                ArrayDeque<TraceEvent> full = queue;
                queue = batch;
                batch = full;
                int[] fullTasks = queueTasks;
                queueTasks = batchTasks;
                batchTasks = fullTasks;
                emptyPolls = 0;
                notFull.signal();
            } finally {
                lock.unlock();
            }
            int i = 0;
            for (TraceEvent e; (e = batch.poll()) != null; i++) {
                try {
                    consumer.accept(e, batchTasks[i]);
                } catch (RuntimeException ex) {
                    // a consumer's failure must not break the trace, nor stop the events that follow
                }
            }
        }
    }
}
