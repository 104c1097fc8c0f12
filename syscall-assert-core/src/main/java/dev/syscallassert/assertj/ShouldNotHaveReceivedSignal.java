package dev.syscallassert.assertj;

import dev.syscallassert.SignalEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code didNotReceiveSignal}: each delivery of it, with the thread it went to and its siginfo. */
final class ShouldNotHaveReceivedSignal extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveReceivedSignal(TraceSnapshot trace, String signal,
                                                           List<SignalEvent> deliveries) {
        return new ShouldNotHaveReceivedSignal(trace, signal, deliveries);
    }

    private ShouldNotHaveReceivedSignal(TraceSnapshot trace, String signal, List<SignalEvent> deliveries) {
        super(trace, "%nExpecting the traced process never to receive%n  %s%nbut it was delivered "
                        + (deliveries.size() == 1 ? "once" : deliveries.size() + " times") + ":%n%s",
                text(signal), lines(deliveries, s -> Render.who(s) + " " + s));
    }
}
