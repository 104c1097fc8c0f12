package dev.syscallassert;

import java.time.Duration;

/**
 * A trace that has started and may still be running: returned by {@link Tracer#start()}. The traced tree belongs to
 * its own tracer thread; these methods only wait for it or send signals, so any thread may call them.
 *
 * <pre>{@code
 * try (RunningTrace running = Tracer.command("sleep", "60").start()) {
 *     // ... do something while it runs
 *     TraceResult result = running.await(Duration.ofSeconds(5)); // kills the tree and throws after 5 s
 * }
 * }</pre>
 */
public interface RunningTrace extends AutoCloseable {

    /** The traced program's process id (or the attached one's). */
    int pid();

    /** Whether the tracer still has anything to trace: false once every traced process has ended (or was detached). */
    boolean isAlive();

    /**
     * Kills the whole traced tree with SIGKILL (an attached process is detached instead, never killed) and returns at
     * once; {@link #await()} then throws {@link TraceCancelledException} with what was traced until then. Does nothing
     * once the trace has ended.
     */
    void kill();

    /**
     * Stops every traced process with SIGSTOP, as job control would: they stay stopped (the tracer keeps waiting, and
     * their time limit keeps running) until {@link #resume()}, {@link #kill()} or a SIGCONT from elsewhere. For a
     * process that should not compete for the processor for a while. Does nothing once the trace has ended.
     */
    void suspend();

    /** Continues the processes {@link #suspend()} stopped (SIGCONT to every traced process). */
    void resume();

    /**
     * Waits until every traced process has ended, at most until the {@link Tracer#timeout(Duration) timeout} counted
     * from {@link Tracer#start()}. Calling it again returns (or throws) the same.
     *
     * @throws TraceTimeoutException         the timeout passed; the tree was killed
     * @throws TraceCancelledException       {@link #kill()} was called before the tree ended by itself
     * @throws ProcessLimitExceededException the tree forked without end; it was killed
     * @throws TracerException               the tracer failed, or this thread was interrupted (the tree was killed)
     */
    TraceResult await();

    /**
     * As {@link #await()}, but waits at most {@code timeout} from now (and never past the tracer's own timeout):
     * when it passes, the tree is killed and {@link TraceTimeoutException} names this timeout.
     */
    TraceResult await(Duration timeout);

    /** Kills the tree if it still runs and waits until it is reaped; never throws. */
    @Override
    void close();
}
