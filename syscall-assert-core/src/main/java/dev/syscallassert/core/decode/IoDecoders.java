package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Calls on file descriptors: read and write in their plain, positional and vector forms, lseek, sendfile, pipes, dup,
 * close and sync. strace's io.c, lseek.c, sendfile.c, pipe.c, dup.c. Output buffers are shown as pointers at the entry
 * and as data at a successful exit. Stateless; called on the tracer thread.
 */
final class IoDecoders {

    private static final Xlat RWF_FLAGS = Constants.group("rwf_flags");

    private IoDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "read" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).unsigned(2),
                    (c, ret) -> c.replace(1, StructRenderers.data(c.tracee, c.args[1], ret)));
            case "write" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.data(c.tracee, c.args[1], c.args[2]));
                c.unsigned(2);
            });
            case "pread64" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).unsigned(2).signed(3),
                    (c, ret) -> c.replace(1, StructRenderers.data(c.tracee, c.args[1], ret)));
            case "pwrite64" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.data(c.tracee, c.args[1], c.args[2]));
                c.unsigned(2).signed(3);
            });
            // A failed readv shows its iovecs with their buffers' addresses, so that is the entry's rendering.
            case "readv" -> SyscallDecoder.of(c -> c.fd(0)
                            .add(StructRenderers.iovecAddresses(c.tracee, c.args[1], c.args[2])).unsigned(2),
                    (c, ret) -> c.replace(1, StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], ret)));
            case "writev" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], -1));
                c.unsigned(2);
            });
            case "preadv" -> SyscallDecoder.of(c -> c.fd(0)
                            .add(StructRenderers.iovecAddresses(c.tracee, c.args[1], c.args[2])).unsigned(2).signed(3),
                    (c, ret) -> c.replace(1, StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], ret)));
            case "preadv2" -> SyscallDecoder.of(c -> c.fd(0)
                            .add(StructRenderers.iovecAddresses(c.tracee, c.args[1], c.args[2])).unsigned(2).signed(3)
                            .add(rwfFlags(c)),
                    (c, ret) -> c.replace(1, StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], ret)));
            case "pwritev" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], -1));
                c.unsigned(2).signed(3);
            });
            case "pwritev2" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.iovecs(c.tracee, c.args[1], c.args[2], -1));
                c.unsigned(2).signed(3).add(rwfFlags(c));
            });
            case "lseek" -> SyscallDecoder.of(c -> {
                c.fd(0).signed(1);
                c.add(Constants.group("whence").valueOrUnknown(c.args[2] & 0xffffffffL, "SEEK_"));
            });
            // The offset is in/out: [0] at the entry, [0] => [10] once the kernel moved it (strace asks only when the
            // call was to copy something and did).
            case "sendfile" -> SyscallDecoder.of(c -> c.fd(0).fd(1).inOutInteger(2, StructRenderers.OFF_T_SIZE)
                    .unsigned(3), (c, ret) -> {
                if (c.args[2] != 0 && c.out.inOutValueAtEntry != null && c.args[3] != 0 && ret != 0) {
                    byte[] b = c.tracee.read(c.args[2], StructRenderers.OFF_T_SIZE);
                    if (b != null) {
                        c.replace(2, "[" + Long.toUnsignedString(c.out.inOutValueAtEntry) + "] => ["
                                + Long.toUnsignedString(LittleEndian.get(b, 0, b.length)) + "]");
                    }
                }
            });
            case "pipe" -> SyscallDecoder.of(c -> c.pointer(0),
                    (c, ret) -> c.replace(0, StructRenderers.fdPair(c.tracee, c.args[0])));
            case "pipe2" -> SyscallDecoder.of(c -> c.pointer(0).flags(1, "open_flags", null),
                    (c, ret) -> c.replace(0, StructRenderers.fdPair(c.tracee, c.args[0])));

            case "close", "fsync", "fdatasync", "dup", "syncfs" -> SyscallDecoder.of(c -> c.fd(0));
            case "dup2" -> SyscallDecoder.of(c -> c.fd(0).int32Arg(1));
            case "dup3" -> SyscallDecoder.of(c -> c.fd(0).int32Arg(1).flags(2, "open_flags", null));
            default -> null;
        };
    }

    /** preadv2's and pwritev2's RWF_ flags. */
    private static String rwfFlags(ArgumentCursor c) {
        return Xlats.flags(RWF_FLAGS, c.args[5], "RWF_???");
    }
}
