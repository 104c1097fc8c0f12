package dev.syscallassert.core.format;

import dev.syscallassert.SignalEvent;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.SigInfo;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.xlat.Constants;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * siginfo as the kernel lays it out, built field by field (offsets from the generated table), rendered as strace 6.1
 * renders it. The common forms are compared with real strace in SignalsAndExitsTest; these are the ones a test
 * program cannot easily make (a child's CPU time, SIGIO, a hardware memory error, unknown codes).
 */
class SigInfoFormatTest {

    /** A siginfo_t under construction. */
    private static final class Raw {
        final byte[] bytes = new byte[SigInfo.SIZE];

        Raw(String signal, String group, String code) {
            i32("si_signo", Signals.number(signal));
            i32("si_code", Constants.intValue(group, code));
        }

        Raw i32(String field, long value) {
            LittleEndian.put32(bytes, X86_64.SIGINFO.offset(field), value);
            return this;
        }

        Raw i64(String field, long value) {
            LittleEndian.put64(bytes, X86_64.SIGINFO.offset(field), value);
            return this;
        }

        SignalEvent event() {
            return SigInfoFormat.describe(SigInfo.of(bytes)).build();
        }
    }

    @Test
    void aChildsCpuTimeIsShownInSecondsToo() {
        SignalEvent e = new Raw("SIGCHLD", "sigchld_code", "CLD_DUMPED").i32("si_pid", 4242).i32("si_uid", 1000)
                .i32("si_status", Signals.number("SIGSEGV")).i64("si_utime", 5).i64("si_stime", 1234).event();
        assertThat(e.toString()).isEqualTo("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_DUMPED, si_pid=4242, "
                + "si_uid=1000, si_status=SIGSEGV, si_utime=5 /* 0.05 s */, si_stime=1234 /* 12.34 s */} ---");
        assertThat(e.senderPid()).hasValue(4242);
        assertThat(e.childStatus()).hasValue(Signals.number("SIGSEGV"));
        assertThat(e.sentByProcess()).isFalse();
        assertThat(e.faultAddress()).isEmpty();
    }

    @Test
    void sigioCarriesTheBandAndTheDescriptor() {
        SignalEvent queued = new Raw("SIGIO", "siginfo_code", "SI_SIGIO").i64("si_band", 65).i32("si_fd", 7).event();
        assertThat(queued.siginfo()).isEqualTo("{si_signo=SIGIO, si_code=SI_SIGIO, si_band=65, si_fd=7}");
        SignalEvent kernel = new Raw("SIGIO", "sigpoll_code", "POLL_IN").i64("si_band", 1).i32("si_fd", 3).event();
        assertThat(kernel.siginfo()).isEqualTo("{si_signo=SIGIO, si_code=POLL_IN, si_band=1, si_fd=3}");
        SignalEvent hangUp = new Raw("SIGIO", "sigpoll_code", "POLL_HUP").i64("si_band", 1).event();
        assertThat(hangUp.siginfo()).isEqualTo("{si_signo=SIGIO, si_code=POLL_HUP}");
    }

    @Test
    void faultsShowTheirAddressAndTheirCodesExtras() {
        SignalEvent bus = new Raw("SIGBUS", "sigbus_code", "BUS_MCEERR_AR").i64("si_addr", 0x7f0000001000L)
                .i32("si_addr_lsb", 12).event();
        assertThat(bus.siginfo()).isEqualTo(
                "{si_signo=SIGBUS, si_code=BUS_MCEERR_AR, si_addr=0x7f0000001000, si_addr_lsb=0xc}");
        assertThat(bus.faultAddress()).hasValue(0x7f0000001000L);
        SignalEvent pkey = new Raw("SIGSEGV", "sigsegv_code", "SEGV_PKUERR").i64("si_addr", 0x1000)
                .i32("si_pkey", 2).event();
        assertThat(pkey.siginfo()).isEqualTo("{si_signo=SIGSEGV, si_code=SEGV_PKUERR, si_addr=0x1000, si_pkey=2}");
        SignalEvent fpe = new Raw("SIGFPE", "sigfpe_code", "FPE_INTDIV").i64("si_addr", 0x401136).event();
        assertThat(fpe.siginfo()).isEqualTo("{si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x401136}");
        SignalEvent trap = new Raw("SIGTRAP", "sigtrap_code", "TRAP_BRKPT").event();
        assertThat(trap.siginfo()).isEqualTo("{si_signo=SIGTRAP, si_code=TRAP_BRKPT, si_addr=NULL}");
        assertThat(trap.faultAddress()).hasValue(0);
    }

    @Test
    void unknownCodesAndSignalsPrintAsNumbers() {
        Raw raw = new Raw("SIGSEGV", "sigsegv_code", "SEGV_MAPERR").i32("si_code", 77);
        assertThat(raw.event().siginfo()).isEqualTo("{si_signo=SIGSEGV, si_code=0x4d, si_addr=NULL}");
        assertThat(raw.event().code()).isEqualTo("0x4d");
        Raw negative = new Raw("SIGUSR1", "siginfo_code", "SI_USER").i32("si_code", -42).i32("si_pid", 9);
        assertThat(negative.event().siginfo())
                .isEqualTo("{si_signo=SIGUSR1, si_code=0xffffffd6, si_pid=9, si_uid=0}");
        // a code of the signal's own table only counts for that signal: 1 is CLD_EXITED for SIGCHLD only
        Raw user = new Raw("SIGUSR2", "sigchld_code", "CLD_EXITED");
        assertThat(user.event().siginfo()).isEqualTo("{si_signo=SIGUSR2, si_code=0x1}");
        Raw childStatus = new Raw("SIGCHLD", "sigchld_code", "CLD_TRAPPED").i32("si_status", 0x85);
        assertThat(childStatus.event().siginfo()).contains("si_status=133, si_utime=0, si_stime=0}");
    }

    @Test
    void anErrnoAndAValueAreShownWhenSet() {
        SignalEvent e = new Raw("SIGUSR1", "siginfo_code", "SI_MESGQ")
                .i32("si_pid", 10).i32("si_uid", -1).i32("si_errno", Constants.errno("EPERM"))
                .i64("si_ptr", 0x1234).event();
        assertThat(e.siginfo()).isEqualTo(
                "{si_signo=SIGUSR1, si_code=SI_MESGQ, si_errno=EPERM, si_pid=10, si_uid=-1, si_int=4660, si_ptr=0x1234}");
        assertThat(e.value()).hasValue(0x1234);
        assertThat(e.senderUid()).hasValue(-1);
        assertThat(e.sentByProcess()).isTrue();
    }

    @Test
    void noSignalAtAllIsAnEmptySiginfo() {
        SignalEvent e = SigInfoFormat.describe(SigInfo.of(new byte[SigInfo.SIZE])).build();
        assertThat(e.siginfo()).isEqualTo("{}");
    }
}
