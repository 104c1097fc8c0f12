package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * The one place a syscall's return value is rendered, as strace prints it after the {@code =}: {@code 3},
 * {@code 0x7f3b877dd000} for a call that returns an address, {@code -1 ENOENT (No such file or directory)} for a
 * failure, {@code ? ERESTARTSYS (To be restarted if SA_RESTART is set)} for a call a signal interrupted that the
 * kernel will restart, and {@code ?} for one that never returned. The decoders fill a {@link DecodedCall}'s return fields through
 * {@link #complete}; {@code SyscallEvent} and the JSON Lines format use {@link #derived} for events nobody decoded.
 * Stateless: any thread.
 */
public final class ReturnValues {

    private ReturnValues() {
    }

    /** The errno name for a positive errno value ("ENOENT"), or "E" + n when unknown. */
    public static String errnoName(int errno) {
        String name = Constants.errnoName(errno);
        return name != null ? name : "E" + errno;
    }

    /** strace's text for a failed return: "-1 ENOENT (No such file or directory)". */
    public static String error(int errno) {
        String text = Constants.errnoText(errno);
        return "-1 " + errnoName(errno) + " (" + (text != null ? text : "Unknown error " + errno) + ")";
    }

    /** Kernel-internal restart codes a tracer sees at a syscall exit; they mean "will be restarted", not failure. */
    public static boolean isRestart(long errno) {
        return Restarts.NAMES.name(errno) != null;
    }

    /** The restart code's name ("ERESTARTSYS"), or null when {@code errno} is not one. */
    public static String restartName(long errno) {
        return Restarts.NAMES.name(errno);
    }

    /**
     * An interrupted call the kernel will run again, in strace's words for its code: "? ERESTARTSYS (To be restarted
     * if SA_RESTART is set)", "? ERESTARTNOHAND (To be restarted if no handler)", ...
     */
    static String restart(long errno) {
        String name = restartName(errno);
        return "? " + name + " (" + Constants.text("restart_errno", name) + ")";
    }

    /** A successful call's value in the format its decoder declared. */
    static String success(long value, ReturnFormat format) {
        switch (format) {
            case HEX: return StraceText.hex(value);
            case OCTAL: return String.format("%#03o", value);
            default: return Long.toString(value);
        }
    }

    /**
     * What an event shows when no decoder rendered its return (a hand-built event, or a trace line that did not
     * store one because it is derivable): "?" when it never returned, "-1 ENOENT" when it failed (only the name is
     * known then, not the text), the decimal value otherwise.
     */
    public static String derived(boolean finished, long returnValue, String errno) {
        if (!finished) {
            return "?";
        }
        return errno != null ? "-1 " + errno : Long.toString(returnValue);
    }

    /**
     * Fills the return fields of {@code call} at the exit stop (see {@link DecodedCall} for the contract).
     * {@code returnValue} is the raw register ({@code -errno} when failed) or the positive errno when failed.
     */
    static void complete(DecodedCall call, long returnValue, boolean failed, ReturnFormat format) {
        if (!failed) {
            call.finished = true;
            call.returnValue = returnValue;
            call.errno = null;
            call.renderedReturn = success(returnValue, format);
            return;
        }
        long errno = returnValue < 0 ? -returnValue : returnValue;
        if (isRestart(errno)) {
            // Interrupted and to be restarted: the kernel will run it again, so it neither failed nor returned.
            call.finished = false;
            call.returnValue = 0;
            call.errno = null;
            call.renderedReturn = restart(errno);
        } else {
            call.finished = true;
            call.returnValue = -errno;
            call.errno = errnoName((int) errno);
            call.renderedReturn = error((int) errno);
        }
    }

    /** Loaded on the first restart question only: {@link #derived} must not need the constants table. */
    private static final class Restarts {
        static final Xlat NAMES = Constants.group("restart_errno");
    }
}
