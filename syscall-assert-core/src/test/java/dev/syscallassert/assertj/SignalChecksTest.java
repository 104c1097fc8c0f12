package dev.syscallassert.assertj;

import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.linux.Signals;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.syscallassert.assertj.Events.call;
import static dev.syscallassert.assertj.Events.openat;
import static dev.syscallassert.assertj.Events.O_RDONLY;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalChecksTest {

    private static SignalEvent.Builder signal(String name, int tid, String thread) {
        return SignalEvent.builder().pid(100).tid(tid).thread(thread).signal(Signals.number(name), name)
                .code(0, "SI_USER").senderPid(99).senderUid(0)
                .siginfo("{si_signo=" + name + ", si_code=SI_USER, si_pid=99, si_uid=0}");
    }

    private static final SyscallTrace TRACE = SyscallTrace.ofTimeline(List.of(
            call("kill").renderedArgs(List.of("100", "SIGINT")).build(),
            signal("SIGINT", 100, "app").build(),
            call("rt_sigreturn").renderedArgs(List.of("{mask=[]}")).build(),
            signal("SIGTERM", 101, "worker").build(),
            signal("SIGSEGV", 102, "C2 CompilerThre").harness(true).build(),
            ProcessExit.exited(100, 101, "worker", 0, 0),
            openat("/etc/hosts", O_RDONLY).build()));

    @Test
    void receivedSignalIsAboutDeliveredSignalsOnly() {
        assertThat(TRACE).receivedSignal("SIGINT").receivedSignal("SIGTERM").didNotReceiveSignal("SIGHUP")
                .didNotReceiveSignal("SIGSEGV") // the JVM's own: hidden like its calls
                .calledSyscallTimes("kill", 1).openedFile("/etc/hosts")
                .syscalls().hasSize(3);
        assertThat(TRACE).withHarnessNoise().receivedSignal("SIGSEGV").signals().hasSize(3);
        assertThat(TRACE).signals().extracting(SignalEvent::signal).containsExactly("SIGINT", "SIGTERM");
    }

    @Test
    void aMissingSignalListsTheDeliveredOnesClosestFirst() {
        assertThatThrownBy(() -> assertThat(TRACE).receivedSignal("SIGTRAP"))
                .hasMessage(String.format("%nExpecting the traced process to have received%n  SIGTRAP%n"
                        + "but it was never delivered. Signals delivered, closest first:%n"
                        + "  SIGTERM  [pid 100 tid 101 \"worker\"] --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, "
                        + "si_pid=99, si_uid=0} ---%n"
                        + "  SIGINT  [pid 100 \"app\"] --- SIGINT {si_signo=SIGINT, si_code=SI_USER, si_pid=99, "
                        + "si_uid=0} ---"));
        SyscallTrace none = SyscallTrace.of(List.of(openat("/x", O_RDONLY).build()))
                .savedTo(Path.of("/tmp/traces/t.txt"));
        assertThatThrownBy(() -> assertThat(none).receivedSignal("SIGCHLD"))
                .hasMessage(String.format("%nExpecting the traced process to have received%n  SIGCHLD%n"
                        + "but it was never delivered. Signals delivered, closest first:%n  (none)%n%n"
                        + "The full trace is in /tmp/traces/t.txt"));
    }

    @Test
    void anUnwantedSignalIsShownWithWhereItWent() {
        assertThatThrownBy(() -> assertThat(TRACE).didNotReceiveSignal("SIGTERM"))
                .hasMessage(String.format("%nExpecting the traced process never to receive%n  SIGTERM%n"
                        + "but it was delivered once:%n  [pid 100 tid 101 \"worker\"] --- SIGTERM "
                        + "{si_signo=SIGTERM, si_code=SI_USER, si_pid=99, si_uid=0} ---"));
    }

    @Test
    void scopingToAThreadOrAProcessScopesItsSignalsToo() {
        assertThat(TRACE).byThread("app").receivedSignal("SIGINT").didNotReceiveSignal("SIGTERM");
        assertThat(TRACE).byThread("worker").receivedSignal("SIGTERM").didNotReceiveSignal("SIGINT");
        assertThat(TRACE).inProcess(100).receivedSignal("SIGTERM");
        assertThat(TRACE).inProcess(7).didNotReceiveSignal("SIGINT").didNotReceiveSignal("SIGTERM");
        // a predicate on calls says nothing about signals: they all stay
        assertThat(TRACE).onlyEvents(e -> e.syscall().equals("openat")).receivedSignal("SIGINT").syscalls().hasSize(1);
    }

    @Test
    void anUnknownSignalNameIsAUsageError() {
        assertThatThrownBy(() -> assertThat(TRACE).receivedSignal("SIGTREM"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown signal \"SIGTREM\"; did you mean SIGTERM")
                .hasMessageContaining("SIGRTMIN");
        assertThatThrownBy(() -> assertThat(TRACE).didNotReceiveSignal("TERM"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown signal \"TERM\"; did you mean SIGTERM");
        assertThat(TRACE).didNotReceiveSignal("SIGRTMIN").didNotReceiveSignal("SIGRT_2").didNotReceiveSignal("SIGSYS");
    }

    @Test
    void softlyToo() {
        assertThatThrownBy(() -> SyscallSoftAssertions.assertSoftly(softly -> softly.assertThat(TRACE)
                .receivedSignal("SIGHUP").didNotReceiveSignal("SIGINT").receivedSignal("SIGTERM")))
                .hasMessageContaining("Multiple Failures (2 failures)")
                .hasMessageContaining("SIGHUP").hasMessageContaining("never to receive");
    }
}
