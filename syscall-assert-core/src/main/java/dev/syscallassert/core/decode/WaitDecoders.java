package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Reaping children: wait4 (the status as strace's macro form, {@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]}) and
 * waitid. strace's wait.c. waitid's siginfo is shown as its address for now (strace prints the struct). Stateless;
 * called on the tracer thread.
 */
final class WaitDecoders {

    private static final Xlat OPTIONS = Constants.group("wait4_options");
    private static final Xlat ID_TYPES = Constants.group("waitid_types");
    private static final Xlat PTRACE_EVENTS = Constants.group("ptrace_events");
    private static final int WCOREFLAG = Constants.intValue("wait4_status", "WCOREFLAG");
    private static final int W_CONTINUED = Constants.intValue("wait4_status", "__W_CONTINUED");
    /** The low byte of a stopped child's status (W_STOPCODE(0)); a terminating signal is never this. */
    private static final int STOPPED_MARK = Constants.intValue("wait4_status", "W_STOPCODE(0)");
    /** The stop signal of a ptrace syscall stop carries this bit (PTRACE_O_TRACESYSGOOD); strace shows it apart. */
    private static final int SYSGOOD_BIT = WaitStatus.SYSCALL_STOP ^ Signals.SIGTRAP;
    /** A ptrace event sits above the 16 bits the macros read (ptrace(2): status >> 16 == PTRACE_EVENT_foo). */
    private static final int EVENT_SHIFT = 16;
    private static final int WAIT_STATUS_SIZE = Integer.BYTES;

    private WaitDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "wait4" -> SyscallDecoder.of(c -> {
                c.int32Arg(0).pointer(1);
                c.add(OPTIONS.flags(c.args[2] & 0xffffffffL, null));
                c.pointer(3);
            }, (c, ret) -> {
                if (ret != 0) {
                    c.replace(1, statusAt(c.tracee, c.args[1]));
                }
                if (ret > 0) {
                    c.replace(3, ResourceDecoders.rusage(c.tracee, c.args[3]));
                }
            });
            case "waitid" -> SyscallDecoder.of(c -> {
                c.add(ID_TYPES.valueOrUnknown(c.args[0] & 0xffffffffL, "P_"));
                c.int32Arg(1).pointer(2);
                c.add(OPTIONS.flags(c.args[3] & 0xffffffffL, null));
                c.pointer(4);
            }, (c, ret) -> c.replace(4, ResourceDecoders.rusage(c.tracee, c.args[4])));
            default -> null;
        };
    }

    private static String statusAt(TraceeAccess tracee, long address) {
        if (address == 0) {
            return "NULL";
        }
        byte[] b = tracee.read(address, WAIT_STATUS_SIZE);
        return b == null ? StraceText.hex(address) : "[" + status((int) LittleEndian.u32(b, 0)) + "]";
    }

    /** strace's printstatus: what the sys/wait.h macros say, then any bits they do not explain. */
    static String status(int status) {
        StringBuilder sb = new StringBuilder();
        int rest = status;
        if (WaitStatus.stopped(status)) {
            int sig = WaitStatus.stopSignal(status);
            sb.append("{WIFSTOPPED(s) && WSTOPSIG(s) == ").append(SignalText.signal(sig & ~SYSGOOD_BIT))
                    .append((sig & SYSGOOD_BIT) != 0 ? " | " + StraceText.hex(SYSGOOD_BIT) : "").append('}');
            rest &= ~(sig << 8 | STOPPED_MARK);
        } else if (!WaitStatus.exited(status) && WaitStatus.termSignal(status) != STOPPED_MARK) {
            int sig = WaitStatus.termSignal(status);
            sb.append("{WIFSIGNALED(s) && WTERMSIG(s) == ").append(SignalText.signal(sig))
                    .append((status & WCOREFLAG) != 0 ? " && WCOREDUMP(s)" : "").append('}');
            rest &= ~(sig | WCOREFLAG);
        } else if (WaitStatus.exited(status)) {
            int code = WaitStatus.exitStatus(status);
            sb.append("{WIFEXITED(s) && WEXITSTATUS(s) == ").append(code).append('}');
            rest &= ~(code << 8);
        } else if (status == W_CONTINUED) {
            sb.append("{WIFCONTINUED(s)}");
            rest &= ~W_CONTINUED;
        } else {
            return StraceText.hex(status & 0xffffffffL);
        }
        if (rest != 0) {
            int event = rest >>> EVENT_SHIFT;
            if (event != 0) {
                sb.append('|').append(PTRACE_EVENTS.valueOrUnknown(event, "PTRACE_EVENT_")).append("<<")
                        .append(EVENT_SHIFT);
                rest &= (1 << EVENT_SHIFT) - 1;
            }
            if (rest != 0) {
                sb.append('|').append(StraceText.hex(rest & 0xffffffffL));
            }
        }
        return sb.toString();
    }
}
