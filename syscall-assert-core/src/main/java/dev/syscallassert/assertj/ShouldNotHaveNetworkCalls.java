package dev.syscallassert.assertj;

import dev.syscallassert.assertj.SocketUses.SocketUse;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;
import java.util.stream.Collectors;

/** {@code noNetworkCalls}, {@code noUnixSocketCalls}: each offending call in strace form, its thread and why. */
final class ShouldNotHaveNetworkCalls extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveNetworkCalls(TraceSnapshot trace, List<SocketUse> calls) {
        return new ShouldNotHaveNetworkCalls(trace, "network",
                calls.stream().map(c -> Render.call(c.event()) + "  <- " + why(c)).collect(Collectors.toList()));
    }

    static ErrorMessageFactory shouldNotHaveUnixSocketCalls(TraceSnapshot trace, List<SocketUse> calls) {
        return new ShouldNotHaveNetworkCalls(trace, "Unix-domain socket", calls.stream()
                .map(c -> Render.call(c.event()) + (c.endpoint() != null ? "  <- " + c.endpoint() : ""))
                .collect(Collectors.toList()));
    }

    private ShouldNotHaveNetworkCalls(TraceSnapshot trace, String kind, List<String> calls) {
        super(trace, "%nExpecting the traced process to make no " + kind + " calls, but it made "
                + calls.size() + ":%n%s", lines(calls));
    }

    /** Why the call is network: what the user needs to find it in the code. */
    private static String why(SocketUse u) {
        switch (u.use()) {
            case NETWORK_SOCKET: return "an " + SocketUses.familyName(u.family()) + " socket";
            case DNS: return "DNS to " + u.endpoint();
            case INTERNET_ADDRESS: return "internet address " + u.endpoint();
            case RESOLVED_DNS: return "DNS through systemd-resolved";
            case ON_NETWORK_SOCKET: return "on an " + SocketUses.familyName(u.family()) + " socket";
            default: throw new IllegalArgumentException("Not a network call: " + u.event());
        }
    }
}
