package dev.syscallassert.junit5;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work the seccomp plan test's traced tests do, as a program of its own: {@code work DIR} reads a file and makes
 * a refused loopback connect; {@code more DIR} also makes a symbolic link, which no traced child did. With no argument it
 * does nothing, for the profile of a JVM's start and end.
 */
public final class ProfiledWork {
    private ProfiledWork() {
    }

    static void readAFile(Path dir) throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "profiled");
        if (!Files.readString(file).equals("profiled")) {
            throw new IOException("read back something else");
        }
    }

    /** Loopback only: a bound socket that never listens refuses every connect. */
    static void refusedConnect() throws IOException {
        try (Socket bound = new Socket(); Socket s = new Socket()) {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getLocalPort()));
                throw new IOException("connected to a port that does not listen");
            } catch (ConnectException expected) {
                // the kernel's ECONNREFUSED
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        Path dir = Path.of(args[1]);
        readAFile(dir);
        refusedConnect();
        if (args[0].equals("more")) {
            try {
                Files.createSymbolicLink(dir.resolve("more"), dir); // symlink: nothing traced made one
            } catch (IOException e) {
                System.out.println("more: " + e);
                System.exit(3);
            }
        }
        System.out.println("done");
    }
}
