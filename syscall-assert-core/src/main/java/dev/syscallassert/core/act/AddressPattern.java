package dev.syscallassert.core.act;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A socket address pattern, as fault predicates and deny-mode allow-lists give them: {@code 127.0.0.1:5432},
 * {@code [::1]:*}, {@code *:53}, {@code unix:/run/app.sock}; and the parsed form of an event's address
 * ({@link dev.syscallassert.SyscallEvent#address()}) it is matched against. Hosts are literals only (a name would need
 * a DNS lookup, in the tracer, which deny mode exists to avoid); an IPv4-mapped IPv6 literal is its IPv4 address, as
 * the events show it. Immutable; any thread.
 */
public final class AddressPattern {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern INET = Pattern.compile("(\\*|\\d[\\d.]*|\\[[0-9A-Fa-f:.%a-zA-Z]*])"
            + ":(\\*|\\d{1,5})");

    private final String text;
    /** Null for any host; the address's bytes (4 or 16) otherwise. */
    private final byte[] host;
    /** -1 for any port. */
    private final int port;
    /** For a unix-domain pattern: the address exactly ("unix:/run/x.sock"); null for an internet one. */
    private final String unix;

    private AddressPattern(String text, byte[] host, int port, String unix) {
        this.text = text;
        this.host = host;
        this.port = port;
        this.unix = unix;
    }

    /** Parses a pattern; a malformed one throws {@link IllegalArgumentException} saying what the forms are. */
    public static AddressPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw malformed(pattern);
        }
        String p = pattern.trim();
        if (p.startsWith("unix:")) {
            return new AddressPattern(p, null, -1, p);
        }
        Endpoint e = endpoint(p, true);
        if (e == null) {
            throw malformed(pattern);
        }
        return new AddressPattern(p, e.host, e.port, null);
    }

    private static IllegalArgumentException malformed(String pattern) {
        return new IllegalArgumentException("Not a socket address pattern: \"" + pattern + "\"; give HOST:PORT with "
                + "an IPv4 literal, a bracketed IPv6 literal or *, and a port or * (\"127.0.0.1:*\", \"[::1]:8080\", "
                + "\"*:53\"), or unix:PATH");
    }

    /** An internet endpoint: host bytes (null for *), port (-1 for *). */
    record Endpoint(byte[] host, int port) {
        boolean isLoopback() {
            return host != null && address().isLoopbackAddress();
        }

        boolean isWildcard() {
            return host != null && address().isAnyLocalAddress();
        }

        private InetAddress address() {
            try {
                return InetAddress.getByAddress(host);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * An event's internet address ("127.0.0.1:80", "[::1]:80") as an endpoint; null for a unix one or anything else.
     */
    static Endpoint ofEvent(String address) {
        return address == null || address.startsWith("unix:") ? null : endpoint(address, false);
    }

    private static Endpoint endpoint(String text, boolean wildcards) {
        Matcher m = INET.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String h = m.group(1);
        String p = m.group(2);
        byte[] host = null;
        if (!h.equals("*")) {
            if (!(h.startsWith("[") ? h.contains(":") : IPV4.matcher(h).matches())) {
                return null;
            }
            try {
                // a literal (checked above), so no lookup happens
                host = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        } else if (!wildcards) {
            return null;
        }
        int port = -1;
        if (!p.equals("*")) {
            port = Integer.parseInt(p);
            if (port > 65535) {
                return null;
            }
        } else if (!wildcards) {
            return null;
        }
        return new Endpoint(host, port);
    }

    /** Whether an event's address ({@link dev.syscallassert.SyscallEvent#address()}) matches. */
    public boolean matches(String address) {
        if (address == null) {
            return false;
        }
        if (unix != null) {
            return unix.equals(address);
        }
        Endpoint e = ofEvent(address);
        return e != null && matches(e);
    }

    boolean matches(Endpoint e) {
        return (host == null || Arrays.equals(host, e.host)) && (port < 0 || port == e.port);
    }

    /** Whether the pattern names this port exactly (not "*"). */
    boolean namesPort(int p) {
        return port == p;
    }

    @Override
    public String toString() {
        return text;
    }
}
