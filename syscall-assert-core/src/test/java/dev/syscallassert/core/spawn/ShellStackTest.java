package dev.syscallassert.core.spawn;

import dev.syscallassert.TracerException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the spawned argv and environment on a stack laid out as exec lays it out (argc, argv[], NULL, envp[]). */
class ShellStackTest {
    private static final long STACK = 0x7ffc_0000_1000L;
    private static final long STRINGS = 0x7ffc_0000_8000L;

    private final List<byte[]> argv = bytes("/bin/sh", "-c", "kill -STOP $$; exec \"$0\" \"$@\"", "/bin/true",
            "true", "x\377");
    private final List<byte[]> env = bytes("Z=1", "a-b=1", "PWD=/nowhere");
    private final byte[] memory = new byte[0x10000];

    private static List<byte[]> bytes(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** Lays out the stack and the strings; returns {argStart, argEnd, envStart, envEnd}. */
    private long[] layOut() {
        ByteBuffer m = ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN);
        long at = STRINGS;
        int word = (int) (STACK - base());
        m.putLong(word, argv.size());
        long[] bounds = new long[4];
        bounds[0] = at;
        for (int i = 0; i < argv.size(); i++) {
            m.putLong(word + 8 * (1 + i), at);
            at = put(m, at, argv.get(i));
        }
        bounds[1] = at;
        bounds[2] = at;
        for (int i = 0; i < env.size(); i++) {
            m.putLong(word + 8 * (2 + argv.size() + i), at);
            at = put(m, at, env.get(i));
        }
        bounds[3] = at;
        return bounds;
    }

    private static long base() {
        return STACK & ~0xffffL;
    }

    private long put(ByteBuffer m, long at, byte[] s) {
        System.arraycopy(s, 0, memory, (int) (at - base()), s.length);
        return at + s.length + 1;
    }

    private byte[] read(long address, int length) {
        int from = (int) (address - base());
        return from < 0 || from + length > memory.length ? null : Arrays.copyOfRange(memory, from, from + length);
    }

    @Test
    void pointsAtTheProgramsPathArgvAndTheEnvironmentAsSpawned() {
        long[] b = layOut();
        ShellStack.ProgramExec exec = ShellStack.locate(STACK, b[0], b[1], b[2], b[3], argv, env, this::read);
        assertThat(exec.argv()).isEqualTo(STACK + 8 + 8 * 4);
        assertThat(exec.envp()).isEqualTo(STACK + 8 + 8 * (argv.size() + 1));
        long third = ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN).getLong((int) (STACK - base()) + 8 * 4);
        assertThat(exec.path()).isEqualTo(third);
    }

    @Test
    void refusesAStackThatDoesNotHoldExactlyWhatWasSpawned() {
        long[] b = layOut();
        memory[(int) (b[2] - base())] = 'Y'; // an environment string changed in place
        assertThatThrownBy(() -> ShellStack.locate(STACK, b[0], b[1], b[2], b[3], argv, env, this::read))
                .isInstanceOf(TracerException.class).hasMessageContaining("environment strings");
        layOut();
        ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN)
                .putLong((int) (STACK - base()) + 8 * (2 + argv.size()), b[2] + 1); // envp[0] moved
        assertThatThrownBy(() -> ShellStack.locate(STACK, b[0], b[1], b[2], b[3], argv, env, this::read))
                .isInstanceOf(TracerException.class).hasMessageContaining("envp[0]");
        layOut();
        assertThatThrownBy(() -> ShellStack.locate(STACK, b[0], b[1], b[2], b[3], argv.subList(0, 5), env,
                this::read)).isInstanceOf(TracerException.class).hasMessageContaining("argc");
    }
}
