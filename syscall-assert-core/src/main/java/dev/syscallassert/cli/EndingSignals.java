package dev.syscallassert.cli;

import dev.syscallassert.RunningTrace;
import sun.misc.Signal;

/**
 * SIGINT, SIGTERM and SIGHUP to the CLI end the trace as strace's do, but finish the output first: a started command's
 * whole tree is killed (strace signals only the command itself and detaches from the rest), an attached process is
 * detached from and goes on running; the calls in flight are then written as unfinished, every line ends, the
 * {@code -c} table is printed, and the CLI exits with 128 + the signal's number, as the JVM does for a signal.
 * (strace re-raises the signal instead, which a shell reports with the same status.) A signal ignored when the CLI
 * started stays ignored, as under strace and nohup. A second signal while ending changes nothing.
 *
 * <p>The JVM runs the handler on a thread of its own; {@link #endOnSignal} is the main thread's, once the trace runs.
 */
final class EndingSignals {
    private static final String[] NAMES = {"INT", "TERM", "HUP"};

    private volatile RunningTrace trace;
    private volatile Signal received;

    /** Catches the three signals from now on (each one that was not ignored at start). */
    static EndingSignals install() {
        EndingSignals signals = new EndingSignals();
        for (String name : NAMES) {
            try {
                // The JVM leaves a signal ignored at its start alone (the handler is then not installed).
                Signal.handle(new Signal(name), signals::received);
            } catch (IllegalArgumentException reservedByTheJvm) {
                // -Xrs: the JVM's default, an exit with its shutdown hooks (which end the trace too), stays
            }
        }
        return signals;
    }

    private void received(Signal signal) {
        synchronized (this) {
            if (received != null) {
                return;
            }
            received = signal;
        }
        RunningTrace t = trace;
        if (t != null) {
            t.kill();
        }
    }

    /** The trace runs: a signal from now on ends it, and one that came while it started ends it now. */
    void endOnSignal(RunningTrace running) {
        trace = running;
        if (received != null) {
            running.kill();
        }
    }

    /** Whether a signal ended the trace. */
    boolean ended() {
        return received != null;
    }

    /** The signal's name, SIGINT. */
    String name() {
        return "SIG" + received.getName();
    }

    /** The exit status for it: 128 + its number. */
    int exitStatus() {
        return 128 + received.getNumber();
    }
}
