package dev.syscallassert.core.output;

import dev.syscallassert.SyscallEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --summary=network}: per socket address, the calls that named it (connect, bind, listen, accept, sendto,
 * recvfrom... with the errnos of those that failed) and the bytes sent to and received from it: a sendto/recvfrom's
 * own return value, and the read-like and write-like calls on a socket descriptor after a connect to the address
 * succeeded on it in that process (until it is closed). A connect answered EINPROGRESS counts once the socket's
 * {@code SO_ERROR} said 0. Descriptors passed to other processes or duplicated are not followed. Stateless; any
 * thread.
 */
public final class NetworkSummary {

    private static final Set<String> SENDS = Set.of("write", "writev", "send", "sendto", "sendmsg", "pwrite64");
    private static final Set<String> RECEIVES = Set.of("read", "readv", "recv", "recvfrom", "recvmsg", "pread64");

    private static final class Facts {
        final Map<String, Integer> calls = new TreeMap<>();
        long sent;
        long received;
    }

    private NetworkSummary() {
    }

    public static String format(List<SyscallEvent> events) {
        Map<String, Facts> addresses = new TreeMap<>();
        Map<String, String> connected = new HashMap<>(); // "pid:fd" -> address
        Map<String, String> inProgress = new HashMap<>();
        for (SyscallEvent e : events) {
            String fd = e.pid() + ":" + e.arg(0);
            String name = e.syscall();
            if (name.equals("close") && e.succeeded()) {
                connected.remove(fd);
                inProgress.remove(fd);
                continue;
            }
            if (e.address().isPresent()) {
                String address = e.address().get();
                Facts f = addresses.computeIfAbsent(address, k -> new Facts());
                f.calls.merge(name + (e.failed() ? " " + e.errno().orElseThrow() : ""), 1, Integer::sum);
                if (name.equals("connect") && e.succeeded()) {
                    connected.put(fd, address);
                } else if (name.equals("connect") && e.errno().filter("EINPROGRESS"::equals).isPresent()) {
                    inProgress.put(fd, address);
                } else if (e.succeeded() && (name.equals("sendto") || name.equals("sendmsg"))) {
                    f.sent += e.returnValue();
                } else if (e.succeeded() && (name.equals("recvfrom") || name.equals("recvmsg"))) {
                    f.received += e.returnValue();
                }
                continue;
            }
            if (e.socketError().isPresent() && inProgress.containsKey(fd)) {
                String address = inProgress.remove(fd);
                if (e.socketError().getAsInt() == 0) {
                    connected.put(fd, address);
                }
                continue;
            }
            String peer = connected.get(fd);
            if (peer != null && e.succeeded() && e.fdPath().orElse("").startsWith("socket:")) {
                Facts f = addresses.get(peer);
                if (SENDS.contains(name)) {
                    f.sent += e.returnValue();
                } else if (RECEIVES.contains(name)) {
                    f.received += e.returnValue();
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Facts> a : addresses.entrySet()) {
            sb.append(a.getKey()).append('\n');
            FileSummary.line(sb, "calls", a.getValue().calls);
            if (a.getValue().sent > 0 || a.getValue().received > 0) {
                sb.append("    sent ").append(a.getValue().sent).append(" bytes, received ")
                        .append(a.getValue().received).append(" bytes\n");
            }
        }
        return sb.toString();
    }
}
