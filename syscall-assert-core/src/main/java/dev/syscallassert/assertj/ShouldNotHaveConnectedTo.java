package dev.syscallassert.assertj;

import dev.syscallassert.assertj.SocketUses.Connect;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;
import java.util.stream.Collectors;

/** {@code didNotConnectTo}, {@code onlyConnectedTo}: the connects that were not allowed. */
final class ShouldNotHaveConnectedTo extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveConnectedTo(TraceSnapshot trace, Endpoint address,
                                                        List<Connect> connects) {
        return new ShouldNotHaveConnectedTo(trace, "not to have connected to", address.toString(), connects);
    }

    static ErrorMessageFactory shouldOnlyHaveConnectedTo(TraceSnapshot trace, List<Endpoint> allowed,
                                                         List<Connect> connects) {
        return new ShouldNotHaveConnectedTo(trace, "to have connected only to",
                allowed.stream().map(Endpoint::toString).collect(Collectors.joining(", ")), connects);
    }

    private ShouldNotHaveConnectedTo(TraceSnapshot trace, String expectation, String addresses,
                                     List<Connect> connects) {
        super(trace, "%nExpecting the traced process " + expectation + "%n  %s%nbut it made "
                        + (connects.size() == 1 ? "this connect" : "these " + connects.size() + " connects")
                        + ":%n%s" + (connects.stream().anyMatch(Connect::underWayWithoutOutcome) ? UNKNOWN_COUNTS : ""),
                text(addresses), lines(connects, Render::connect));
    }

    /** Why a connect with no outcome is held against the process: so that the failure is not read as a guess. */
    private static final String UNKNOWN_COUNTS = "%nA connect left under way whose outcome the trace does not show "
            + "counts: it may have connected.";
}
