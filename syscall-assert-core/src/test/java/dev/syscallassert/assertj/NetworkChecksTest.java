package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkChecksTest {

    @Test
    void unixAndNetlinkSocketsAreNotNetwork() {
        SyscallTrace t = trace(socket(AF_UNIX, 3).build(), sockCall("connect", 3, "unix:/run/dbus/system_bus_socket").build(),
                socket(AF_NETLINK, 4).build(), sockCall("bind", 4, "unix:@abstract").build(),
                call("socketpair").args(AF_UNIX, SOCK_STREAM, 0).returnValue(0).build());
        assertThat(t).noNetworkCalls();
        assertThatThrownBy(() -> assertThat(t).noUnixSocketCalls())
                .hasMessageContaining("Expecting the traced process to make no Unix-domain socket calls, but it made 4:")
                .hasMessageContaining("connect(3, {unix:/run/dbus/system_bus_socket}, 16) = 0  <- unix:/run/dbus/system_bus_socket");
    }

    @Test
    void noNetworkCallsShowsEachOffendingCallWithThreadAndAddress() {
        SyscallTrace t = trace(
                socket(AF_INET, 3).tid(101).thread("HttpClient-1").build(),
                sockCall("connect", 3, "93.184.216.34:443").tid(101).thread("HttpClient-1").build(),
                fail(socket(AF_INET6, -1), "EAFNOSUPPORT").build(),
                socket(AF_PACKET, 5).build());
        assertThatThrownBy(() -> assertThat(t).noNetworkCalls())
                .hasMessage(String.format("%nExpecting the traced process to make no network calls, but it made 4:%n"
                        + "  [pid 100 tid 101 \"HttpClient-1\"] socket(AF_INET, SOCK_STREAM, 0) = 3  <- an AF_INET socket%n"
                        + "  [pid 100 tid 101 \"HttpClient-1\"] connect(3, {93.184.216.34:443}, 16) = 0  <- internet address 93.184.216.34:443%n"
                        + "  [pid 100 \"app\"] socket(AF_INET6, SOCK_STREAM, 0) = -1 EAFNOSUPPORT  <- an AF_INET6 socket%n"
                        + "  [pid 100 \"app\"] socket(AF_PACKET, SOCK_STREAM, 0) = 5  <- an AF_PACKET socket"));
    }

    @Test
    void dnsIsNetworkEvenWithoutItsSocketCall() {
        SyscallTrace t = trace(sockCall("sendto", 3, "127.0.0.53:53").build());
        assertThatThrownBy(() -> assertThat(t).noNetworkCalls()).hasMessageContaining("<- DNS to 127.0.0.53:53");
        SyscallTrace resolved = trace(socket(AF_UNIX, 3).build(),
                sockCall("connect", 3, "unix:/run/systemd/resolve/io.systemd.Resolve").build());
        assertThatThrownBy(() -> assertThat(resolved).noNetworkCalls())
                .hasMessageContaining("<- DNS through systemd-resolved");
    }

    @Test
    void listenAndAcceptOnAnInternetSocketAreNetworkEvenWithoutAnAddress() {
        SyscallTrace t = trace(socket(AF_UNIX, 3).build(), call("listen").args(3, 5).returnValue(0).build(),
                call("close").args(3).returnValue(0).build(),
                // fd 3 is reused for an internet socket in another process: the first one's family must not leak
                socket(AF_INET, 3).pid(200).tid(200).build(), call("listen").args(3, 5).pid(200).tid(200).renderedArgs(List.of("3", "5")).returnValue(0).build());
        assertThat(t).inProcess(100).noNetworkCalls();
        assertThatThrownBy(() -> assertThat(t).noNetworkCalls())
                .hasMessageContaining("but it made 2:")
                .hasMessageContaining("[pid 200 \"app\"] listen(3, 5) = 0  <- on an AF_INET socket");
    }

    @Test
    void ipv4MappedAddressesEqualTheirIpv4Form() {
        SyscallTrace t = trace(sockCall("connect", 3, "[::ffff:127.0.0.1]:8080").build(),
                sockCall("connect", 4, "[0:0:0:0:0:0:0:1]:9090").build());
        assertThat(t).connectedTo("127.0.0.1", 8080)
                .connectedTo("::ffff:127.0.0.1", 8080)
                .connectedTo("localhost", 8080)
                .connectedTo("::1", 9090)
                .connectedTo("[::1]", 9090)
                .onlyConnectedTo("127.0.0.1:8080", "[::1]:9090")
                .connections().containsExactly("127.0.0.1:8080", "[::1]:9090");
    }

    @Test
    void aConnectCountsWhenItSucceededButNotWhenItWasRefused() {
        // Blocking connects decide themselves; their lines read as they always did. A non-blocking one is decided
        // by what followed on its socket (ConnectOutcomesTest): here nothing names its socket, so nothing decides it.
        SyscallTrace t = trace(fail(sockCall("connect", 3, "127.0.0.5:5432"), "EINPROGRESS").build(),
                fail(sockCall("connect", 4, "127.0.0.6:5432"), "ECONNREFUSED").build(),
                sockCall("connect", 5, "127.0.0.7:80").build());
        assertThat(t).connectedTo("127.0.0.7", 80).didNotConnectTo("127.0.0.6", 5432);
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.6", 5432))
                .hasMessage(String.format("%nExpecting the traced process to have connected to%n  127.0.0.6:5432%n"
                        + "but it did not. Connects it made, closest first:%n"
                        + "  127.0.0.6:5432  (failed: ECONNREFUSED)  [pid 100 \"app\"] connect(4, {127.0.0.6:5432}, 16) = -1 ECONNREFUSED%n"
                        + "  127.0.0.5:5432  (in progress, outcome unknown: the trace does not name its socket)  [pid 100 \"app\"] connect(3, {127.0.0.5:5432}, 16) = -1 EINPROGRESS%n"
                        + "  127.0.0.7:80  [pid 100 \"app\"] connect(5, {127.0.0.7:80}, 16) = 0"));
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.7", 80))
                .hasMessage(String.format("%nExpecting the traced process not to have connected to%n  127.0.0.7:80%n"
                        + "but it made this connect:%n"
                        + "  127.0.0.7:80  [pid 100 \"app\"] connect(5, {127.0.0.7:80}, 16) = 0"));
    }

    @Test
    void onlyConnectedToListsTheOthers() {
        SyscallTrace t = trace(sockCall("connect", 3, "127.0.0.1:8080").build(),
                sockCall("connect", 4, "unix:/run/nscd/socket").build(),
                sockCall("connect", 5, "[2606:2800:220:1::1]:443").build());
        assertThat(t).onlyConnectedTo("127.0.0.1:*", "[2606:2800:220:1:0:0:0:1]:443");
        assertThatThrownBy(() -> assertThat(t).onlyConnectedTo("127.0.0.1:8080"))
                .hasMessage(String.format("%nExpecting the traced process to have connected only to%n  127.0.0.1:8080%n"
                        + "but it made this connect:%n"
                        + "  [2606:2800:220:1::1]:443  [pid 100 \"app\"] connect(5, {[2606:2800:220:1::1]:443}, 16) = 0"));
    }

    @Test
    void hostNamesAreAUsageError() {
        SyscallTrace t = trace();
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(t).connectedTo("example.com", 80))
                .withMessageContaining("\"example.com\" is not an IP address");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(t).onlyConnectedTo("::1:80"))
                .withMessageContaining("IPv6 in brackets");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(t).connectedTo("::1", 70000));
    }

    @Test
    void listenedOnUsesThePortTheSocketWasBoundTo() {
        SyscallTrace t = trace(socket(AF_INET6, 3).build(), sockCall("bind", 3, "[::]:8080").build(),
                call("listen").args(3, 50).renderedArgs(List.of("3", "50")).returnValue(0).build(),
                socket(AF_INET, 4).build(), sockCall("bind", 4, "0.0.0.0:9090").build());
        assertThat(t).listenedOn(8080);
        assertThatThrownBy(() -> assertThat(t).listenedOn(9090))
                .hasMessage(String.format("%nExpecting the traced process to have listened on port%n  9090%n"
                        + "but it did not. Sockets it listened on, closest first:%n"
                        + "  [::]:8080  [pid 100 \"app\"] listen(3, 50) = 0"));
    }
}
