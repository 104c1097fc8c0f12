package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs one call through the decoders as the tracer does (entry, the kernel's writes, exit) against a {@link FakeTracee}
 * and renders the strace line, with the real syscall table (strace's argument counts). For the decoder tests whose
 * expected lines were recorded with strace 6.1.
 */
final class DecoderHarness {

    final SyscallTable table = SyscallTable.current();
    final SyscallDecoders decoders = new SyscallDecoders(table);
    final FakeTracee t = new FakeTracee();
    DecodedCall last;

    /** Decodes entry and exit of a call that returns {@code ret} (-errno for a failure). */
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

    static byte[] le64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] le32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** Little-endian bytes assembled field by field: {@code bytes().i64(1).i32(2).i16(3).u8(4).build()}. */
    static Bytes bytes() {
        return new Bytes();
    }

    static final class Bytes {
        private final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        Bytes i64(long v) {
            b.putLong(v);
            return this;
        }

        Bytes i32(int v) {
            b.putInt(v);
            return this;
        }

        Bytes i16(int v) {
            b.putShort((short) v);
            return this;
        }

        Bytes u8(int v) {
            b.put((byte) v);
            return this;
        }

        Bytes raw(byte[] v) {
            b.put(v);
            return this;
        }

        Bytes zeros(int n) {
            b.put(new byte[n]);
            return this;
        }

        /** Network byte order, as ports and protocols are. */
        Bytes be16(int v) {
            b.put((byte) (v >> 8)).put((byte) v);
            return this;
        }

        byte[] build() {
            byte[] out = new byte[b.position()];
            b.flip();
            b.get(out);
            return out;
        }
    }
}
