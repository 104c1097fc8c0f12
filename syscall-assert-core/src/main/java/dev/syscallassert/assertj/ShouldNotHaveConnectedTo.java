package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code didNotConnectTo}, {@code onlyConnectedTo}: the connects that were not allowed. */
final class ShouldNotHaveConnectedTo extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveConnectedTo(TraceSnapshot trace, String address, List<String> connects) {
        return new ShouldNotHaveConnectedTo(trace, "not to have connected to", address, connects);
    }

    static ErrorMessageFactory shouldOnlyHaveConnectedTo(TraceSnapshot trace, List<String> allowed,
                                                         List<String> connects) {
        return new ShouldNotHaveConnectedTo(trace, "to have connected only to", String.join(", ", allowed),
                connects);
    }

    private ShouldNotHaveConnectedTo(TraceSnapshot trace, String expectation, String addresses,
                                     List<String> connects) {
        super(trace, "%nExpecting the traced process " + expectation + "%n  %s%nbut it made "
                        + (connects.size() == 1 ? "this connect" : "these " + connects.size() + " connects")
                        + ":%n%s",
                text(addresses), lines(connects));
    }
}
