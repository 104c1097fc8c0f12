package dev.syscallassert.assertj;

import dev.syscallassert.SignalEvent;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.syscalls.SyscallNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.ShouldHaveReceivedSignal.shouldHaveReceivedSignal;
import static dev.syscallassert.assertj.ShouldNotHaveReceivedSignal.shouldNotHaveReceivedSignal;

/**
 * The checks on delivered signals ({@link dev.syscallassert.SyscallTrace#signals()}), which no syscall check sees. A
 * name that is no signal is a usage error, raised before the trace is read: a typo would pass every negative check.
 */
final class SignalChecks {
    /** Every signal name as strace prints it, SIGHUP to SIGRT_32, from the generated table. */
    private static final List<String> NAMES = names();
    /** The same, as the suggestions' ranking compares them (it lower-cases what it is given). */
    private static final List<String> LOWER_CASE_NAMES = NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableList());

    private SignalChecks() {
    }

    static Check receivedSignal(String signal) {
        requireSignal(signal);
        return trace -> {
            List<SignalEvent> delivered = trace.signals();
            if (delivered.stream().anyMatch(s -> s.signal().equals(signal))) {
                return null;
            }
            List<SignalEvent> closestFirst = new ArrayList<>(delivered);
            closestFirst.sort((a, b) -> Integer.compare(SyscallNames.editDistance(signal, a.signal()),
                    SyscallNames.editDistance(signal, b.signal())));
            return shouldHaveReceivedSignal(trace, signal, closestFirst);
        };
    }

    static Check didNotReceiveSignal(String signal) {
        requireSignal(signal);
        return trace -> {
            List<SignalEvent> delivered = trace.signals().stream().filter(s -> s.signal().equals(signal))
                    .collect(Collectors.toList());
            return delivered.isEmpty() ? null : shouldNotHaveReceivedSignal(trace, signal, delivered);
        };
    }

    private static void requireSignal(String signal) {
        Objects.requireNonNull(signal, "signal name");
        if (!NAMES.contains(signal)) {
            List<String> nearest = new ArrayList<>();
            String withPrefix = "SIG" + signal.toUpperCase(Locale.ROOT);
            if (NAMES.contains(withPrefix)) {
                nearest.add(withPrefix); // "TERM", "term"
            }
            for (String name : SyscallNames.nearest(LOWER_CASE_NAMES, signal, 3)) {
                String upper = name.toUpperCase(Locale.ROOT);
                if (!nearest.contains(upper)) {
                    nearest.add(upper);
                }
            }
            throw new IllegalArgumentException("Unknown signal \"" + signal + "\""
                    + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?")
                    + " Signals are named as strace names them: SIGTERM, SIGRTMIN, SIGRT_2.");
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int n = 1; Signals.knownName(n) != null; n++) {
            names.add(Signals.knownName(n));
        }
        return List.copyOf(names);
    }
}
