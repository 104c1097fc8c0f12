package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.ConnectOutcomes.Outcome;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a list of events means for sockets: which calls made or used one and whether that was network, the connects
 * and the listens. Descriptors are per process and reused after close, so a socket's family is looked up by
 * (pid, fd) and forgotten at close.
 */
final class SocketUses {
    private static final Xlat FAMILIES = Constants.group("address_family");
    static final int AF_UNIX = Constants.intValue("address_family", "AF_UNIX");
    private static final int AF_INET = Constants.intValue("address_family", "AF_INET");
    /** The families a socket of which is network: internet sockets and raw packet sockets. */
    private static final Set<Integer> NETWORK_FAMILIES = Set.of(AF_INET,
            Constants.intValue("address_family", "AF_INET6"), Constants.intValue("address_family", "AF_PACKET"));
    private static final Set<String> ADDRESS_CALLS =
            Set.of("connect", "bind", "listen", "accept", "accept4", "sendto", "sendmsg", "sendmmsg");
    /** systemd-resolved's lookup socket: a name lookup through it is DNS, although the socket is Unix-domain. */
    private static final String RESOLVED_SOCKET = "/run/systemd/resolve/io.systemd.Resolve";

    /** Why a socket call is a network call, or {@link #NONE}. */
    enum NetworkUse {
        /** Not a network call (a Unix-domain or netlink socket, an address of no network family). */
        NONE,
        /** A socket of a network family was made (or the attempt failed). */
        NETWORK_SOCKET,
        /** An internet address on port 53. */
        DNS,
        /** Any other internet address. */
        INTERNET_ADDRESS,
        /** systemd-resolved's Unix-domain lookup socket. */
        RESOLVED_DNS,
        /** A call without an address on a descriptor that a network-family socket() made. */
        ON_NETWORK_SOCKET
    }

    /**
     * A call that made or used a socket. {@code endpoint} is the address it named, or null; {@code family} the
     * socket's address family when known, else -1.
     */
    record SocketUse(SyscallEvent event, Endpoint endpoint, int family, NetworkUse use) {
        boolean network() {
            return use != NetworkUse.NONE;
        }
    }

    /** A connect call with a readable address, and what became of it ({@link ConnectOutcomes}). */
    record Connect(SyscallEvent event, Endpoint endpoint, Outcome outcome) {
        /** Whether the trace shows it connected: by itself, or by what followed on its socket. */
        boolean connected() {
            return outcome.connected();
        }

        /** Connected, or left under way with no outcome in the trace: what the "did not connect" checks count. */
        boolean mayHaveConnected() {
            return outcome.mayHaveConnected();
        }

        /** Returned EINPROGRESS (or was interrupted), and nothing later in the trace tells how it ended. */
        boolean underWayWithoutOutcome() {
            return event.finished() && outcome.kind() == ConnectOutcomes.Kind.UNKNOWN;
        }
    }

    /** A successful listen, with the address its socket was bound to when the trace tells it. */
    record Listen(SyscallEvent event, Optional<Endpoint> address) {
    }

    private SocketUses() {
    }

    /** {@code AF_INET}, or {@code family 99} for a number the table does not name. */
    static String familyName(int family) {
        String name = FAMILIES.name(family);
        return name != null ? name : "family " + family;
    }

