package dev.syscallassert.assertj;

import dev.syscallassert.assertj.SocketUses.Connect;
import dev.syscallassert.assertj.SocketUses.Listen;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code connectedTo}, {@code listenedOn}: the connects (or listens) that were made, closest first. */
final class ShouldHaveConnectedTo extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveConnectedTo(TraceSnapshot trace, Endpoint expected,
                                                     List<Connect> closestFirst) {
        boolean unknown = closestFirst.stream()
                .anyMatch(c -> c.underWayWithoutOutcome() && expected.matches(c.endpoint()));
        return new ShouldHaveConnectedTo(trace, "connected to", expected.toString(), "Connects it made",
                lines(closestFirst, Render::connect), unknown ? UNKNOWN_DOES_NOT_COUNT : "");
    }

    /** Why a connect to the very address did not count: so that "it did not" is not read as "it was refused". */
    private static final String UNKNOWN_DOES_NOT_COUNT = "%nA connect left under way counts once a later call on its "
            + "socket shows it connected (getsockopt(SO_ERROR) = 0, data read or sent); the trace shows no outcome "
            + "for the one to this address.";

    static ErrorMessageFactory shouldHaveListenedOn(TraceSnapshot trace, int port, List<Listen> listens) {
        return new ShouldHaveConnectedTo(trace, "listened on port", Integer.toString(port),
                "Sockets it listened on", lines(listens, l -> Render.labelled(
                        l.address().map(Endpoint::toString).orElse("(address unknown)"), l.event())), "");
    }

    private ShouldHaveConnectedTo(TraceSnapshot trace, String verb, String expected, String seen,
                                  CharSequence attempts, String note) {
        super(trace, "%nExpecting the traced process to have " + verb + "%n  %s%nbut it did not. "
                + seen + ", closest first:%n%s" + note, text(expected), attempts);
    }
}
