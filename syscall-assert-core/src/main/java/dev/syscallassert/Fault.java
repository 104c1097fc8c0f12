package dev.syscallassert;

import dev.syscallassert.core.act.FaultChecks;
import dev.syscallassert.core.act.FaultSyntax;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault to inject into the traced program's syscalls ({@link Tracer#inject}): which calls (syscall names or strace
 * classes, a path, a socket address), which of them (the nth, every nth, a range, or a seeded probability, counted
 * over the whole traced process tree, not per thread) and what happens to them (an errno or a return value instead
 * of running, a real short read or write, a delay before or after, a signal).
 *
 * <pre>{@code
 * Fault.on("write").path("glob:**}{@code /journal.log").nth(3).error("ENOSPC")
 * Fault.on("connect").address("127.0.0.1:5432").error("ECONNREFUSED")
 * Fault.on("read").path("glob:/data/**").every(2).shortBy(0.5)
 * Fault.on("fsync").delayBefore(Duration.ofMillis(200))
 * Fault.parse("write:error=ENOSPC:when=3")                          // strace's -e inject= syntax
 * }</pre>
 *
 * Immutable: each method returns a changed copy (its fields are set only on a copy not yet handed out). Every method checks its input at once and throws
 * {@link IllegalArgumentException} (or {@link UnknownSyscallException}) naming what is wrong, so that a mistake is
 * reported before anything runs. Any thread.
 */
public final class Fault {
    /** strace's "when=" with nothing after it never ends: the last call it may act on. */
    public static final long NO_LAST = Long.MAX_VALUE;

    private String syscalls;
    private String path;
    private String address;
    private long first;
    private long last;
    private long step;
    private double probability;
    private long seed;
    private String errno;
    private Long returnValue;
    private double shortBy;
    private Duration delayBefore;
    private Duration delayAfter;
    private String signal;

    private Fault(String syscalls, String path, String address, long first, long last, long step, double probability,
                  long seed, String errno, Long returnValue, double shortBy, Duration delayBefore,
                  Duration delayAfter, String signal) {
        this.syscalls = syscalls;
        this.path = path;
        this.address = address;
        this.first = first;
        this.last = last;
        this.step = step;
        this.probability = probability;
        this.seed = seed;
        this.errno = errno;
        this.returnValue = returnValue;
        this.shortBy = shortBy;
        this.delayBefore = delayBefore;
        this.delayAfter = delayAfter;
        this.signal = signal;
    }

    /**
     * A fault on these syscalls, in strace's syntax: {@code "write"}, {@code "read,pread64"}, {@code "%file"}. Until
     * an occurrence is chosen it acts on every matching call; until an effect is chosen it does nothing.
     *
     * @throws UnknownSyscallException for a name that is not a syscall or class, suggesting the nearest ones
     */
    public static Fault on(String syscalls) {
        Objects.requireNonNull(syscalls, "syscalls");
        FaultChecks.syscalls(syscalls);
        return new Fault(syscalls.trim(), null, null, 1, NO_LAST, 1, Double.NaN, 0, null, null, 0, Duration.ZERO,
                Duration.ZERO, null);
    }

    /**
     * A fault in strace's {@code -e inject=} syntax: {@code SYSCALLS:error=ERRNO|retval=N[:signal=SIG]
     * [:delay_enter=D][:delay_exit=D][:when=FIRST[..LAST][+[STEP]]]}, plus this tracer's {@code path=PATTERN},
     * {@code address=HOST:PORT}, {@code short=FRACTION} and {@code probability=P[:seed=N]}. A delay is in
     * microseconds unless it ends in s, ms, us or ns.
     */
    public static Fault parse(String inject) {
        return FaultSyntax.parse(inject);
    }

    /**
     * Only calls on a path this {@link java.nio.file.FileSystem#getPathMatcher PathMatcher} pattern matches
     * ({@code "glob:**}{@code /journal.log"}, {@code "regex:..."}): the call's path made absolute, or for a call on a
     * file descriptor, the path the descriptor names.
     *
     * @throws IllegalArgumentException for a malformed pattern, or a syscall among this fault's that takes neither a
     *                                  path nor a file descriptor
     */
    public Fault path(String pattern) {
        FaultChecks.path(syscalls, pattern);
        Fault f = copy();
        f.path = pattern;
        return f;
    }

    /**
     * Only calls on this socket address: {@code "127.0.0.1:5432"}, {@code "[::1]:*"}, {@code "*:53"},
     * {@code "unix:/run/app.sock"} (the address the call names: connect's, bind's, sendto's...).
     *
     * @throws IllegalArgumentException for a malformed address, or a syscall among this fault's that is no network call
     */
    public Fault address(String pattern) {
        FaultChecks.address(syscalls, pattern);
        Fault f = copy();
        f.address = pattern;
        return f;
    }

