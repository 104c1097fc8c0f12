package dev.syscallassert.core.spawn;

import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.linux.ProcFs;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Finds, on the trampoline shell's stack, the argv and environment it was started with, for its execve of the
 * program. The shell builds that execve's argv and environment from its own variables, which reorders the
 * environment and drops entries it cannot hold as variables; the kernel still has the originals where exec put them
 * (proc(5): {@code startstack} points at argc, then argv[], NULL, envp[], NULL; {@code arg_start..arg_end} and
 * {@code env_start..env_end} hold their strings), and nothing in the shell writes there. Every pointer and every byte
 * is checked against what was spawned, so the program gets exactly that or the trace fails with the reason.
 *
 * <p>On the tracer thread, at the shell's execve entry stop.
 */
public final class ShellStack {
    private static final int POINTER_SIZE = Long.BYTES;
    /** Fields of /proc/PID/stat (proc(5)). */
    private static final int STAT_START_STACK = 28;
    private static final int STAT_ARG_START = 48;
    private static final int STAT_ARG_END = 49;
    private static final int STAT_ENV_START = 50;
    private static final int STAT_ENV_END = 51;

    /** Where the program's execve points: its path, its argv array and its envp array, all in the shell's stack. */
    public record ProgramExec(long path, long argv, long envp) {
    }

    /** Reads exactly {@code length} bytes of the stopped shell, or returns null. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(long address, int length);
    }

    private ShellStack() {
    }

    /** @throws TracerException when the stack does not hold exactly what was spawned, saying what differs */
    public static ProgramExec locate(int tid, SpawnedTrampoline shell, Reader memory) {
        long startStack = ProcFs.statField(tid, STAT_START_STACK);
        long argStart = ProcFs.statField(tid, STAT_ARG_START);
        long argEnd = ProcFs.statField(tid, STAT_ARG_END);
        long envStart = ProcFs.statField(tid, STAT_ENV_START);
        long envEnd = ProcFs.statField(tid, STAT_ENV_END);
        if (startStack <= 0 || argStart <= 0 || argEnd < argStart || envStart < argEnd || envEnd < envStart) {
            throw fail("its /proc/" + tid + "/stat gives no stack layout");
        }
        return locate(startStack, argStart, argEnd, envStart, envEnd, shell.argv(), shell.environment(), memory);
    }

    /** {@link #locate(int, SpawnedTrampoline, Reader)} with the /proc fields given. */
    static ProgramExec locate(long startStack, long argStart, long argEnd, long envStart, long envEnd,
                              List<byte[]> argv, List<byte[]> env, Reader memory) {
        int argc = argv.size();
        int words = 1 + argc + 1 + env.size() + 1;
        byte[] arrays = memory.read(startStack, POINTER_SIZE * words);
        if (arrays == null) {
            throw fail("its stack cannot be read");
        }
        if (LittleEndian.s64(arrays, 0) != argc) {
            throw fail("argc on its stack is " + LittleEndian.s64(arrays, 0) + ", not " + argc);
        }
        checkPointers(arrays, 1, argv, argStart, argEnd, "argv");
        checkPointers(arrays, 2 + argc, env, envStart, envEnd, "envp");
        checkStrings(memory, argStart, argEnd, argv, "argument");
        checkStrings(memory, envStart, envEnd, env, "environment");
        long argvArray = startStack + POINTER_SIZE;
        int programIndex = SpawnedTrampoline.SHELL_ARGUMENTS;
        return new ProgramExec(LittleEndian.s64(arrays, POINTER_SIZE * (1 + programIndex)),
                argvArray + (long) POINTER_SIZE * (programIndex + 1),
                argvArray + (long) POINTER_SIZE * (argc + 1));
    }

    /** The array at word {@code first} points at the strings one after the other from {@code start}, then NULL. */
    private static void checkPointers(byte[] arrays, int first, List<byte[]> strings, long start, long end,
                                      String what) {
        long expected = start;
        for (int i = 0; i < strings.size(); i++) {
            long p = LittleEndian.s64(arrays, POINTER_SIZE * (first + i));
            if (p != expected) {
                throw fail(what + "[" + i + "] on its stack points elsewhere than its string");
            }
            expected += strings.get(i).length + 1;
        }
        if (expected != end || LittleEndian.s64(arrays, POINTER_SIZE * (first + strings.size())) != 0) {
            throw fail(what + " on its stack does not end where it was given");
        }
    }

    private static void checkStrings(Reader memory, long start, long end, List<byte[]> strings, String what) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] s : strings) {
            expected.write(s, 0, s.length);
            expected.write(0);
        }
        byte[] actual = memory.read(start, (int) (end - start));
        if (actual == null || !Arrays.equals(actual, expected.toByteArray())) {
            throw fail("its " + what + " strings are not the ones it was started with");
        }
    }

    private static TracerException fail(String why) {
        return new TracerException("Cannot give the traced program exactly the arguments and environment it was "
                + "started with: the shell started to run it does not hold them as spawned (" + why + ")");
    }
}