    /**
     * Every socket-related call with its family when known: from its own address, or from the {@code socket()}
     * call that made its descriptor in the same process.
     */
    static List<SocketUse> socketUses(List<SyscallEvent> events) {
        Map<Long, Integer> familyByFd = new HashMap<>();
        List<SocketUse> uses = new ArrayList<>();
        for (SyscallEvent e : events) {
            String name = e.syscall();
            if (name.equals("close") || name.equals("close_range")) {
                familyByFd.remove(key(e.pid(), e.arg(0)));
                continue;
            }
            if (name.equals("socket") || name.equals("socketpair")) {
                int family = (int) e.arg(0);
                if (name.equals("socket") && e.succeeded()) {
                    familyByFd.put(key(e.pid(), e.returnValue()), family);
                }
                uses.add(new SocketUse(e, null, family,
                        NETWORK_FAMILIES.contains(family) ? NetworkUse.NETWORK_SOCKET : NetworkUse.NONE));
                continue;
            }
            if (!ADDRESS_CALLS.contains(name)) {
                continue;
            }
            Endpoint endpoint = Endpoint.ofEvent(e.address().orElse(null)).orElse(null);
            Integer fdFamily = familyByFd.get(key(e.pid(), e.arg(0)));
            if ((name.equals("accept") || name.equals("accept4")) && e.succeeded() && fdFamily != null) {
                familyByFd.put(key(e.pid(), e.returnValue()), fdFamily);
            }
            int family = endpoint != null ? (endpoint.isUnix() ? AF_UNIX : AF_INET) : fdFamily != null ? fdFamily : -1;
            NetworkUse use = NetworkUse.NONE;
            if (endpoint != null && endpoint.isInet()) {
                use = endpoint.port() == 53 ? NetworkUse.DNS : NetworkUse.INTERNET_ADDRESS;
            } else if (endpoint != null && endpoint.toString().equals("unix:" + RESOLVED_SOCKET)) {
                use = NetworkUse.RESOLVED_DNS;
            } else if (endpoint == null && fdFamily != null && NETWORK_FAMILIES.contains(fdFamily)) {
                use = NetworkUse.ON_NETWORK_SOCKET;
            }
            uses.add(new SocketUse(e, endpoint, family, use));
        }
        return uses;
    }

    /**
     * The connects with a readable address among the snapshot's events, whatever their outcome, each decided on the
     * snapshot's whole reading (a socket's later calls may be on another thread, or outside the scope).
     */
    static List<Connect> connects(TraceSnapshot trace) {
        List<Connect> connects = new ArrayList<>();
        ConnectOutcomes outcomes = null;
        for (SyscallEvent e : trace.events()) {
            if (e.syscall().equals("connect")) {
                Optional<Endpoint> endpoint = Endpoint.ofEvent(e.address().orElse(null));
                if (endpoint.isPresent()) {
                    if (outcomes == null) {
                        outcomes = ConnectOutcomes.in(trace.wholeEvents(), trace.events());
                    }
                    connects.add(new Connect(e, endpoint.get(), outcomes.of(e)));
                }
            }
        }
        return connects;
    }

    /** The distinct addresses the trace shows a connection to, in order (an outcome it does not show left out). */
    static List<String> connectedAddresses(TraceSnapshot trace) {
        return connects(trace).stream().filter(Connect::connected).map(c -> c.endpoint().toString()).distinct()
                .collect(Collectors.toList());
    }

    /** Successful listens with the address they were bound to (from the earlier bind on that fd, same process). */
    static List<Listen> listens(List<SyscallEvent> events) {
        Map<Long, Endpoint> bound = new HashMap<>();
        List<Listen> listens = new ArrayList<>();
        for (SyscallEvent e : events) {
            if (e.syscall().equals("close")) {
                bound.remove(key(e.pid(), e.arg(0)));
            } else if (e.syscall().equals("bind") && e.succeeded()) {
                Endpoint.ofEvent(e.address().orElse(null)).ifPresent(ep -> bound.put(key(e.pid(), e.arg(0)), ep));
            } else if (e.syscall().equals("listen") && e.succeeded()) {
                Optional<Endpoint> own = Endpoint.ofEvent(e.address().orElse(null));
                listens.add(new Listen(e, own.or(() -> Optional.ofNullable(bound.get(key(e.pid(), e.arg(0)))))));
            }
        }
        return listens;
    }

    private static long key(int pid, long fd) {
        return ((long) pid << 32) | (fd & 0xffffffffL);
    }
}
