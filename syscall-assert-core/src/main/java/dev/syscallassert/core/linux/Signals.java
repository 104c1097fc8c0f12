package dev.syscallassert.core.linux;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/** Signal numbers and names, from the generated table (asm/signal.h); only the ones the tracer sends or checks. */
public final class Signals {
    private Signals() {
    }

    private static final Xlat SIGNALS = Constants.group("signal");
    private static final int SIGRTMIN = Constants.intValue("signal_range", "SIGRTMIN");
    private static final int SIGRTMAX = Constants.intValue("signal_range", "SIGRTMAX");

    public static final int SIGTRAP = number("SIGTRAP");
    public static final int SIGKILL = number("SIGKILL");
    public static final int SIGCONT = number("SIGCONT");
    public static final int SIGSTOP = number("SIGSTOP");
    public static final int SIGTSTP = number("SIGTSTP");
    public static final int SIGTTIN = number("SIGTTIN");
    public static final int SIGTTOU = number("SIGTTOU");

    /** The number of a signal by its name ("SIGTERM"); a name the table lacks throws. */
    public static int number(String name) {
        return (int) SIGNALS.value(name);
    }

    /**
     * strace's name for a signal: "SIGKILL"; the kernel's first real-time signal "SIGRTMIN" (strace's signal table
     * ends with it), the others "SIGRT_n" counted from it; "SIGn" for a number no signal has.
     */
    public static String name(int signal) {
        String name = knownName(signal);
        return name != null ? name : "SIG" + signal;
    }

    /** strace's signame: the name of a signal, or null for a number no signal has (strace then prints the number). */
    public static String knownName(int signal) {
        String name = SIGNALS.name(signal);
        if (name != null || signal <= 0) {
            return signal > 0 ? name : null;
        }
        if (signal == SIGRTMIN) {
            return "SIGRTMIN";
        }
        return signal > SIGRTMIN && signal <= SIGRTMAX ? "SIGRT_" + (signal - SIGRTMIN) : null;
    }
}
