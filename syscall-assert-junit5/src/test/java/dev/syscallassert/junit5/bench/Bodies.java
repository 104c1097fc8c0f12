package dev.syscallassert.junit5.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The test bodies the benchmark times, shared by the traced and the untraced runs so they do the same work. */
public final class Bodies {

    private Bodies() {
    }

    /** A small realistic test: reads a configuration file and writes a result next to a temp file. */
    static void smallTest(int i) throws IOException {
        // how the traced child came to run this test ("spare", "fresh", "worker"; "none" untraced), for the count
        String child = System.getProperty("syscallassert.child", "none");
        System.out.println("CHILD " + child);
        if (i == 20 && child.equals("worker")) { // what a worker that ran them all holds in memory
            System.out.println("RSS_KB " + Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).findFirst().orElse("0"));
        }
        byte[] hostname = Files.readAllBytes(Path.of("/etc/hostname"));
        Path temp = Files.createTempFile("bench-", ".txt");
        try {
            Files.write(temp, hostname);
            if (Files.size(temp) != hostname.length || i < 0) {
                throw new AssertionError("wrote " + Files.size(temp) + " bytes");
            }
        } finally {
            Files.delete(temp);
        }
    }

    /** 20,000 read(2) calls, none of them in %file, %network or %process. Returns its own duration. */
    static long twentyThousandReads() throws IOException {
        ByteBuffer one = ByteBuffer.allocateDirect(1);
        try (FileChannel zero = FileChannel.open(Path.of("/dev/zero"), StandardOpenOption.READ)) {
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                one.clear();
                zero.read(one);
            }
            return System.nanoTime() - start;
        }
    }

    /** The untraced run of the 20,000-read body, in a JVM of its own. */
    public static void main(String[] args) throws IOException {
        System.out.println("BODY_NANOS " + twentyThousandReads());
    }
}
