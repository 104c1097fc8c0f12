package dev.syscallassert.assertj;

import dev.syscallassert.SignalEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code receivedSignal}: it was not delivered; shows the signals that were, closest name first. */
final class ShouldHaveReceivedSignal extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveReceivedSignal(TraceSnapshot trace, String signal,
                                                        List<SignalEvent> deliveredClosestFirst) {
        return new ShouldHaveReceivedSignal(trace, signal, deliveredClosestFirst);
    }

    private ShouldHaveReceivedSignal(TraceSnapshot trace, String signal, List<SignalEvent> delivered) {
        super(trace, "%nExpecting the traced process to have received%n  %s%nbut it was never delivered. "
                        + "Signals delivered, closest first:%n%s", text(signal),
                lines(delivered, ShouldHaveReceivedSignal::line));
    }

    /** {@code SIGINT  [pid 12 "app"] --- SIGINT {si_signo=SIGINT, ...} ---}. */
    static String line(SignalEvent s) {
        return s.signal() + "  " + Render.who(s) + " " + s;
    }
}
