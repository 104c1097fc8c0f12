package dev.syscallassert.assertj;

import dev.syscallassert.Injection;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.act.FaultChecks;
import dev.syscallassert.core.syscalls.SyscallNames;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.TraceErrorMessage.lines;
import static dev.syscallassert.assertj.TraceErrorMessage.text;

/**
 * The checks on the calls the tracer acted on, decided from each call's own mark ({@link SyscallEvent#injection()}),
 * never from its result alone: a call that failed with ENOSPC by itself is not an injected fault. A syscall or errno
 * name that does not exist is a usage error, raised before the trace is read.
 */
final class ActChecks {
    private ActChecks() {
    }

    /** The calls acted on: denied ones, or injected faults. */
    static List<SyscallEvent> acted(TraceSnapshot trace, boolean denied) {
        return trace.events().stream().filter(e -> e.injection().map(i -> i.denied() == denied).orElse(false))
                .collect(Collectors.toList());
    }

    static Check injectedFault(String syscall, String errno) {
        SyscallNames.require(SyscallTable.current(), Objects.requireNonNull(syscall, "syscall"));
        FaultChecks.errno(errno);
        return trace -> {
            List<SyscallEvent> injected = acted(trace, false);
            if (injected.stream().anyMatch(e -> e.syscall().equals(syscall)
                    && e.injection().flatMap(Injection::errno).filter(errno::equals).isPresent())) {
                return null;
            }
            List<SyscallEvent> closestFirst = new ArrayList<>(injected);
            closestFirst.sort(Comparator.comparing((SyscallEvent e) -> !e.syscall().equals(syscall))
                    .thenComparing(e -> !e.injection().flatMap(Injection::errno).filter(errno::equals).isPresent()));
            return new Message(trace, "%nExpecting a fault injected into%n  %s%nthat failed it with%n  %s%nbut "
                    + (injected.isEmpty() ? "no fault was injected into any call%s"
                    : "the faults injected were:%n%s"), text(syscall), text(errno),
                    injected.isEmpty() ? "" : lines(closestFirst, e -> Render.who(e) + " " + e + "   ["
                            + e.injection().get().rule() + "]"));
        };
    }

    static Check noDeniedCalls() {
        return trace -> {
            List<SyscallEvent> denied = acted(trace, true);
            return denied.isEmpty() ? null : new Message(trace, "%nExpecting no call to be denied the network, but "
                    + (denied.size() == 1 ? "one was" : denied.size() + " were") + ":%n%s",
                    lines(denied, ActChecks::deniedLine));
        };
    }

    /** A denied call as a failure lists it: who made it, the call as strace prints it, the address it named. */
    static String deniedLine(SyscallEvent e) {
        return Render.who(e) + " " + e + e.address().map(a -> "   (address " + a + ")").orElse("");
    }

    private static final class Message extends TraceErrorMessage {
        Message(TraceSnapshot trace, String format, Object... arguments) {
            super(trace, format, arguments);
        }
    }
}
