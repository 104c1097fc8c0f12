package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.Arrays;
import java.util.Objects;

/**
 * Renders a syscall's arguments as strace 6.1 does (default options: {@code -s 32}, no {@code -y}, no {@code -v}) and
 * extracts the values tests assert on: absolute paths, the fd's path, socket addresses, argv.
 *
 * <p>The tracer calls {@link #decodeEntry} at the entry (or seccomp) stop and {@link #decodeExit} at the exit stop.
 * Output arguments (read's buffer, accept's address, stat's struct) are shown as pointers at the entry and replaced
 * by their contents at a successful exit, which is also how strace shows a call that failed. Neither method throws: a
 * decoder bug must not take the tracer down, so it degrades to strace's generic rendering of the raw registers.
 *
 * <p>x86_64 only for now: struct layouts below are the x86_64 ones (little-endian, 8-byte pointers).
 */
public final class SyscallDecoders {

    private final SyscallTable table;
    private final DecoderRegistry registry;

    public SyscallDecoders(SyscallTable table) {
        this.table = Objects.requireNonNull(table, "table");
        this.registry = new DecoderRegistry(table);
    }

    /** At the syscall-entry (or seccomp) stop: renders every argument, reads paths/argv/sockaddrs. Never throws. */
    public DecodedCall decodeEntry(int nr, long[] args, TraceeAccess tracee) {
        DecodedCall out = new DecodedCall();
        long[] a = Arrays.copyOf(args == null ? new long[0] : args, 6);
        Call c = new Call(nr, a, tracee, out, table);
        try {
            registry.decoderFor(nr).entry(c);
            out.renderedArgs = c.renderedArray();
        } catch (RuntimeException e) {
            // Keep whatever was decoded before the failure, but show the raw registers: a half-rendered list would
            // look like a real rendering with missing arguments.
            out.renderedArgs = rawArguments(nr, a);
        }
        return out;
    }

    /**
     * At the exit stop: completes what needs the result (accept/accept4/getsockname/getpeername/recvfrom addresses,
     * readlink's buffer, pipe/socketpair fds, ...) and sets renderedReturn when the return is not a plain decimal.
     * {@code args} are the entry's arguments (the exit stop does not report them); {@code returnValue} may be the raw
     * register ({@code -errno}) or the positive errno when {@code failed}.
     */
    public void decodeExit(int nr, long[] args, long returnValue, boolean failed, TraceeAccess tracee,
                           DecodedCall call) {
        if (call == null) {
            return;
        }
        if (failed) {
            // Output arguments keep their entry rendering (pointers), which is how strace shows a failed call.
            long errno = returnValue < 0 ? -returnValue : returnValue;
            call.renderedReturn = renderError((int) errno);
            return;
        }
        SyscallDecoder decoder = registry.decoderFor(nr);
        if (decoder.returnFormat() == ReturnFormat.HEX) {
            call.renderedReturn = StraceText.hex(returnValue);
        }
        if (call.renderedArgs == null || !decoder.decodesExit()) {
            return;
        }
        long[] a = Arrays.copyOf(args == null ? new long[0] : args, 6);
        try {
            decoder.exit(new Call(nr, a, tracee, call, table), returnValue);
        } catch (RuntimeException e) {
            // The entry rendering (pointers for output arguments) stays: correct, only less informative.
        }
    }

    private String[] rawArguments(int nr, long[] args) {
        int count;
        try {
            count = Math.max(0, Math.min(6, table.argumentCount(nr)));
        } catch (RuntimeException e) {
            count = 6;
        }
        String[] raw = new String[count];
        for (int i = 0; i < count; i++) {
            raw[i] = StraceText.hex(args[i]);
        }
        return raw;
    }

    /** The errno name for a positive errno value ("ENOENT"), or "E" + n when unknown. */
    public static String errnoName(int errno) {
        String name = Constants.errnoName(errno);
        return name != null ? name : "E" + errno;
    }

    /** strace's text for a failed return: "-1 ENOENT (No such file or directory)". */
    public static String renderError(int errno) {
        String text = Constants.errnoText(errno);
        return "-1 " + errnoName(errno) + " (" + (text != null ? text : "Unknown error " + errno) + ")";
    }

    private static final Xlat RESTARTS = Constants.group("restart_errno");

    /** Kernel-internal restart codes a tracer sees at a syscall exit; they mean "will be restarted", not failure. */
    public static boolean isRestart(long errno) {
        return RESTARTS.name(errno) != null;
    }

    public static String restartName(long errno) {
        return RESTARTS.name(errno);
    }
}
