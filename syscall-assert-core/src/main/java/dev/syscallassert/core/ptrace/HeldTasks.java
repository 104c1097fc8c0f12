package dev.syscallassert.core.ptrace;

import java.util.PriorityQueue;

/**
 * Tasks held in a ptrace stop for an injected delay, each with the time it is to go on: the tracer keeps serving every
 * other task meanwhile (the {@link StopLoop} polls instead of blocking in wait4 while any is held, and lets each go
 * when its time comes). A task that ends while held (killed) is simply not resumed. Confined to the tracer thread.
 */
final class HeldTasks {
    /** How long the stop loop sleeps at most between polls while a task is held: the other tasks' extra latency. */
    static final long POLL_NANOS = 100_000;

    private record Held(long dueNanos, Task task, int signal) {
    }

    private final PriorityQueue<Held> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final Tasks tasks;
    private final ResumePolicy resumes;

    HeldTasks(Tasks tasks, ResumePolicy resumes) {
        this.tasks = tasks;
        this.resumes = resumes;
    }

    /** Keeps the stopped task stopped for {@code nanos}, then resumes it delivering {@code signal} (0 for none). */
    void hold(Task task, long nanos, int signal) {
        queue.add(new Held(System.nanoTime() + nanos, task, signal));
    }

    boolean any() {
        return !queue.isEmpty();
    }

    /** How long until the next one is due (0 when one is due now). */
    long nanosUntilNext() {
        Held next = queue.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.dueNanos - System.nanoTime());
    }

    /** Resumes every task whose time has come. */
    void releaseDue() {
        long now = System.nanoTime();
        while (!queue.isEmpty() && queue.peek().dueNanos <= now) {
            release(queue.poll());
        }
    }

    /** Resumes every held task now (the tracer is detaching: a held task would never stop again to be detached). */
    void releaseAll() {
        while (!queue.isEmpty()) {
            release(queue.poll());
        }
    }

    private void release(Held h) {
        if (tasks.get(h.task.tid) == h.task) {
            resumes.resume(h.task, h.signal);
        }
    }
}
