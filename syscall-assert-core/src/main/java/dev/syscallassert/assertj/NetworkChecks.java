package dev.syscallassert.assertj;

import dev.syscallassert.assertj.SocketUses.Connect;
import dev.syscallassert.assertj.SocketUses.Listen;
import dev.syscallassert.assertj.SocketUses.SocketUse;
import dev.syscallassert.core.syscalls.SyscallNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.ShouldHaveConnectedTo.shouldHaveConnectedTo;
import static dev.syscallassert.assertj.ShouldHaveConnectedTo.shouldHaveListenedOn;
import static dev.syscallassert.assertj.ShouldNotHaveConnectedTo.shouldNotHaveConnectedTo;
import static dev.syscallassert.assertj.ShouldNotHaveConnectedTo.shouldOnlyHaveConnectedTo;
import static dev.syscallassert.assertj.ShouldNotHaveNetworkCalls.shouldNotHaveNetworkCalls;
import static dev.syscallassert.assertj.ShouldNotHaveNetworkCalls.shouldNotHaveUnixSocketCalls;

/**
 * The socket checks. "Network" is decided per call by {@link SocketUses}. A connect's outcome comes from
 * {@link ConnectOutcomes}: {@link #connectedTo} needs one the trace shows connected; {@link #didNotConnectTo} and
 * {@link #onlyConnectedTo} count every connect not known to have failed, since one left under way with no outcome in
 * the trace may have connected. Neither check answers "yes" on a connect whose outcome the trace does not show.
 */
final class NetworkChecks {
    private NetworkChecks() {
    }

    static Check noNetworkCalls() {
        return trace -> {
            List<SocketUse> calls = SocketUses.socketUses(trace.events()).stream().filter(SocketUse::network)
                    .collect(Collectors.toList());
            return calls.isEmpty() ? null : shouldNotHaveNetworkCalls(trace, calls);
        };
    }

    static Check noUnixSocketCalls() {
        return trace -> {
            List<SocketUse> calls = SocketUses.socketUses(trace.events()).stream()
                    .filter(c -> c.family() == SocketUses.AF_UNIX).collect(Collectors.toList());
            return calls.isEmpty() ? null : shouldNotHaveUnixSocketCalls(trace, calls);
        };
    }

    static Check connectedTo(String host, int port) {
        Endpoint expected = Endpoint.ofUser(host, port);
        return trace -> {
            List<Connect> connects = SocketUses.connects(trace);
            if (connects.stream().anyMatch(c -> c.connected() && expected.matches(c.endpoint()))) {
                return null;
            }
            // The right port first (a wrong host is the likelier mistake), then by how the address is spelt.
            List<Connect> closest = new ArrayList<>(connects);
            closest.sort(Comparator.<Connect>comparingInt(c -> c.endpoint().port() == port ? 0 : 1)
                    .thenComparingInt(c -> SyscallNames.editDistance(expected.toString(), c.endpoint().toString())));
            return shouldHaveConnectedTo(trace, expected, closest);
        };
    }

    static Check didNotConnectTo(String host, int port) {
        Endpoint expected = Endpoint.ofUser(host, port);
        return trace -> {
            List<Connect> connects = SocketUses.connects(trace).stream()
                    .filter(c -> c.mayHaveConnected() && expected.matches(c.endpoint())).collect(Collectors.toList());
            return connects.isEmpty() ? null : shouldNotHaveConnectedTo(trace, expected, connects);
        };
    }

    static Check onlyConnectedTo(String... addresses) {
        Objects.requireNonNull(addresses, "addresses");
        List<Endpoint> allowed = Arrays.stream(addresses).map(Endpoint::ofUser).collect(Collectors.toList());
        return trace -> {
            List<Connect> others = SocketUses.connects(trace).stream()
                    .filter(c -> c.endpoint().isInet() && c.mayHaveConnected()
                            && allowed.stream().noneMatch(a -> a.matches(c.endpoint())))
                    .collect(Collectors.toList());
            return others.isEmpty() ? null : shouldOnlyHaveConnectedTo(trace, allowed, others);
        };
    }

    static Check listenedOn(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a port number: " + port);
        }
        return trace -> {
            List<Listen> listens = SocketUses.listens(trace.events());
            if (listens.stream().anyMatch(l -> l.address().filter(a -> a.isInet() && a.port() == port).isPresent())) {
                return null;
            }
            return shouldHaveListenedOn(trace, port, listens);
        };
    }
}
