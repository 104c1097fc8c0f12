package dev.syscallassert.core.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a socket's local address by its inode in the kernel's /proc/PID/net/tcp and tcp6 tables. A listen() has no
 * address argument, and a bind to port 0 only says "0": this is how the trace learns the port actually listened on.
 */
public final class ProcNetSockets {
    private ProcNetSockets() {
    }

    /** "127.0.0.1:8080" or "[::1]:8080" (v4-mapped shown as v4) for the socket named "socket:[INODE]", or null. */
    public static String localAddress(int pid, String fdPath) {
        if (fdPath == null || !fdPath.startsWith("socket:[") || !fdPath.endsWith("]")) {
            return null;
        }
        String inode = fdPath.substring("socket:[".length(), fdPath.length() - 1);
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            String found = find(Path.of("/proc", Integer.toString(pid), "net", table), inode);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String find(Path table, String inode) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return null;
        }
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
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff)
                    + ":" + port;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff)
                    + ":" + port;
        }
        try {
            String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            return "[" + compress(text) + "]:" + port;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** Java prints "0:0:0:0:0:0:0:1"; traces show the canonical "::1". */
    private static String compress(String full) {
        String s = full.replaceAll("(^|:)0+([0-9a-f])", "$1$2");
        String best = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(^|:)(0(:0)+)(:|$)").matcher(s);
        while (m.find()) {
            if (best == null || m.group(2).length() > best.length()) {
                best = m.group(2);
            }
        }
        if (best == null) {
            return s;
        }
        int at = s.indexOf(best);
        String head = s.substring(0, at).replaceAll(":$", "");
        String tail = s.substring(at + best.length()).replaceAll("^:", "");
        return head + "::" + tail;
    }
}
