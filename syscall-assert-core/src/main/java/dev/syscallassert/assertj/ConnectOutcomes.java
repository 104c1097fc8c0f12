package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What became of each connect. A connect that returned decided itself; one the kernel left under way (EINPROGRESS on
 * a non-blocking socket, or a blocking one interrupted by a signal, which goes on connecting) is decided by the first
 * conclusive call that followed on the same socket in the same process: the socket is known by its kernel identity
 * (the {@code socket:[INODE]} its fd named), not by the fd number, which is reused after a close.
 *
 * <p>Why each call concludes what it does (Linux's TCP; the README's "What the checks conclude from what"):
 * <ul>
 * <li>getsockopt(SO_ERROR) reads and clears the socket's pending error: 0 is none, taken as connected (NIO, the
 * JDK's HttpClient and CPython ask once poll said the socket is writable, that is once the attempt ended); a
 * refusal, timeout or unreachable host is the attempt's failure; ECONNRESET or EPIPE come from a reset of a
 * connection that was up.</li>
 * <li>A read that returned data, a write, send or sendfile that sent some, a successful getpeername: only a
 * connected socket does that (while connecting they fail with EAGAIN). A read of 0 bytes decides nothing: it is also
 * what a refused socket reads once its error was taken.</li>
 * <li>A failing call with the socket's pending error: ECONNREFUSED exists only for an attempt (a reset of a live
 * connection is ECONNRESET); ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN are taken as the attempt's
 * failure too. EAGAIN, EPIPE, ENOTCONN, ECONNABORTED and the like decide nothing.</li>
 * <li>A later connect to the same address: 0 or EISCONN is connected, a failure as above; EALREADY and an interrupted
 * one decide nothing. Any other later connect on the socket ends the search: the socket may be making a new
 * attempt.</li>
 * <li>getsockopt(SO_ERROR) = 0 read too early (while connecting) would be wrong; a refusal seen after it on the same
 * socket proves that and wins.</li>
 * </ul>
 * A call on another thread counts only when it began after the connect returned (by the tracer's clock); a call that
 * never returned tells nothing.
 */
final class ConnectOutcomes {
    private static final String EINPROGRESS = errnoName("EINPROGRESS");
    private static final String EINTR = errnoName("EINTR");
    private static final String EALREADY = errnoName("EALREADY");
    private static final String EISCONN = errnoName("EISCONN");
    private static final String ECONNREFUSED = errnoName("ECONNREFUSED");
    /** The kernel restarts the call, or turns these into EINTR for the program: the attempt goes on either way. */
    private static final Set<String> RESTARTS = Constants.group("restart_errno").entries().stream()
            .map(Xlat.Entry::name).collect(Collectors.toUnmodifiableSet());
    /** The errors of an attempt that did not connect, as a pending socket error reports them. */
    private static final Set<String> ATTEMPT_FAILED = Set.of(ECONNREFUSED, errnoName("ETIMEDOUT"),
            errnoName("EHOSTUNREACH"), errnoName("ENETUNREACH"), errnoName("EHOSTDOWN"), errnoName("ENETDOWN"));
    /** A reset of a connection that was up (in SYN_SENT a reset is ECONNREFUSED). */
    private static final String ECONNRESET = errnoName("ECONNRESET");
    /** As a pending error, a reset after the peer closed its side: the connection was up. */
    private static final String EPIPE = errnoName("EPIPE");
    private static final Set<String> RECEIVES = Set.of("read", "readv", "recvfrom", "recvmsg", "recvmmsg");
    private static final Set<String> SENDS = Set.of("write", "writev", "sendto", "sendmsg", "sendmmsg", "sendfile");
    private static final long MSG_ERRQUEUE = Constants.value("msg_flags", "MSG_ERRQUEUE");
    private static final String SOCKET = "socket:[";

    /** How a connect ended, as far as the trace tells. */
    enum Kind {
        CONNECTED,
        FAILED,
        /** Left under way, and nothing recorded afterwards tells how it ended (or it never returned). */
        UNKNOWN
    }

    /**
     * A connect's outcome. {@code label} is shown next to its address in failure messages ("" for a connect that
     * succeeded by itself); {@code evidence} is the later call that decided it, or null.
     */
    record Outcome(Kind kind, String label, SyscallEvent evidence) {
        boolean connected() {
            return kind == Kind.CONNECTED;
        }

        /** Connected, or not known not to have: what the "did not connect" checks must count. */
        boolean mayHaveConnected() {
            return kind != Kind.FAILED;
        }
    }

    /** The events on each socket, by process and socket identity, in trace order: built once per check. */
    private final Map<String, List<Integer>> bySocket = new HashMap<>();
    private final Map<SyscallEvent, Integer> positions = new IdentityHashMap<>();
    private final List<SyscallEvent> events;
    /** The checked events themselves, for a connect that is a copy of the whole reading's (harness noise shown). */
    private final List<SyscallEvent> checked;
    private ConnectOutcomes ofChecked;

    private ConnectOutcomes(List<SyscallEvent> events, List<SyscallEvent> checked) {
        this.events = events;
        this.checked = checked;
        for (int i = 0; i < events.size(); i++) {
            SyscallEvent e = events.get(i);
            positions.put(e, i);
            String key = socketKey(e);
            if (key != null) {
                bySocket.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
    }

    /**
     * Decides the connects of {@code checked} against {@code whole}, the reading they were scoped from: what followed
     * on a socket is a fact about the socket, whichever thread or scope the check looks at.
     */
    static ConnectOutcomes in(List<SyscallEvent> whole, List<SyscallEvent> checked) {
        return new ConnectOutcomes(whole, checked);
    }

    /** The outcome of {@code connect}, an event of the checked list. */
    Outcome of(SyscallEvent connect) {
        if (connect.succeeded()) {
            return new Outcome(Kind.CONNECTED, "", null);
        }
        if (!connect.finished()) {
            return new Outcome(Kind.UNKNOWN, "never returned", null);
        }
        String errno = connect.errno().orElse("?");
        String start;
        if (errno.equals(EINPROGRESS)) {
            start = "in progress";
        } else if (errno.equals(EINTR) || RESTARTS.contains(errno)) {
            start = "interrupted";
        } else {
            return new Outcome(Kind.FAILED, "failed: " + errno, null);
        }
        String key = socketKey(connect);
        if (key == null) {
            return new Outcome(Kind.UNKNOWN, start + ", outcome unknown: the trace does not name its socket", null);
        }
        Integer at = positions.get(connect);
        if (at == null && checked != null) {
            if (ofChecked == null) {
                ofChecked = new ConnectOutcomes(checked, null);
            }
            return ofChecked.of(connect);
        }
        return at == null ? new Outcome(Kind.UNKNOWN, start + ", outcome unknown: no later call on its socket tells",
                null) : followUp(connect, at, key, start);
    }

    /** The first conclusive call on the socket after the connect, with a refusal overruling an early SO_ERROR 0. */
    private Outcome followUp(SyscallEvent connect, int at, String key, String start) {
        Outcome decided = null;
        for (int i : bySocket.get(key)) {
            SyscallEvent e = events.get(i);
            if (i <= at || !e.finished() || (e.tid() != connect.tid() && e.startNanos() < connect.endNanos())) {
                continue;
            }
            boolean laterConnect = e.syscall().equals("connect");
            if (laterConnect && !e.address().equals(connect.address())) {
                break; // another address (AF_UNSPEC dissolves the association): a new story on this socket
            }
            Kind kind = laterConnect ? laterConnect(e) : conclusion(e);
            if (decided != null) {
                if (kind == Kind.FAILED && errorOf(e).filter(ECONNREFUSED::equals).isPresent()) {
                    return outcome(start, kind, e);
                }
                if (kind == Kind.CONNECTED && !isSoError(e)) {
                    break; // confirmed by a call that only a connected socket makes
                }
            } else if (kind == Kind.CONNECTED && isSoError(e)) {
                decided = outcome(start, kind, e); // keep looking for a refusal that would prove it early
            } else if (kind != null) {
                return outcome(start, kind, e);
            }
            if (laterConnect && !e.errno().filter(n -> n.equals(EALREADY) || n.equals(EINTR) || RESTARTS.contains(n))
                    .isPresent()) {
                break; // it may have started a new attempt: what follows is about that one
            }
        }
        return decided != null ? decided
                : new Outcome(Kind.UNKNOWN, start + ", outcome unknown: no later call on its socket tells", null);
    }

    private static Outcome outcome(String start, Kind kind, SyscallEvent evidence) {
        Optional<String> errno = errorOf(evidence);
        String label;
        if (kind == Kind.FAILED) {
            label = start + ", then failed: " + errno.orElse("?");
        } else if (errno.filter(n -> n.equals(ECONNRESET) || n.equals(EPIPE)).isPresent()) {
            label = start + ", then connected and reset: " + errno.get();
        } else {
            label = start + ", then connected";
        }
        return new Outcome(kind, label, evidence);
    }

    /** The error a call reported: its errno, or the pending error getsockopt(SO_ERROR) read (none for 0). */
    private static Optional<String> errorOf(SyscallEvent e) {
        if (isSoError(e)) {
            int error = e.socketError().getAsInt();
            return error == 0 ? Optional.empty() : Optional.of(errnoText(error));
        }
        return e.errno();
    }

    /** What a later connect to the same address says; null for nothing. */
    private static Kind laterConnect(SyscallEvent e) {
        if (e.succeeded() || e.errno().filter(EISCONN::equals).isPresent()) {
            return Kind.CONNECTED;
        }
        return e.errno().map(ConnectOutcomes::byError).orElse(null);
    }

    /** What getsockopt(SO_ERROR) says: 0 connected; a reset came to a connection that was up; else it failed. */
    private static Kind bySoError(int error) {
        String name = errnoText(error);
        return error == 0 || name.equals(ECONNRESET) || name.equals(EPIPE) ? Kind.CONNECTED : Kind.FAILED;
    }

    /** What a call on the socket says about the attempt; null for nothing. */
    private static Kind conclusion(SyscallEvent e) {
        String name = e.syscall();
        if (isSoError(e)) {
            return bySoError(e.socketError().getAsInt());
        }
        if (e.failed()) {
            boolean dataCall = RECEIVES.contains(name) || SENDS.contains(name);
            return dataCall ? byError(e.errno().get()) : null;
        }
        if (name.equals("getpeername")) {
            return Kind.CONNECTED;
        }
        if (RECEIVES.contains(name)) {
            return e.returnValue() > 0 && !errorQueue(e) ? Kind.CONNECTED : null;
        }
        return SENDS.contains(name) && e.returnValue() > 0 ? Kind.CONNECTED : null;
    }

    /** What a failing call's errno says (the socket's pending error, reported and cleared); null for nothing. */
    private static Kind byError(String errno) {
        if (ATTEMPT_FAILED.contains(errno)) {
            return Kind.FAILED;
        }
        return errno.equals(ECONNRESET) ? Kind.CONNECTED : null;
    }

    /** recvfrom/recvmsg reading the error queue, which holds ICMP errors and timestamps, not the peer's data. */
    private static boolean errorQueue(SyscallEvent e) {
        String name = e.syscall();
        int flagsArg = name.equals("recvfrom") ? 3 : name.equals("recvmsg") ? 2 : name.equals("recvmmsg") ? 3 : -1;
        return flagsArg >= 0 && (e.arg(flagsArg) & MSG_ERRQUEUE) != 0;
    }

    private static boolean isSoError(SyscallEvent e) {
        return e.succeeded() && e.socketError().isPresent();
    }

    /** The errno's name, "0" for none, or its number when the table has no name. */
    private static String errnoText(int errno) {
        if (errno == 0) {
            return "0";
        }
        String name = Constants.errnoName(errno);
        return name != null ? name : Integer.toString(errno);
    }

    /** The text that follows a decided connect in a message: {@code , then getsockopt(SO_ERROR) = ECONNREFUSED}. */
    static String evidenceText(SyscallEvent connect, SyscallEvent evidence) {
        String who = evidence.tid() == connect.tid() ? "" : Render.who(evidence) + " ";
        String call = isSoError(evidence)
                ? "getsockopt(SO_ERROR) = " + errnoText(evidence.socketError().getAsInt())
                : evidence.syscall() + "(" + evidence.arg(0) + ", ...) = " + shortReturn(evidence);
        return ", then " + who + call;
    }

    /** "17", or "-1 ECONNREFUSED" without strerror's text. */
    private static String shortReturn(SyscallEvent e) {
        return e.failed() ? "-1 " + e.errno().get() : e.renderedReturn();
    }

    /** The process and kernel identity of the socket an event's first fd names; null when it names none. */
    private static String socketKey(SyscallEvent e) {
        String fdPath = e.fdPath().orElse(null);
        return fdPath != null && fdPath.startsWith(SOCKET) ? e.pid() + " " + fdPath : null;
    }

    /** An errno's name, checked against the generated table (a typo would fail here, not match nothing). */
    private static String errnoName(String name) {
        Constants.errno(name);
        return name;
    }
}
