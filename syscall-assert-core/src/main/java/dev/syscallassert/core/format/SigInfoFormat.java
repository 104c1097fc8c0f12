package dev.syscallassert.core.format;

import dev.syscallassert.SignalEvent;
import dev.syscallassert.core.linux.SigInfo;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.Locale;

/**
 * A delivered signal's siginfo as strace 6.1 prints it (its printsiginfo.c, for x86_64 with glibc 2.36's siginfo_t):
 * which fields are shown depends on the signal and on who sent it, and the facts a {@link SignalEvent} carries (the
 * sender, the child's status, the fault address, the value) are exactly the ones shown, read in the same walk.
 * Stateless: any thread.
 */
public final class SigInfoFormat {
    private static final int SI_USER = code("siginfo_code", "SI_USER");
    private static final int SI_TKILL = code("siginfo_code", "SI_TKILL");
    private static final int SI_TIMER = code("siginfo_code", "SI_TIMER");
    private static final int SI_SIGIO = code("siginfo_code", "SI_SIGIO");
    private static final int CLD_EXITED = code("sigchld_code", "CLD_EXITED");
    private static final int BUS_MCEERR_AR = code("sigbus_code", "BUS_MCEERR_AR");
    private static final int BUS_MCEERR_AO = code("sigbus_code", "BUS_MCEERR_AO");
    private static final int SEGV_BNDERR = code("sigsegv_code", "SEGV_BNDERR");
    private static final int SEGV_PKUERR = code("sigsegv_code", "SEGV_PKUERR");
    private static final int POLL_IN = code("sigpoll_code", "POLL_IN");
    private static final int POLL_OUT = code("sigpoll_code", "POLL_OUT");
    private static final int POLL_MSG = code("sigpoll_code", "POLL_MSG");
    private static final int SIGCHLD = Signals.number("SIGCHLD");
    private static final int SIGILL = Signals.number("SIGILL");
    private static final int SIGFPE = Signals.number("SIGFPE");
    private static final int SIGBUS = Signals.number("SIGBUS");
    private static final int SIGSEGV = Signals.number("SIGSEGV");
    private static final int SIGTRAP = Signals.number("SIGTRAP");
    private static final int SIGIO = Signals.number("SIGIO");
    private static final int SIGSYS = Signals.number("SIGSYS");
    private static final Xlat AUDIT_ARCH = Constants.group("audit_arch");
    private static final long AUDIT_ARCH_NATIVE = Constants.value("audit_arch", "AUDIT_ARCH_X86_64");
    /** clock_t's unit (si_utime, si_stime), and the digits strace shows of a second in it. */
    private static final long CLOCK_TICKS = Constants.value("clock_ticks", "HZ");
    private static final int TICK_DIGITS = Math.min(9, (int) Math.log10(CLOCK_TICKS));

    private SigInfoFormat() {
    }

    private static int code(String group, String name) {
        return Constants.intValue(group, name);
    }

    /**
     * A builder with the signal, its code, the facts strace shows and the siginfo text filled in; the tracer adds
     * who received it and when.
     */
    public static SignalEvent.Builder describe(SigInfo si) {
        int signo = si.signo();
        int code = si.code();
        String codeName = si.codeName();
        SignalEvent.Builder b = SignalEvent.builder()
                .signal(signo, signal(signo))
                .code(code, codeName != null ? codeName : hex(code & 0xffffffffL));
        StringBuilder sb = new StringBuilder("{");
        if (signo != 0) {
            sb.append("si_signo=").append(signal(signo));
            sb.append(", si_code=").append(codeName != null ? codeName : hex(code & 0xffffffffL));
            details(si, signo, code, sb, b);
        }
        return b.siginfo(sb.append('}').toString());
    }

