package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.core.linux.ProcFs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * A worker JVM's stdout and stderr, test by test: the tracer captures them in files for the worker's whole life and
 * hands them over only when it ends, so the test JVM opens the same files through the worker's own descriptors 1 and
 * 2 (/proc/PID/fd) as soon as it is started, and reads what was added since the last test. The worker keeps writing
 * to its descriptors 1 and 2 as every child does, so a test's trace shows its writes as in a child of its own. Test
 * JVM only, on the thread of the test the worker runs; the files stay readable when the tracer has deleted them.
 */
final class WorkerOutput implements AutoCloseable {

    /** One of the two files and how much of it earlier tests printed. */
    private static final class Tail {
        final FileChannel file;
        long read;

        Tail(FileChannel file) {
            this.file = file;
        }

        String added() {
            try {
                long size = file.size();
                if (size <= read) {
                    return "";
                }
                ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - read));
                while (bytes.hasRemaining() && file.read(bytes, read + bytes.position()) >= 0) {
                    // until what was there is read
                }
                read += bytes.position();
                return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final Tail stdout;
    private final Tail stderr;

    private WorkerOutput(FileChannel stdout, FileChannel stderr) {
        this.stdout = new Tail(stdout);
        this.stderr = new Tail(stderr);
    }

    /** The output files of the process {@code pid}, which must still run (just started: its trampoline). */
    static WorkerOutput of(int pid) throws IOException {
        FileChannel out = FileChannel.open(ProcFs.of(pid, "fd", "1"), StandardOpenOption.READ);
        try {
            return new WorkerOutput(out, FileChannel.open(ProcFs.of(pid, "fd", "2"), StandardOpenOption.READ));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** What the worker printed to stdout since the last call: the current test's output once it has ended. */
    String stdout() {
        return stdout.added();
    }

    String stderr() {
        return stderr.added();
    }

    @Override
    public void close() {
        for (Tail t : new Tail[] {stdout, stderr}) {
            try {
                t.file.close();
            } catch (IOException e) {
                // nothing was written through it; nothing to lose
            }
        }
    }
}
