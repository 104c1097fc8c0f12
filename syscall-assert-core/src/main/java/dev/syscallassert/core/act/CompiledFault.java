package dev.syscallassert.core.act;

import dev.syscallassert.Fault;
import dev.syscallassert.Injection;
import dev.syscallassert.core.decode.DecodedCall;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * One {@link Fault} as the tracer applies it: its syscalls as a set of numbers, its path and address matchers, and
 * its count of matching calls so far, over the whole traced tree (every thread and process of the trace counts into
 * the same counter, unlike strace's per-tracee one: a JVM's calls move between threads). Confined to the tracer thread.
 */
final class CompiledFault {
    private final Fault fault;
    private final String rule;
    final BitSet numbers = new BitSet();
    private final PathMatcher path;
    private final AddressPattern address;
    private final SplittableRandom random;
    private final int signal;
    private long matched;

    CompiledFault(Fault fault) {
        FaultChecks.complete(fault);
        this.fault = fault;
        this.rule = fault.toString();
        for (int nr : FaultChecks.syscalls(fault.syscalls())) {
            numbers.set(nr);
        }
        this.path = fault.path().map(p -> FileSystems.getDefault().getPathMatcher(FaultChecks.withSyntax(p)))
                .orElse(null);
        this.address = fault.address().map(AddressPattern::parse).orElse(null);
        this.random = Double.isNaN(fault.probability()) ? null : new SplittableRandom(fault.seed());
        this.signal = fault.signal().map(FaultChecks::signal).orElse(0);
    }

    /** Counts the call when it matches, and returns what to do when this occurrence is one the fault acts on. */
    Action decide(int nr, long[] args, DecodedCall d, SyscallTable table) {
        if (!numbers.get(nr) || !pathMatches(d) || (address != null && !address.matches(d.address))) {
            return null;
        }
        matched++;
        if (random != null ? random.nextDouble() >= fault.probability() : !occurs(matched)) {
            return null;
        }
        return action(table.name(nr), args);
    }

    private boolean occurs(long k) {
        return k >= fault.first() && k <= fault.last() && (k - fault.first()) % fault.step() == 0;
    }

    private boolean pathMatches(DecodedCall d) {
        if (path == null) {
            return true;
        }
        String p = d.path != null ? d.path : d.fdPath;
        if (p == null || !p.startsWith("/")) {
            return false; // no path, or a descriptor that names no file ("pipe:[1234]", "socket:[...]")
        }
        try {
            return path.matches(Path.of(p));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private Action action(String syscall, long[] args) {
        String errno = fault.errno().orElse(null);
        Long retval = fault.injectedReturnValue().orElse(null);
        int countArgument = -1;
        long count = 0;
        Long runWith = null;
        if (fault.shortBy() > 0) {
            countArgument = FaultChecks.COUNT_ARGUMENT.get(syscall);
            long asked = args[countArgument];
            count = Math.max(1, (long) Math.floor(asked * (1 - fault.shortBy())));
            if (asked <= 1 || count >= asked) {
                countArgument = -1; // nothing to shorten: the call runs as asked
            } else {
                runWith = count;
            }
        }
        boolean cancel = errno != null || retval != null;
        if (!cancel && runWith == null && signal == 0 && fault.delayBefore().isZero() && fault.delayAfter().isZero()) {
            return null;
        }
        Injection mark = new Injection(rule, false, errno, retval, runWith, fault.delayBefore(), fault.delayAfter(),
                fault.signal().orElse(null));
        long value = errno != null ? -FaultChecks.errno(errno) : retval != null ? retval : 0;
        return new Action(mark, cancel, value, countArgument, count, fault.delayBefore().toNanos(),
                fault.delayAfter().toNanos(), signal);
    }
}