    /** strace's print_si_info: what the code (sent by a process) or the signal (sent by the kernel) carries. */
    private static void details(SigInfo si, int signo, int code, StringBuilder sb, SignalEvent.Builder b) {
        if (si.errno() != 0) {
            String name = Constants.errnoName(si.errno());
            sb.append(", si_errno=").append(name != null ? name : Long.toString(si.errno() & 0xffffffffL));
        }
        if (code <= 0) { // SI_FROMUSER
            if (code == SI_USER || code == SI_TKILL) {
                source(si, sb, b);
            } else if (code == SI_TIMER) {
                long timer = si.u32("si_tid");
                sb.append(", si_timerid=").append(timer == 0 ? "0" : hex(timer));
                sb.append(", si_overrun=").append(si.i32("si_overrun"));
                value(si, sb, b);
            } else if (code == SI_SIGIO) {
                poll(si, sb);
            } else {
                source(si, sb, b);
                if (si.i64("si_ptr") != 0) {
                    value(si, sb, b);
                }
            }
        } else if (signo == SIGCHLD) {
            source(si, sb, b);
            int status = si.i32("si_status");
            b.childStatus(status);
            sb.append(", si_status=").append(code == CLD_EXITED ? Integer.toString(status) : signal(status));
            sb.append(", si_utime=").append(clock(si.i64("si_utime")));
            sb.append(", si_stime=").append(clock(si.i64("si_stime")));
        } else if (signo == SIGILL || signo == SIGFPE || signo == SIGTRAP) {
            fault(si, sb, b);
        } else if (signo == SIGBUS) {
            fault(si, sb, b);
            if (code == BUS_MCEERR_AR || code == BUS_MCEERR_AO) {
                long lsb = si.u32("si_addr_lsb") & 0xffff;
                sb.append(", si_addr_lsb=").append(lsb == 0 ? "0" : hex(lsb));
            }
        } else if (signo == SIGSEGV) {
            fault(si, sb, b);
            if (code == SEGV_BNDERR) {
                sb.append(", si_lower=").append(pointer(si.i64("si_lower")));
                sb.append(", si_upper=").append(pointer(si.i64("si_upper")));
            } else if (code == SEGV_PKUERR) {
                sb.append(", si_pkey=").append(si.u32("si_pkey"));
            }
        } else if (signo == SIGIO) {
            if (code == POLL_IN || code == POLL_OUT || code == POLL_MSG) {
                poll(si, sb);
            }
        } else if (signo == SIGSYS) {
            sb.append(", si_call_addr=").append(pointer(si.i64("si_call_addr")));
            sb.append(", si_syscall=").append(syscall(si.i32("si_syscall"), si.u32("si_arch")));
            sb.append(", si_arch=").append(AUDIT_ARCH.valueOrUnknown(si.u32("si_arch"), "AUDIT_ARCH_"));
        } else {
            if (si.i32("si_pid") != 0 || si.i32("si_uid") != 0) {
                source(si, sb, b);
            }
            if (si.i64("si_ptr") != 0) {
                value(si, sb, b);
            }
        }
    }

    /** strace's printsigsource: the sending process and its real uid. */
    private static void source(SigInfo si, StringBuilder sb, SignalEvent.Builder b) {
        int pid = si.i32("si_pid");
        int uid = si.i32("si_uid");
        b.senderPid(pid).senderUid(uid);
        // PRINT_FIELD_ID: an id is unsigned, except -1
        sb.append(", si_pid=").append(pid).append(", si_uid=").append(uid == -1 ? "-1" : Long.toString(uid & 0xffffffffL));
    }

    /** strace's printsigval: the value as an int and as a pointer (the same union). */
    private static void value(SigInfo si, StringBuilder sb, SignalEvent.Builder b) {
        long ptr = si.i64("si_ptr");
        b.value(ptr);
        sb.append(", si_int=").append(si.i32("si_int")).append(", si_ptr=").append(pointer(ptr));
    }

    private static void fault(SigInfo si, StringBuilder sb, SignalEvent.Builder b) {
        long addr = si.i64("si_addr");
        b.faultAddress(addr);
        sb.append(", si_addr=").append(pointer(addr));
    }

    private static void poll(SigInfo si, StringBuilder sb) {
        sb.append(", si_band=").append(si.i64("si_band")).append(", si_fd=").append(si.i32("si_fd"));
    }

    /** strace's printsignal: the name, or the number when no signal has it. */
    private static String signal(int number) {
        String name = Signals.knownName(number);
        return name != null ? name : Integer.toString(number);
    }

    /** strace's printaddr. */
    private static String pointer(long address) {
        return address == 0 ? "NULL" : hex(address);
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** strace's print_clock_t: the ticks, and the seconds they are in a comment when there are any. */
    private static String clock(long ticks) {
        String text = Long.toUnsignedString(ticks);
        if (ticks == 0) {
            return text;
        }
        // as strace: the fraction printed with %.Nf, its "0" replaced by the whole seconds
        double fraction = (double) Long.remainderUnsigned(ticks, CLOCK_TICKS) / CLOCK_TICKS;
        String digits = String.format(Locale.ROOT, "%." + TICK_DIGITS + "f", fraction).substring(1);
        return text + " /* " + Long.divideUnsigned(ticks, CLOCK_TICKS) + digits + " s */";
    }

    /**
     * strace's PRINT_FIELD_SYSCALL_NAME for the native architecture: {@code __NR_name}; for another one (i386) the
     * number, whose name this tracer does not know.
     */
    private static String syscall(int nr, long arch) {
        SyscallTable table = SyscallTable.current();
        if (arch == AUDIT_ARCH_NATIVE && nr >= 0 && nr <= table.maxNumber()) {
            String name = table.name(nr);
            if (table.contains(name)) {
                return "__NR_" + name;
            }
        }
        return Integer.toUnsignedString(nr);
    }
}
