package dev.syscallassert.assertj;

import dev.syscallassert.core.decode.Sockaddrs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A socket address as the engine writes it ({@code 127.0.0.1:80}, {@code [::1]:80}, {@code unix:/run/x.sock},
 * {@code unix:@name}), parsed so that equal addresses compare equal whatever their spelling: an IPv4-mapped IPv6
 * address equals its IPv4 form, and IPv6 zeros may be compressed or not.
 */
final class Endpoint {
    /** A port of -1 in an expected address stands for any port ({@code "10.0.0.1:*"}). */
    static final int ANY_PORT = -1;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+(%[\\w.-]+)?)]:(\\d+|\\*)");
    private static final Pattern PLAIN = Pattern.compile("([^:\\[\\]]+):(\\d+|\\*)");

    private final InetAddress ip;
    private final int port;
    private final String unix;

    private Endpoint(InetAddress ip, int port, String unix) {
        this.ip = ip;
        this.port = port;
        this.unix = unix;
    }

    /** Parses an address recorded in an event; empty for text that is not an address (e.g. "unreadable"). */
    static Optional<Endpoint> ofEvent(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("unix:")) {
            return Optional.of(new Endpoint(null, 0, text.substring("unix:".length())));
        }
        try {
            return Optional.of(parseInet(text));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    /** Parses a user's {@code host:port} (IPv6 in brackets, {@code *} for any port, or {@code unix:path}). */
    static Endpoint ofUser(String text) {
        Objects.requireNonNull(text, "address");
        if (text.startsWith("unix:")) {
            return new Endpoint(null, 0, text.substring("unix:".length()));
        }
        return parseInet(text.trim());
    }

    /** A user's host and port; the host must be an IP literal or {@code localhost}. */
    static Endpoint ofUser(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a port number: " + port);
        }
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new Endpoint(literal(h), port, null);
    }

    private static Endpoint parseInet(String text) {
        Matcher m = BRACKETED.matcher(text);
        if (m.matches()) {
            return new Endpoint(literal(m.group(1)), port(m.group(3)), null);
        }
        m = PLAIN.matcher(text);
        if (m.matches()) {
            return new Endpoint(literal(m.group(1)), port(m.group(2)), null);
        }
        throw new IllegalArgumentException("Not an address: \"" + text + "\"; write host:port with an IP address, "
                + "IPv6 in brackets, e.g. \"127.0.0.1:8080\" or \"[::1]:8080\" (or \"unix:/path\")");
    }

    private static int port(String text) {
        if (text.equals("*")) {
            return ANY_PORT;
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("Not a port number: " + port);
        }
        return port;
    }

    /**
     * An IP literal. Host names are refused rather than resolved: the trace holds the addresses the process used,
     * and a lookup made now by the test could give different ones (or none, offline).
     */
    private static InetAddress literal(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            throw new IllegalArgumentException("\"" + host + "\" is not an IP address. Syscalls only show the "
                    + "addresses a process connected to, not the names it looked up: give the IP address "
                    + "(IPv6 in brackets), e.g. \"93.184.216.34\" or \"[2606:2800::1]\"");
        }
        try {
            // A literal never causes a lookup; an IPv4-mapped IPv6 literal comes back as an Inet4Address.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: \"" + host + "\"", e);
        }
    }

    boolean isUnix() {
        return unix != null;
    }

    boolean isInet() {
        return ip != null;
    }

    int port() {
        return port;
    }

    /** Whether {@code actual} is this address; this one may have {@link #ANY_PORT}. */
    boolean matches(Endpoint actual) {
        if (isUnix() || actual.isUnix()) {
            return Objects.equals(unix, actual.unix);
        }
        return ip.equals(actual.ip) && (port == ANY_PORT || port == actual.port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint && Objects.equals(ip, ((Endpoint) o).ip) && port == ((Endpoint) o).port
                && Objects.equals(unix, ((Endpoint) o).unix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ip, port, unix);
    }

    /** The engine's spelling: IPv4 plain, IPv6 compressed in brackets. */
    @Override
    public String toString() {
        if (unix != null) {
            return "unix:" + unix;
        }
        String p = port == ANY_PORT ? "*" : Integer.toString(port);
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress() + ":" + p;
        }
        return "[" + compress((Inet6Address) ip) + "]:" + p;
    }

    /** The text the engine writes for the same address (glibc's inet_ntop form), and the scope if it has one. */
    private static String compress(Inet6Address ip) {
        String full = ip.getHostAddress();
        int pct = full.indexOf('%');
        return Sockaddrs.inet6Text(ip.getAddress()) + (pct >= 0 ? full.substring(pct) : "");
    }
}
