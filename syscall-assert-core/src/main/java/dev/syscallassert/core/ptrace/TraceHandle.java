package dev.syscallassert.core.ptrace;

import dev.syscallassert.RunningTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.linux.Signals;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The caller's view of a running trace: waiting for it, killing, suspending and resuming it.
 *
 * <p>Used by any thread (the one that started the trace, a timeout thread, a test's cleanup), never by the tracer
 * thread's ptrace requests: it only signals the traced processes with kill(2) and joins the tracer thread. What it
 * shares with the tracer thread is the start latch, {@code startFailed} and {@code failure} (volatile, each written
 * once by the tracer thread), and what {@link Tasks} keeps for killing and signalling the tree. The outcome
 * ({@link TraceOutput}) is read after joining the tracer thread, so every write that thread made is visible.
 * {@link #await(Duration)} is synchronized: concurrent callers wait for the same end and get the same outcome.
 */
final class TraceHandle implements RunningTrace {
    /** How long the events' consumer may take, past the trace's deadline, to have the last of them. */
    private static final long CONSUMER_GRACE_NANOS = Duration.ofSeconds(10).toNanos();
    private final TraceConfig config;
    private final Tasks tasks;
    private final TraceOutput output;
    /** Null when nobody consumes the events as they come. */
    private final EventPipe pipe;
    private final Thread tracer;
    private final long startNanos;
    /** Released once the program is seized (or attached), or the start failed ({@link #startFailed}). */
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean startFailed;
    private volatile Throwable failure;
    private boolean done;
    /** Set once someone awaits the outcome (then the captured output is theirs to read); read by the shutdown hook. */
    private volatile boolean awaited;
    private TraceResult doneResult;
    private RuntimeException doneFailure;

    TraceHandle(TraceConfig config, Thread tracer, Tasks tasks, TraceOutput output, EventPipe pipe) {
        this.config = config;
        this.pipe = pipe;
        this.tasks = tasks;
        this.output = output;
        this.tracer = tracer;
        this.startNanos = System.nanoTime();
    }

    // ------------------------------------------------------------------------------- called by the tracer thread

    /** The program runs traced (or the start failed and the failure is recorded): {@link #awaitStarted} returns. */
    void startDone() {
        started.countDown();
    }

    /** The tracer thread ends with this failure; before {@link #startDone()} it is the start's failure. */
    void failed(Throwable t) {
        failure = t;
        startFailed = started.getCount() > 0;
    }

    // ------------------------------------------------------------------------------------- called by the others

    /**
     * Waits until the program is seized (or attached); when the start failed, throws its failure once the tracer
     * thread has cleaned up. An interrupt does not stop the wait (spawning takes milliseconds); it is kept.
     */
    void awaitStarted() {
        keepingInterrupt(started::await);
        if (startFailed) {
            await(); // throws the failure
        }
    }

    @Override
    public int pid() {
        return tasks.mainPid();
    }

    @Override
    public boolean isAlive() {
        return tracer.isAlive();
    }

    @Override
    public void kill() {
        if (tracer.isAlive()) {
            tasks.requestKill(KillReason.KILLED);
        }
    }

    @Override
    public void suspend() {
        signalWhileTracing(Signals.SIGSTOP);
    }

    @Override
    public void resume() {
        signalWhileTracing(Signals.SIGCONT);
    }

    /** After the end, the pids may already belong to other processes: nothing is sent then. */
    private void signalWhileTracing(int signal) {
        if (tracer.isAlive()) {
            tasks.signalAll(signal);
        }
    }

    /**
     * The JVM is shutting down ({@link TracesAtShutdown}): waits, until {@code deadlineNanos} at most, for the tracer
     * thread to end and the listener to have every event; the outcome is left to whoever awaits the trace.
     */
    void awaitEndUntil(long deadlineNanos) {
        long left;
        try {
            while (tracer.isAlive() && (left = deadlineNanos - System.nanoTime()) > 0) {
                tracer.join(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (pipe != null) {
            pipe.awaitDrained(deadlineNanos);
        }
        if (!awaited && !tracer.isAlive()) {
            output.discard(); // nobody will read the captured output: its temp files go with the JVM
        }
    }

    @Override
    public TraceResult await() {
        return await(null);
    }

    @Override
    public synchronized TraceResult await(Duration timeout) {
        awaited = true;
        if (!done) {
            try {
                doneResult = waitForEnd(timeout);
            } catch (RuntimeException e) {
                doneFailure = e;
            }
            done = true;
        }
        if (doneFailure != null) {
            throw doneFailure;
        }
        return doneResult;
    }

    @Override
    public void close() {
        kill();
        try {
            await();
        } catch (RuntimeException e) {
            // closing only has to leave nothing running; the caller did not ask for the outcome
        }
    }

    private TraceResult waitForEnd(Duration timeout) {
        long configDeadline = startNanos + config.timeout().toNanos();
        long deadline = configDeadline;
        Duration named = config.timeout();
        if (timeout != null && System.nanoTime() + timeout.toNanos() - configDeadline < 0) {
            deadline = System.nanoTime() + timeout.toNanos();
            named = timeout;
        }
        boolean timedOut = false;
        boolean interrupted = false;
        try {
            long left;
            while (tracer.isAlive() && (left = deadline - System.nanoTime()) > 0) {
                tracer.join(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (tracer.isAlive()) {
            timedOut = !interrupted;
            tasks.requestKill(interrupted ? KillReason.INTERRUPTED : KillReason.TIMEOUT);
            keepingInterrupt(tracer::join);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (pipe != null) {
            // The consumer has every event before the trace is over for the caller (a timed-out trace's too).
            pipe.awaitDrained(Math.max(deadline, System.nanoTime()) + CONSUMER_GRACE_NANOS);
        }
        if (failure != null) {
            output.discard();
            throw TraceFailures.tracerFailed(failure);
        }
        TraceResult result = output.result();
        // This wait's own interrupt or timeout decides first; otherwise the reason the tree was killed for, if any.
        KillReason reason = interrupted ? KillReason.INTERRUPTED
                : timedOut ? KillReason.TIMEOUT : tasks.killReason();
        TracerException killed = TraceFailures.killed(reason, config, named, result, output.recordedCalls());
        if (killed != null) {
            throw killed;
        }
        return result;
    }

    /** Something that blocks until an end that comes soon, and may be interrupted meanwhile. */
    private interface Blocking {
        void run() throws InterruptedException;
    }

    /** Runs {@code blocking} to its end whatever interrupts come meanwhile, and keeps the interrupt for the caller. */
    private static void keepingInterrupt(Blocking blocking) {
        boolean interrupted = false;
        while (true) {
            try {
                blocking.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
