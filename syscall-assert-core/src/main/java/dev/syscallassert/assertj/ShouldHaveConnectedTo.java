package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code connectedTo}, {@code listenedOn}: the connects (or listens) that were made, closest first. */
final class ShouldHaveConnectedTo extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveConnectedTo(TraceSnapshot trace, String expected, List<String> attempts) {
        return new ShouldHaveConnectedTo(trace, "connected to", expected, "Connects it made", attempts);
    }

    static ErrorMessageFactory shouldHaveListenedOn(TraceSnapshot trace, int port, List<String> listens) {
        return new ShouldHaveConnectedTo(trace, "listened on port", Integer.toString(port),
                "Sockets it listened on", listens);
    }

    private ShouldHaveConnectedTo(TraceSnapshot trace, String verb, String expected, String seen,
                                  List<String> attempts) {
        super(trace, "%nExpecting the traced process to have " + verb + "%n  %s%nbut it did not. "
                + seen + ", closest first:%n%s", text(expected), lines(attempts));
    }
}
