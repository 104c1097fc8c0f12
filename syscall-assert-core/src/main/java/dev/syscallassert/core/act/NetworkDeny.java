package dev.syscallassert.core.act;

import dev.syscallassert.core.decode.DecodedCall;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deny mode: the traced tree may not reach the network; each denied call fails as it would on a machine that is
 * offline, and is recorded. Two forms:
 * <ul>
 *   <li>Without an allow-list no internet socket may be made: socket() of AF_INET, AF_INET6 or AF_PACKET fails with
 *       EAFNOSUPPORT (as on a kernel without that family). The seccomp filter picks those calls out by their domain
 *       argument, so no other socket() call stops. A socket made before the rule took effect (inherited, made in a
 *       test's @BeforeEach) is checked as below, with nothing allowed.</li>
 *   <li>With an allow-list the sockets exist, and each call that names a peer is checked at its stop: connect,
 *       sendto, sendmsg and sendmmsg to an internet address no pattern allows fail with ENETUNREACH (a machine with
 *       no route); to port 53 with ECONNREFUSED (no resolver listening) unless a pattern names port 53 itself, so
 *       that "127.0.0.1:*" does not let a lookup through a local resolver out; bind to a specific non-loopback
 *       address not allowed fails with EADDRNOTAVAIL (no such interface), while the wildcard and loopback addresses
 *       bind (that sends nothing).</li>
 * </ul>
 * Both: io_uring_setup fails with ENOSYS (as on a kernel without io_uring: a ring's socket and connect operations
 * are not syscalls the tracer could check, and programs fall back to plain calls), and connect to the C library's
 * resolver sockets (nscd, systemd-resolved), where they exist, fails with ENOENT, as on a machine that runs neither. A call on a
 * connected socket with no address goes where its connect, already checked, pointed it. Confined to the tracer
 * thread once built.
 */
public final class NetworkDeny {
    private static final SyscallTable TABLE = SyscallTable.current();
    private static final int NR_SOCKET = TABLE.requireNumber("socket");
    private static final int NR_CONNECT = TABLE.requireNumber("connect");
    private static final int NR_BIND = TABLE.requireNumber("bind");
    private static final int NR_IO_URING_SETUP = TABLE.requireNumber("io_uring_setup");
    private static final Set<Integer> SENDS = Set.of(TABLE.requireNumber("sendto"), TABLE.requireNumber("sendmsg"),
            TABLE.requireNumber("sendmmsg"));
    private static final int DNS_PORT = 53;
    /** The domains that reach the network; a Unix, netlink or other local socket does not. */
    private static final int[] NETWORK_DOMAINS = {
        Constants.intValue("address_family", "AF_INET"), Constants.intValue("address_family", "AF_INET6"),
        Constants.intValue("address_family", "AF_PACKET")};
    /** The C library's ways to a resolver daemon that does not go through port 53 (nscd; nss-resolve's varlink). */
    private static final Set<String> RESOLVER_SOCKETS = Set.of("unix:/var/run/nscd/socket", "unix:/run/nscd/socket",
            "unix:/run/systemd/resolve/io.systemd.Resolve");

    private final List<AddressPattern> allow;
    private final String rule;

    private NetworkDeny(List<AddressPattern> allow) {
        this.allow = allow;
        this.rule = allow.isEmpty() ? "%network:deny"
                : "%network:deny:allow=" + allow.stream().map(AddressPattern::toString).collect(Collectors.joining(","));
    }

    /** Deny mode with these allowed address patterns (none: no internet socket at all); malformed ones throw. */
    public static NetworkDeny allowing(List<String> allowed) {
        List<AddressPattern> patterns = new ArrayList<>();
        for (String a : allowed) {
            patterns.add(AddressPattern.parse(a));
        }
        return new NetworkDeny(List.copyOf(patterns));
    }

    public List<String> allowed() {
        return allow.stream().map(AddressPattern::toString).collect(Collectors.toList());
    }

    /** The syscalls that must stop for the tracer to decide. */
    int[] stopNumbers() {
        // connect, the sends and bind in both forms: a socket made before the rule took effect (inherited, made in a
        // test's @BeforeEach, or passed over a Unix socket) needs no socket() call
        List<Integer> nrs = new ArrayList<>(List.of(NR_CONNECT, NR_BIND, NR_IO_URING_SETUP));
        nrs.addAll(SENDS);
        if (allow.isEmpty()) {
            nrs.add(NR_SOCKET);
        }
        return nrs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The socket() domains that must stop (the filter compares socket's first argument); empty with an allow-list. */
    int[] socketDomains() {
        return allow.isEmpty() ? NETWORK_DOMAINS.clone() : new int[0];
    }

    /** The action on a denied call, or null when it may go on. */
    Action decide(int tid, int nr, long[] args, DecodedCall d) {
        if (nr == NR_IO_URING_SETUP) {
            return Action.fail(rule, true, "ENOSYS");
        }
        if (nr == NR_SOCKET) {
            int domain = (int) args[0];
            for (int denied : NETWORK_DOMAINS) {
                if (domain == denied && allow.isEmpty()) {
                    return Action.fail(rule, true, "EAFNOSUPPORT");
                }
            }
            return null;
        }
        if (d.address != null && d.address.startsWith("unix:")) {
            return nr == NR_CONNECT && RESOLVER_SOCKETS.contains(d.address) && !allowed(d.address)
                    && exists(tid, d.address.substring("unix:".length())) ? Action.fail(rule, true, "ENOENT") : null;
        }
        AddressPattern.Endpoint e = AddressPattern.ofEvent(d.address);
        if (e == null || allowed(e)) {
            return null; // no internet address: a connected socket's send, a local family, or unreadable
        }
        if (nr == NR_BIND) {
            return e.isWildcard() || e.isLoopback() ? null : Action.fail(rule, true, "EADDRNOTAVAIL");
        }
        if (nr == NR_CONNECT || SENDS.contains(nr)) {
            return Action.fail(rule, true, e.port() == DNS_PORT ? "ECONNREFUSED" : "ENETUNREACH");
        }
        return null;
    }

    /**
     * Whether the resolver's socket is there, as the tracee sees its file system: where it is not, its connect fails
     * by itself, as on any machine without that daemon, and is nothing to deny. The path is walked under
     * /proc/TID/root one name at a time, each symbolic link followed by hand: the kernel would resolve an absolute
     * link (/var/run -> /run) against the tracer's root, not the tracee's.
     */
    static boolean exists(int tid, String path) {
        Path root = Path.of("/proc/" + tid + "/root");
        String p = path;
        for (int links = 0; links < 40; links++) {
            Path at = root;
            String[] names = Path.of(p).normalize().toString().split("/");
            String next = null;
            for (int i = 0; i < names.length && next == null; i++) {
                if (names[i].isEmpty()) {
                    continue;
                }
                Path child = at.resolve(names[i]);
                if (Files.isSymbolicLink(child)) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(child).toString();
                    } catch (IOException e) {
                        return false;
                    }
                    String rest = String.join("/", Arrays.copyOfRange(names, i + 1, names.length));
                    next = (target.startsWith("/") ? target : "/" + root.relativize(at) + "/" + target) + "/" + rest;
                } else {
                    at = child;
                }
            }
            if (next == null) {
                return Files.exists(at, LinkOption.NOFOLLOW_LINKS);
            }
            p = next;
        }
        return false; // a loop of links: the kernel's ELOOP
    }

    private boolean allowed(String unixAddress) {
        return allow.stream().anyMatch(p -> p.matches(unixAddress));
    }

    private boolean allowed(AddressPattern.Endpoint e) {
        for (AddressPattern p : allow) {
            if (p.matches(e) && (e.port() != DNS_PORT || p.namesPort(DNS_PORT))) {
                return true;
            }
        }
        return false;
    }
}
