package dev.syscallassert.assertj;

import dev.syscallassert.assertj.SocketUses.Connect;
import dev.syscallassert.assertj.SocketUses.Listen;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code connectedTo}, {@code listenedOn}: the connects (or listens) that were made, closest first. */
final class ShouldHaveConnectedTo extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveConnectedTo(TraceSnapshot trace, Endpoint expected,
                                                     List<Connect> closestFirst) {
        return new ShouldHaveConnectedTo(trace, "connected to", expected.toString(), "Connects it made",
                lines(closestFirst, Render::connect));
    }

    static ErrorMessageFactory shouldHaveListenedOn(TraceSnapshot trace, int port, List<Listen> listens) {
        return new ShouldHaveConnectedTo(trace, "listened on port", Integer.toString(port),
                "Sockets it listened on", lines(listens, l -> Render.labelled(
                        l.address().map(Endpoint::toString).orElse("(address unknown)"), l.event())));
    }

    private ShouldHaveConnectedTo(TraceSnapshot trace, String verb, String expected, String seen,
                                  CharSequence attempts) {
        super(trace, "%nExpecting the traced process to have " + verb + "%n  %s%nbut it did not. "
                + seen + ", closest first:%n%s", text(expected), attempts);
    }
}
