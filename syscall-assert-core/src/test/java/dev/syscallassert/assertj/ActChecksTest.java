package dev.syscallassert.assertj;

import dev.syscallassert.Injection;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DSL's checks on injected and denied calls, decided from each call's mark, not from its result. */
class ActChecksTest {

    private static SyscallEvent write(String errno, Injection injection) {
        return SyscallEvent.builder().pid(10).tid(11).thread("worker").syscall("write").number(1)
                .renderedArgs(List.of("3", "\"x\"", "1")).returnValue(errno == null ? 1 : -1)
                .renderedReturn(errno == null ? "1" : "-1 " + errno + " (No space left on device)").errno(errno)
                .fdPath("/data/journal.log").injection(injection).build();
    }

    private static SyscallEvent connect(Injection injection) {
        return SyscallEvent.builder().pid(10).tid(10).thread("main").syscall("connect").number(42)
                .renderedArgs(List.of("3", "{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"10.1.2.3\")}",
                        "16")).returnValue(-1).errno("ENETUNREACH")
                .renderedReturn("-1 ENETUNREACH (Network is unreachable)").address("10.1.2.3:443")
                .injection(injection).build();
    }

    private static final Injection ENOSPC = new Injection("write:error=ENOSPC:when=3", false, "ENOSPC", null, null,
            null, null, null);
    private static final Injection DENIED = new Injection("%network:deny:allow=127.0.0.1:*", true, "ENETUNREACH",
            null, null, null, null, null);

    @Test
    void anInjectedFaultIsSeenByItsMark() {
        SyscallTrace trace = SyscallTrace.of(List.of(write(null, null), write("ENOSPC", ENOSPC)));
        assertThat(trace).injectedFault("write", "ENOSPC").noDeniedCalls();
        assertThat(trace).injectedFaults().hasSize(1);
        assertThat(trace).deniedCalls().isEmpty();
    }

    @Test
    void aCallThatFailedByItselfIsNoInjectedFault() {
        SyscallTrace trace = SyscallTrace.of(List.of(write("ENOSPC", null)));
        assertThatThrownBy(() -> assertThat(trace).injectedFault("write", "ENOSPC"))
                .hasMessageContaining("Expecting a fault injected into")
                .hasMessageContaining("but no fault was injected into any call");
    }

    @Test
    void aFailureListsTheFaultsThatWereInjected() {
        SyscallTrace trace = SyscallTrace.of(List.of(write("ENOSPC", ENOSPC)));
        assertThatThrownBy(() -> assertThat(trace).injectedFault("write", "EIO"))
                .hasMessageContaining("the faults injected were:")
                .hasMessageContaining("[pid 10 tid 11 \"worker\"] write(3, \"x\", 1) = -1 ENOSPC (No space left on "
                        + "device) (INJECTED)   [write:error=ENOSPC:when=3]");
    }

    @Test
    void deniedCallsAreListedWithThreadAndAddress() {
        SyscallTrace trace = SyscallTrace.of(List.of(connect(DENIED)));
        assertThat(trace).deniedCalls().hasSize(1);
        assertThat(trace).injectedFaults().isEmpty();
        assertThatThrownBy(() -> assertThat(trace).noDeniedCalls())
                .hasMessageContaining("Expecting no call to be denied the network, but one was:")
                .hasMessageContaining("[pid 10 \"main\"] connect(3, {sa_family=AF_INET, sin_port=htons(443), "
                        + "sin_addr=inet_addr(\"10.1.2.3\")}, 16) = -1 ENETUNREACH (Network is unreachable) (INJECTED)"
                        + "   (address 10.1.2.3:443)");
    }

    @Test
    void unknownNamesAreUsageErrors() {
        SyscallTrace trace = SyscallTrace.of(List.of());
        assertThatThrownBy(() -> assertThat(trace).injectedFault("wrtie", "ENOSPC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write");
        assertThatThrownBy(() -> assertThat(trace).injectedFault("write", "ENOSCP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENOSPC");
    }
}
