package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs one call through the decoders as the tracer would (entry, the kernel's writes, exit) against a
 * {@link FakeTracee}, with the real syscall table (strace's argument counts), and renders the strace line. For the
 * family decoder tests whose expected lines were recorded with strace 6.1.
 */
final class DecoderHarness {

    final SyscallTable table = SyscallTable.current();
    final SyscallDecoders decoders = new SyscallDecoders(table);
    final FakeTracee t = new FakeTracee().cwd("/tmp/dec");
    DecodedCall last;

    /** Decodes entry and exit and renders the strace line; a return in -4095..-1 is a failure with that errno. */
    String call(String name, long ret, long... args) {
        return call(name, ret, () -> { }, args);
    }

    /** {@code kernel} changes the tracee's memory between the entry and the exit, as the call would. */
    String call(String name, long ret, Runnable kernel, long... args) {
        int nr = table.number(name).orElseThrow();
        DecodedCall d = decoders.decodeEntry(nr, args, t);
        kernel.run();
        boolean failed = ret < 0 && ret > -4096;
        decoders.decodeExit(nr, args, ret, failed, t, d);
        last = d;
        return name + "(" + String.join(", ", d.renderedArgs) + ") = " + d.renderedReturn;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] le64(long... values) {
        ByteBuffer b = le(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] le32(int... values) {
        ByteBuffer b = le(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }
}