    /** A copy to change one thing in, before it is handed out: a Fault is never changed once a caller has it. */
    private Fault copy() {
        return new Fault(syscalls, path, address, first, last, step, probability, seed, errno, returnValue, shortBy,
                delayBefore, delayAfter, signal);
    }

    /** Only the nth matching call (1 for the first), strace's {@code when=N}. */
    public Fault nth(long n) {
        FaultChecks.positive("nth", n);
        return when(n, n, 1);
    }

    /** Every nth matching call: the nth, the 2nth, ... (strace's {@code when=N+N}). */
    public Fault every(long n) {
        FaultChecks.positive("every", n);
        return when(n, NO_LAST, n);
    }

    /** The matching calls from the {@code first}th to the {@code last}th, both included (strace's {@code when=F..L}). */
    public Fault calls(long first, long last) {
        return when(first, last, 1);
    }

    /**
     * strace's {@code when=FIRST..LAST+STEP}: the {@code first}th matching call, then every {@code step}th after it,
     * up to the {@code last}th ({@link #NO_LAST} for no end).
     */
    public Fault when(long first, long last, long step) {
        FaultChecks.when(first, last, step);
        Fault f = copy();
        f.first = first;
        f.last = last;
        f.step = step;
        f.probability = Double.NaN;
        f.seed = 0;
        return f;
    }

    /**
     * Each matching call with this probability, drawn from a generator seeded with {@code seed}: the same calls in
     * the same order get the same faults (a multi-threaded program's order can change from run to run).
     *
     * @throws IllegalArgumentException when the probability is outside 0..1
     */
    public Fault probability(double probability, long seed) {
        FaultChecks.probability(probability);
        Fault f = when(1, NO_LAST, 1);
        f.probability = probability;
        f.seed = seed;
        return f;
    }

    /**
     * The call is not executed and fails with this errno ({@code "ENOSPC"}), as strace's {@code error=} does.
     *
     * @throws IllegalArgumentException for a name that is no errno, suggesting the nearest
     */
    public Fault error(String errnoName) {
        FaultChecks.errno(errnoName);
        Fault f = copy();
        f.errno = errnoName;
        f.returnValue = null;
        return f;
    }

    /** The call is not executed and returns this value, as strace's {@code retval=} does. */
    public Fault returnValue(long value) {
        Fault f = copy();
        f.errno = null;
        f.returnValue = value;
        return f;
    }

    /**
     * A real short read or write: the call runs with its count cut by this fraction (0.5: half; at least one byte is
     * left), so the buffer holds real data and the file offset moves by what was really transferred.
     *
     * @throws IllegalArgumentException when the fraction is not between 0 and 1 (exclusive), or a syscall among this
     *                                  fault's has no count argument (read, write, pread64, pwrite64, recvfrom, sendto)
     */
    public Fault shortBy(double fraction) {
        FaultChecks.shortBy(syscalls, fraction);
        Fault f = copy();
        f.shortBy = fraction;
        return f;
    }

    /** Holds the calling thread this long before the call runs; the tracer serves the other threads meanwhile. */
    public Fault delayBefore(Duration delay) {
        FaultChecks.delay(delay);
        Fault f = copy();
        f.delayBefore = delay;
        return f;
    }

    /** Holds the calling thread this long after the call returned, before it sees the result. */
    public Fault delayAfter(Duration delay) {
        FaultChecks.delay(delay);
        Fault f = copy();
        f.delayAfter = delay;
        return f;
    }

    /**
     * Sends this signal ({@code "SIGUSR1"}) to the calling thread as the call returns, as strace's {@code signal=}
     * does; with {@code error("EINTR")} it is an interrupted call with its signal.
     */
    public Fault signal(String signalName) {
        FaultChecks.signal(signalName);
        Fault f = copy();
        f.signal = signalName;
        return f;
    }

    public String syscalls() { return syscalls; }

    public Optional<String> path() { return Optional.ofNullable(path); }

    public Optional<String> address() { return Optional.ofNullable(address); }

    public long first() { return first; }

    public long last() { return last; }

    public long step() { return step; }

    /** The probability of acting on each matching call, NaN when the occurrence is counted instead. */
    public double probability() { return probability; }

    public long seed() { return seed; }

    public Optional<String> errno() { return Optional.ofNullable(errno); }

    public Optional<Long> injectedReturnValue() { return Optional.ofNullable(returnValue); }

    /** The fraction a short read or write is cut by; 0 for none. */
    public double shortBy() { return shortBy; }

    public Duration delayBefore() { return delayBefore; }

    public Duration delayAfter() { return delayAfter; }

    public Optional<String> signal() { return Optional.ofNullable(signal); }

    /** Whether the fault changes anything (an effect was chosen). */
    public boolean hasEffect() {
        return errno != null || returnValue != null || shortBy > 0 || !delayBefore.isZero() || !delayAfter.isZero()
                || signal != null;
    }

    /** This fault in strace's {@code -e inject=} syntax (with this tracer's predicates). */
    @Override
    public String toString() {
        return FaultSyntax.format(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
