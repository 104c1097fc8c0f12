package dev.syscallassert.junit5;

import dev.syscallassert.core.marker.Marker;

import java.util.concurrent.Callable;

/**
 * Switches a traced test's {@link InjectFault}s off and on again from inside the test, for one phase of it: the
 * set-up a test does in its method, or the recovery it checks after the fault. While off, the faults neither act nor
 * count calls (an {@code nth = 3} fault then counts the third matching call made while on). A {@link DenyNetwork}
 * rule is not affected. Called in the traced child JVM, from the test's code; it tells the tracer through the marker
 * syscall, so the switch takes effect at once for every thread and process of the traced tree.
 *
 * <pre>{@code
 * @InjectFault(syscalls = "write", path = "glob:**}{@code /journal.log", errno = "ENOSPC")
 * @Test void recovers(SyscallTrace trace) {
 *     assertThatThrownBy(store::commit).hasMessageContaining("No space left on device");
 *     InjectedFaults.off();                  // the disk has room again
 *     store.commit();
 * }
 * }</pre>
 */
public final class InjectedFaults {
    private InjectedFaults() {
    }

    /** From now on this test's faults do nothing, until {@link #on()}. */
    public static void off() {
        send(Marker.FAULTS_OFF, "off");
    }

    /** From now on this test's faults act again (their counts go on from where they were). */
    public static void on() {
        send(Marker.FAULTS_ON, "on");
    }

    /** Runs {@code phase} with the faults off, and switches them on again after it, however it ends. */
    public static <T> T offDuring(Callable<T> phase) throws Exception {
        off();
        try {
            return phase.call();
        } finally {
            on();
        }
    }

    private static void send(long command, String verb) {
        long answer = Marker.send(command, "");
        if (answer != 0) {
            throw new IllegalStateException(Marker.isUntracedAnswer(answer)
                    ? "InjectedFaults." + verb + "() works in a traced test only (@TraceSyscalls): nobody traces this "
                    + "JVM, or its tracer does not answer"
                    : "The tracer did not switch the faults " + verb + ": answer " + answer);
        }
    }
}
