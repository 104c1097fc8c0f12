package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Signal calls: dispositions (rt_sigaction), masks (rt_sigprocmask, rt_sigsuspend, rt_sigpending, rt_sigtimedwait),
 * the return from a handler (rt_sigreturn, whose mask strace reads from the signal frame on the stack), alternate
 * stacks, and sending (kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo). strace's signal.c and
 * sigaltstack.c. Stateless; called on the tracer thread.
 */
final class SignalDecoders {

    private static final Xlat SIGACT_FLAGS = Constants.group("sigact_flags");
    private static final long SA_RESTORER = SIGACT_FLAGS.value("SA_RESTORER");

    private static final int SIGACTION_SIZE = X86_64.KERNEL_SIGACTION.size();
    private static final StructRenderers.Field SA_HANDLER = field(X86_64.KERNEL_SIGACTION, "sa_handler");
    private static final StructRenderers.Field SA_FLAGS = field(X86_64.KERNEL_SIGACTION, "sa_flags");
    private static final StructRenderers.Field SA_RESTORER_FIELD = field(X86_64.KERNEL_SIGACTION, "sa_restorer");
    private static final int SA_MASK = X86_64.KERNEL_SIGACTION.offset("sa_mask");

    /** The signal frame starts one return address below the stack pointer rt_sigreturn is entered with. */
    private static final int FRAME_BELOW_SP = X86_64.RT_SIGFRAME.size("pretcode");
    private static final int FRAME_MASK = X86_64.RT_SIGFRAME.offset("uc.uc_sigmask");

    private static final int STACK_T_SIZE = X86_64.STACK_T.size();
    private static final StructRenderers.Field SS_SP = field(X86_64.STACK_T, "ss_sp");
    private static final StructRenderers.Field SS_FLAGS = field(X86_64.STACK_T, "ss_flags");
    private static final StructRenderers.Field SS_SIZE = field(X86_64.STACK_T, "ss_size");

    private SignalDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "rt_sigaction" -> SyscallDecoder.of(c -> {
                c.add(SignalText.signal(c.int32(0)));
                c.add(sigaction(c.tracee, c.args[1]));
                c.pointer(2).unsigned(3);
            }, (c, ret) -> c.replace(2, sigaction(c.tracee, c.args[2])));
            case "rt_sigprocmask" -> SyscallDecoder.of(c -> {
                c.add(Constants.group("sigprocmaskcmds").valueOrUnknown(c.args[0] & 0xffffffffL, "SIG_"));
                c.add(SignalText.maskAt(c.tracee, c.args[1], c.args[3]));
                c.pointer(2).unsigned(3);
            }, (c, ret) -> c.replace(2, SignalText.maskAt(c.tracee, c.args[2], c.args[3])));
            case "rt_sigsuspend" -> SyscallDecoder.of(c -> {
                c.add(SignalText.maskAt(c.tracee, c.args[0], c.args[1]));
                c.unsigned(1);
            });
            // The kernel lets sigpending's set be shorter than a word (old sigpending shares the code): length 1 up.
            case "rt_sigpending" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1),
                    (c, ret) -> c.replace(0, SignalText.maskAt(c.tracee, c.args[0], c.args[1], 1)));
            case "rt_sigtimedwait" -> SyscallDecoder.of(c -> {
                c.add(SignalText.maskAt(c.tracee, c.args[0], c.args[3]));
                c.pointer(1);
                c.add(TimeStructs.timespec(c.tracee, c.args[2]));
                c.unsigned(3);
            }, (c, ret) -> {
                if (ret > 0 && SignalText.name((int) ret) != null) {
                    c.annotateReturn("(" + SignalText.name((int) ret) + ")");
                }
            });
            case "rt_sigreturn" -> SyscallDecoder.of(c -> {
                long sp = c.tracee.stackPointer();
                if (sp != 0) {
                    long mask = sp - FRAME_BELOW_SP + FRAME_MASK;
                    c.add("{mask=" + SignalText.maskAt(c.tracee, mask, SignalText.NSIG_BYTES) + "}");
                }
            });
            case "sigaltstack" -> SyscallDecoder.of(c -> {
                c.add(stack(c.tracee, c.args[0]));
                c.pointer(1);
            }, (c, ret) -> c.replace(1, stack(c.tracee, c.args[1])));

            // pids in decimal (strace's printpid without -Y), the signal by name.
            case "kill", "tkill" -> SyscallDecoder.of(c -> c.int32Arg(0).add(SignalText.signal(c.int32(1))));
            case "tgkill" -> SyscallDecoder.of(c -> c.int32Arg(0).int32Arg(1).add(SignalText.signal(c.int32(2))));
            default -> null;
        };
    }

    /** struct sigaction: handler, mask, flags, and the restorer when SA_RESTORER says there is one. */
    static String sigaction(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, SIGACTION_SIZE, SignalDecoders::sigactionOf);
    }

    private static String sigactionOf(byte[] b) {
        long flags = SA_FLAGS.of(b);
        StringBuilder sb = new StringBuilder("{sa_handler=").append(SignalText.handler(SA_HANDLER.of(b)))
                .append(", sa_mask=").append(SignalText.mask(b, SA_MASK, SignalText.NSIG_BYTES))
                .append(", sa_flags=").append(SIGACT_FLAGS.flags(flags, null));
        if ((flags & SA_RESTORER) != 0) {
            sb.append(", sa_restorer=").append(StraceText.pointer(SA_RESTORER_FIELD.of(b)));
        }
        return sb.append('}').toString();
    }

    /** stack_t: {@code {ss_sp=0x..., ss_flags=SS_DISABLE, ss_size=65536}}. */
    private static String stack(TraceeAccess tracee, long address) {
        return Pointee.render(tracee, address, STACK_T_SIZE, SignalDecoders::stackOf);
    }

    private static String stackOf(byte[] b) {
        return "{ss_sp=" + StraceText.pointer(SS_SP.of(b))
                + ", ss_flags=" + Constants.group("sigaltstack_flags").flags(SS_FLAGS.of(b), null)
                + ", ss_size=" + Long.toUnsignedString(SS_SIZE.of(b)) + "}";
    }

    private static StructRenderers.Field field(StructLayout layout, String name) {
        return new StructRenderers.Field(layout, name);
    }
}
