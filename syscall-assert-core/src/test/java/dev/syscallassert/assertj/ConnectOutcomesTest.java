package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A connect left under way (EINPROGRESS, or interrupted) is decided by what followed on the same socket, known by its
 * kernel identity: hand-built sequences for the cases a real process rarely shows on demand (fd reuse, two sockets at
 * once, evidence on another thread or process, nothing conclusive). Real traces are in {@link RealConnectTest}.
 */
class ConnectOutcomesTest {
    private static final String A = "127.0.0.1:5432";
    private static final String B = "127.0.0.2:80";

    @Test
    void aRefusalReadWithSoErrorIsNotAConnection() {
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(), soError(3, 11, "ECONNREFUSED").build());
        assertThat(t).didNotConnectTo("127.0.0.1", 5432).onlyConnectedTo(B).connections().isEmpty();
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", 5432))
                .hasMessage(String.format("%nExpecting the traced process to have connected to%n  127.0.0.1:5432%n"
                        + "but it did not. Connects it made, closest first:%n"
                        + "  127.0.0.1:5432  (in progress, then failed: ECONNREFUSED)  [pid 100 \"app\"] "
                        + "connect(3, {127.0.0.1:5432}, 16) = -1 EINPROGRESS, "
                        + "then getsockopt(SO_ERROR) = ECONNREFUSED"));
    }

    @Test
    void soErrorZeroIsAConnection() {
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(), soError(3, 11, "0").build());
        assertThat(t).connectedTo("127.0.0.1", 5432).onlyConnectedTo(A).connections().containsExactly(A);
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", 5432))
                .hasMessage(String.format("%nExpecting the traced process not to have connected to%n  127.0.0.1:5432%n"
                        + "but it made this connect:%n"
                        + "  127.0.0.1:5432  (in progress, then connected)  [pid 100 \"app\"] "
                        + "connect(3, {127.0.0.1:5432}, 16) = -1 EINPROGRESS, then getsockopt(SO_ERROR) = 0"));
    }

    @Test
    void nothingConclusiveIsUnknownAndPassesNeitherWay() {
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(onSocket("write", 3, 11, -1), "EAGAIN").build(), onSocket("read", 3, 11, 0).build(),
                call("close").args(3).fdPath("socket:[11]").build());
        String line = "  127.0.0.1:5432  (in progress, outcome unknown: no later call on its socket tells)  "
                + "[pid 100 \"app\"] connect(3, {127.0.0.1:5432}, 16) = -1 EINPROGRESS";
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", 5432))
                .hasMessage(String.format("%nExpecting the traced process to have connected to%n  127.0.0.1:5432%n"
                        + "but it did not. Connects it made, closest first:%n" + line + "%n"
                        + "A connect left under way counts once a later call on its socket shows it connected "
                        + "(getsockopt(SO_ERROR) = 0, data read or sent); the trace shows no outcome for the one to "
                        + "this address."));
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", 5432))
                .hasMessage(String.format("%nExpecting the traced process not to have connected to%n  127.0.0.1:5432%n"
                        + "but it made this connect:%n" + line + "%n"
                        + "A connect left under way whose outcome the trace does not show counts: it may have "
                        + "connected."));
        assertThatThrownBy(() -> assertThat(t).onlyConnectedTo(B)).hasMessageContaining(line);
        // The list holds only what the trace shows connected.
        assertThat(t).connections().isEmpty();
    }

    @Test
    void aReusedFdNumberIsAnotherSocket() {
        // fd 3 is closed and reused for a second socket: what follows on fd 3 is about the second one only.
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                call("close").args(3).fdPath("socket:[11]").build(),
                socket(AF_INET, 3).build(),
                fail(connect(3, 12, B), "EINPROGRESS").build(), soError(3, 12, "0").build());
        assertThat(t).connectedTo("127.0.0.2", 80).connections().containsExactly(B);
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("127.0.0.1:5432  (in progress, outcome unknown: no later call on its socket "
                        + "tells)");
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("it may have connected");
    }

    @Test
    void twoSocketsAtOnceAreDecidedEachByItsOwnCalls() {
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(connect(4, 12, B), "EINPROGRESS").build(),
                soError(4, 12, "ECONNREFUSED").build(), soError(3, 11, "0").build());
        assertThat(t).connectedTo("127.0.0.1", 5432).didNotConnectTo("127.0.0.2", 80).onlyConnectedTo(A)
                .connections().containsExactly(A);
    }

    @Test
    void dataThatWasSentOrReceivedMeansConnected() {
        SyscallTrace sent = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(onSocket("sendto", 3, 11, -1), "EAGAIN").build(), onSocket("sendto", 3, 11, 17).build());
        assertThat(sent).connectedTo("127.0.0.1", 5432);
        assertThatThrownBy(() -> assertThat(sent).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("(in progress, then connected)  [pid 100 \"app\"] connect(3, {127.0.0.1:5432}, "
                        + "16) = -1 EINPROGRESS, then sendto(3, ...) = 17");
        SyscallTrace received = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                onSocket("recvfrom", 3, 11, 5).build());
        assertThat(received).connectedTo("127.0.0.1", 5432);
        assertThat(trace(fail(connect(3, 11, A), "EINPROGRESS").build(), onSocket("getpeername", 3, 11, 0).build()))
                .connectedTo("127.0.0.1", 5432);
    }

    @Test
    void anEmptyReadOrAFailedWriteWithEpipeDecidesNothing() {
        // Both are what a refused socket gives once its error was taken by a call the trace did not record.
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(), onSocket("read", 3, 11, 0).build(),
                fail(onSocket("write", 3, 11, -1), "EPIPE").build());
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", 5432)).hasMessageContaining("outcome unknown");
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("outcome unknown");
    }

    @Test
    void aFailingCallReportsThePendingError() {
        SyscallTrace refused = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(onSocket("read", 3, 11, -1), "ECONNREFUSED").build());
        assertThat(refused).didNotConnectTo("127.0.0.1", 5432);
        assertThatThrownBy(() -> assertThat(refused).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("(in progress, then failed: ECONNREFUSED)")
                .hasMessageContaining("= -1 EINPROGRESS, then read(3, ...) = -1 ECONNREFUSED");
        // A reset exists only for a connection that was up (a refused attempt reads ECONNREFUSED).
        SyscallTrace reset = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(onSocket("write", 3, 11, -1), "ECONNRESET").build());
        assertThat(reset).connectedTo("127.0.0.1", 5432);
        assertThatThrownBy(() -> assertThat(reset).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("(in progress, then connected and reset: ECONNRESET)");
        assertThat(trace(fail(connect(3, 11, A), "EINPROGRESS").build(), soError(3, 11, "ETIMEDOUT").build()))
                .didNotConnectTo("127.0.0.1", 5432);
    }

    @Test
    void aSecondConnectToTheSameAddressTellsTheOutcome() {
        SyscallTrace connected = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(connect(3, 11, A), "EALREADY").build(), fail(connect(3, 11, A), "EISCONN").build());
        assertThat(connected).connectedTo("127.0.0.1", 5432);
        assertThatThrownBy(() -> assertThat(connected).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("but it made this connect:")
                .hasMessageContaining("(in progress, then connected)  [pid 100 \"app\"] connect(3, {127.0.0.1:5432}, "
                        + "16) = -1 EINPROGRESS, then connect(3, ...) = -1 EISCONN");
        SyscallTrace refused = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                fail(connect(3, 11, A), "ECONNREFUSED").build(),
                // ... and a third attempt starts afresh: its own outcome, nothing about the first
                fail(connect(3, 11, A), "EINPROGRESS").build(), soError(3, 11, "0").build());
        assertThatThrownBy(() -> assertThat(refused).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("but it made this connect:")
                .hasMessageContaining("(in progress, then connected)  [pid 100 \"app\"] connect(3, {127.0.0.1:5432}, "
                        + "16) = -1 EINPROGRESS, then getsockopt(SO_ERROR) = 0")
                .hasMessageNotContaining("then connect(3");
        // A connect to AF_UNSPEC dissolves the association: its 0 says nothing about the attempt.
        SyscallTrace dissolved = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                call("connect").args(3).fdPath("socket:[11]").renderedArgs(java.util.List.of("3",
                        "{sa_family=AF_UNSPEC}", "16")).returnValue(0).build(), soError(3, 11, "0").build());
        assertThatThrownBy(() -> assertThat(dissolved).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("outcome unknown");
    }

    @Test
    void aRefusalAfterAnEarlySoErrorZeroWins() {
        // SO_ERROR 0 read while still connecting; the refusal that comes after proves it was early.
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").build(), soError(3, 11, "0").build(),
                soError(3, 11, "ECONNREFUSED").build());
        assertThat(t).didNotConnectTo("127.0.0.1", 5432);
        // Confirmed by data sent after it, a later error is about the connection, not the attempt.
        SyscallTrace confirmed = trace(fail(connect(3, 11, A), "EINPROGRESS").build(), soError(3, 11, "0").build(),
                onSocket("write", 3, 11, 5).build(), fail(onSocket("read", 3, 11, -1), "ETIMEDOUT").build());
        assertThat(confirmed).connectedTo("127.0.0.1", 5432);
    }

    @Test
    void theEvidenceMustBeInTheSameProcessAndAfterTheConnectReturned() {
        // Another process with the same socket (inherited) is not looked at.
        SyscallTrace otherProcess = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                soError(3, 11, "0").pid(200).tid(200).build());
        assertThatThrownBy(() -> assertThat(otherProcess).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("outcome unknown");
        // Another thread of the process: only a call it began after the connect returned.
        SyscallTrace early = trace(fail(connect(3, 11, A), "EINPROGRESS").startNanos(10).endNanos(20).build(),
                soError(3, 11, "0").tid(101).startNanos(15).endNanos(16).build());
        assertThatThrownBy(() -> assertThat(early).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("outcome unknown");
        SyscallTrace after = trace(fail(connect(3, 11, A), "EINPROGRESS").startNanos(10).endNanos(20).build(),
                soError(3, 11, "0").tid(101).thread("selector").startNanos(25).endNanos(26).build());
        assertThat(after).connectedTo("127.0.0.1", 5432);
        assertThatThrownBy(() -> assertThat(after).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining(", then [pid 100 tid 101 \"selector\"] getsockopt(SO_ERROR) = 0");
        // A call that never returned tells nothing.
        SyscallTrace unfinished = trace(fail(connect(3, 11, A), "EINPROGRESS").build(),
                onSocket("read", 3, 11, 0).finished(false).build());
        assertThatThrownBy(() -> assertThat(unfinished).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("outcome unknown");
    }

    @Test
    void theOutcomeIsAFactAboutTheSocketWhateverTheScope() {
        // HttpClient connects on one thread and learns the outcome on its selector thread.
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINPROGRESS").thread("worker").build(),
                soError(3, 11, "0").tid(101).thread("selector").build());
        assertThat(t).byThread("worker").connectedTo("127.0.0.1", 5432).connections().containsExactly(A);
        assertThat(t).onlyEvents(e -> e.syscall().equals("connect")).connectedTo("127.0.0.1", 5432);
        // A connect shown only with the harness noise is a copy of the recorded one: still decided.
        SyscallTrace noise = trace(fail(connect(3, 11, A), "EINPROGRESS").harness(true).build(),
                soError(3, 11, "0").build());
        assertThat(noise).withHarnessNoise().connectedTo("127.0.0.1", 5432);
        assertThat(noise).didNotConnectTo("127.0.0.1", 5432);
    }

    @Test
    void anInterruptedConnectGoesOnConnecting() {
        SyscallTrace t = trace(fail(connect(3, 11, A), "EINTR").build(), soError(3, 11, "0").build());
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("(interrupted, then connected)");
        SyscallTrace never = trace(fail(connect(3, 11, A), "EINTR").build());
        assertThatThrownBy(() -> assertThat(never).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("(interrupted, outcome unknown: no later call on its socket tells)");
    }

    @Test
    void aConnectThatNeverReturnedMayHaveConnected() {
        SyscallTrace t = trace(connect(3, 11, A).finished(false).build());
        assertThatThrownBy(() -> assertThat(t).connectedTo("127.0.0.1", 5432))
                .hasMessageContaining("127.0.0.1:5432  (never returned)  [pid 100 \"app\"] connect(")
                .hasMessageNotContaining("left under way");
        assertThatThrownBy(() -> assertThat(t).didNotConnectTo("127.0.0.1", 5432))
                .hasMessageContaining("(never returned)");
    }
}
