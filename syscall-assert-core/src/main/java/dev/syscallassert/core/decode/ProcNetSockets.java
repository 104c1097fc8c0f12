package dev.syscallassert.core.decode;

import dev.syscallassert.core.linux.ProcFs;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds a socket's local address by its inode in the kernel's /proc/PID/net/tcp, tcp6, udp and udp6 tables. A listen()
 * has no address argument, and a bind to port 0 only says "0": this is how the trace learns the port actually listened
 * on ({@link NetDecoders}' listen exit). Reads /proc through {@link ProcFs}. Stateless; called on the tracer thread.
 */
final class ProcNetSockets {
    private ProcNetSockets() {
    }

    /** "127.0.0.1:8080" or "[::1]:8080" (v4-mapped shown as v4) for the socket named "socket:[INODE]", or null. */
    static String localAddress(int pid, String fdPath) {
        if (fdPath == null || !fdPath.startsWith("socket:[") || !fdPath.endsWith("]")) {
            return null;
        }
        String inode = fdPath.substring("socket:[".length(), fdPath.length() - 1);
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            String found = find(ProcFs.of(pid, "net", table), inode);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String find(Path table, String inode) {
        List<String> lines = ProcFs.lines(table);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length > 9 && f[9].equals(inode)) {
                return decode(f[1]);
            }
        }
        return null;
    }

    /** The kernel prints addresses as 32-bit words in host (little-endian) order, then ':' and the port in hex. */
    static String decode(String hexAddressAndPort) {
        int colon = hexAddressAndPort.indexOf(':');
        String hex = hexAddressAndPort.substring(0, colon);
        int port = Integer.parseInt(hexAddressAndPort.substring(colon + 1), 16);
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int from = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        return Sockaddrs.endpoint(bytes, port);
    }
}
