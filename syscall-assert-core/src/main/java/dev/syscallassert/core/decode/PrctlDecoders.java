package dev.syscallassert.core.decode;

import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

import java.util.HashMap;
import java.util.Map;

/**
 * prctl and arch_prctl, each option with the arguments strace 6.1 prints for it (strace's prctl.c): the option by
 * name, then only the arguments the option takes, decoded ({@code prctl(PR_SET_NAME, "java")},
 * {@code prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN)}), an output argument after the call ({@code [SIGTERM]}), and the
 * return annotated where strace annotates it ({@code 1 (SUID_DUMP_USER)}). An option strace has no special form for
 * shows its remaining arguments in hex. Stateless; called on the tracer thread.
 */
final class PrctlDecoders {

    private static final Xlat OPTIONS = Constants.group("prctl_options");
    private static final Xlat ARCH = Constants.group("archvals");
    /** prctl takes five arguments (strace's table), the option and four. */
    private static final int ARGS = 5;

    private PrctlDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "prctl" -> SyscallDecoder.of(c -> {
                long option = c.args[0] & 0xffffffffL;
                c.add(OPTIONS.valueOrUnknown(option, "PR_"));
                Options.of(option).entry(c);
            }, (c, ret) -> Options.of(c.args[0] & 0xffffffffL).exit(c, ret));
            case "arch_prctl" -> SyscallDecoder.of(c -> {
                long option = c.args[0] & 0xffffffffL;
                c.add(ARCH.valueOrUnknown(option, "ARCH_"));
                if (option == ARCH.value("ARCH_GET_CPUID")) {
                    return;
                }
                boolean get = option == ARCH.value("ARCH_GET_FS") || option == ARCH.value("ARCH_GET_GS");
                c.add(get ? StraceText.pointer(c.args[1]) : StraceText.hex(c.args[1]));
            }, (c, ret) -> {
                long option = c.args[0] & 0xffffffffL;
                if (option == ARCH.value("ARCH_GET_FS") || option == ARCH.value("ARCH_GET_GS")) {
                    c.replace(1, TraceeNumbers.pointerAt(c.tracee, c.args[1]));
                }
            });
            default -> null;
        };
    }

    private static void hexFrom(ArgumentCursor c, int first) {
        for (int i = first; i < ARGS; i++) {
            c.hexArg(i);
        }
    }

    /**
     * prctl's option table, built on the first prctl decoded: its decoders are about 40 lambdas, which arch_prctl
     * (a call every program makes) does not need. The JVM's class initialisation makes it safe to publish.
     */
    private static final class Options {

        private static final Xlat DUMPABLE = Constants.group("pr_dumpable");
        private static final Xlat CAPS = Constants.group("cap");
        private static final Xlat AMBIENT = Constants.group("pr_cap_ambient");
        private static final Xlat MCE_KILL = Constants.group("pr_mce_kill");
        private static final Xlat MCE_POLICY = Constants.group("pr_mce_kill_policy");
        private static final Xlat SPEC_CMDS = Constants.group("pr_spec_cmds");
        private static final Xlat SECBITS = Constants.group("secbits");
        /** strace shows PR_SET_PDEATHSIG's argument as a number above this (kernel: valid_signal() up to _NSIG). */
        private static final int PDEATHSIG_MAX = 128;

        /** strace's print_prctl_args(tcp, 1): every argument after the option in hex. */
        private static final SyscallDecoder REST_IN_HEX = SyscallDecoder.of(c -> hexFrom(c, 1));
        private static final SyscallDecoder OPTION_ONLY = SyscallDecoder.of(c -> { });

        /** What an option prints, by option value; options without an entry print their arguments in hex. */
        private static final Map<Long, SyscallDecoder> BY_OPTION = new HashMap<>();

        static {
            byOption();
        }

        private Options() {
        }

        static SyscallDecoder of(long option) {
            SyscallDecoder d = BY_OPTION.get(option);
            return d != null ? d : REST_IN_HEX;
        }

        private static void on(String option, SyscallDecoder decoder) {
            BY_OPTION.put(OPTIONS.value(option), decoder);
        }

        private static void on(SyscallDecoder decoder, String... options) {
            for (String option : options) {
                on(option, decoder);
            }
        }

        private static void byOption() {
            on(OPTION_ONLY, "PR_GET_KEEPCAPS", "PR_GET_SECCOMP", "PR_GET_TIMERSLACK", "PR_GET_TIMING",
                    "PR_TASK_PERF_EVENTS_DISABLE", "PR_TASK_PERF_EVENTS_ENABLE");
            on(SyscallDecoder.of(c -> c.pointer(1),
                    (c, ret) -> c.replace(1, TraceeNumbers.intAt(c.tracee, c.args[1], Long::toString))),
                    "PR_GET_CHILD_SUBREAPER", "PR_GET_ENDIAN", "PR_GET_FPEMU", "PR_GET_FPEXC");
            on("PR_GET_DUMPABLE", SyscallDecoder.of(c -> { }, (c, ret) -> annotate(c, DUMPABLE.name(ret))));
            on("PR_GET_NAME", SyscallDecoder.of(c -> c.pointer(1), (c, ret) -> c.replace(1,
                    TraceeStrings.cstring(c.tracee, c.args[1], ProcFs.TASK_COMM_LEN))));
            on("PR_GET_PDEATHSIG", SyscallDecoder.of(c -> c.pointer(1), (c, ret) -> c.replace(1,
                    TraceeNumbers.intAt(c.tracee, c.args[1], v -> SignalText.signal((int) v)))));
            on("PR_GET_SECUREBITS", SyscallDecoder.of(c -> { }, (c, ret) -> hexFlags(c, ret, SECBITS)));
            on("PR_GET_TID_ADDRESS", SyscallDecoder.of(c -> c.pointer(1),
                    (c, ret) -> c.replace(1, TraceeNumbers.pointerAt(c.tracee, c.args[1]))));
            on("PR_GET_TSC", SyscallDecoder.of(c -> c.pointer(1), (c, ret) -> c.replace(1, TraceeNumbers.intAt(c.tracee,
                    c.args[1], v -> Constants.group("pr_tsc").valueOrUnknown(v, "PR_TSC_")))));
            on("PR_GET_UNALIGN", SyscallDecoder.of(c -> c.pointer(1), (c, ret) -> c.replace(1, TraceeNumbers.intAt(
                    c.tracee, c.args[1], v -> Constants.group("pr_unalign_flags").flags(v, null)))));
            on("PR_GET_FP_MODE", SyscallDecoder.of(c -> { },
                    (c, ret) -> hexFlags(c, ret, Constants.group("pr_fp_mode"))));
            on("PR_GET_SPECULATION_CTRL", SyscallDecoder.of(c -> c.add(SPEC_CMDS.valueOrUnknown(c.args[1], "PR_SPEC_")),
                    (c, ret) -> {
                        if (SPEC_CMDS.name(c.args[1]) != null) {
                            hexFlags(c, ret, Constants.group("pr_spec_get_store_bypass_flags"));
                        }
                    }));
            on(SyscallDecoder.of(c -> c.unsigned(1)), "PR_SET_CHILD_SUBREAPER", "PR_SET_ENDIAN", "PR_SET_FPEMU",
                    "PR_SET_FPEXC", "PR_SET_KEEPCAPS", "PR_SET_TIMING");
            on("PR_SET_DUMPABLE", SyscallDecoder.of(c -> c.add(DUMPABLE.valueOrUnknown(c.args[1], "SUID_DUMP_"))));
            on(SyscallDecoder.of(c -> c.add(CAPS.valueOrUnknown(c.args[1], "CAP_"))),
                    "PR_CAPBSET_DROP", "PR_CAPBSET_READ");
            on("PR_CAP_AMBIENT", SyscallDecoder.of(c -> {
                c.add(AMBIENT.valueOrUnknown(c.args[1], "PR_CAP_AMBIENT_"));
                String sub = AMBIENT.name(c.args[1]);
                if ("PR_CAP_AMBIENT_RAISE".equals(sub) || "PR_CAP_AMBIENT_LOWER".equals(sub)
                        || "PR_CAP_AMBIENT_IS_SET".equals(sub)) {
                    c.add(CAPS.valueOrUnknown(c.args[2], "CAP_"));
                    hexFrom(c, 3);
                } else {
                    hexFrom(c, 2);
                }
            }));
            on("PR_MCE_KILL", SyscallDecoder.of(c -> {
                c.add(MCE_KILL.valueOrUnknown(c.args[1], "PR_MCE_KILL_"));
                c.add(c.args[1] == MCE_KILL.value("PR_MCE_KILL_SET")
                        ? MCE_POLICY.valueOrUnknown(c.args[2], "PR_MCE_KILL_") : StraceText.hex(c.args[2]));
                hexFrom(c, 3);
            }));
            on("PR_MCE_KILL_GET", SyscallDecoder.of(c -> hexFrom(c, 1), (c, ret) -> annotate(c, MCE_POLICY.name(ret))));
            on("PR_SET_NAME", SyscallDecoder.of(c -> c.add(
                    TraceeStrings.cstring(c.tracee, c.args[1], ProcFs.TASK_COMM_LEN - 1))));
            on("PR_SET_VMA", SyscallDecoder.of(c -> {
                Xlat vma = Constants.group("pr_set_vma");
                c.add(vma.valueOrUnknown(c.args[1], "PR_SET_VMA_"));
                if (c.args[1] == vma.value("PR_SET_VMA_ANON_NAME")) {
                    c.pointer(2).unsigned(3);
                    c.add(TraceeStrings.cstring(c.tracee, c.args[4]));
                } else {
                    hexFrom(c, 2);
                }
            }));
            on("PR_SET_MM", SyscallDecoder.of(c -> {
                c.add(Constants.group("pr_set_mm").valueOrUnknown(c.args[1] & 0xffffffffL, "PR_SET_MM_"));
                hexFrom(c, 2);
            }));
            on("PR_SET_PDEATHSIG", SyscallDecoder.of(c -> c.add(Long.compareUnsigned(c.args[1], PDEATHSIG_MAX) > 0
                    ? Long.toUnsignedString(c.args[1]) : SignalText.signal((int) c.args[1]))));
            on("PR_SET_PTRACER", SyscallDecoder.of(c -> c.add(c.int32(1) == -1 ? "PR_SET_PTRACER_ANY"
                    : Integer.toString(c.int32(1)))));
            on("PR_SET_SECUREBITS", SyscallDecoder.of(c -> c.add(SECBITS.flags(c.args[1], null))));
            on("PR_SET_TIMERSLACK", SyscallDecoder.of(c -> c.signed(1)));
            on("PR_SET_TSC", SyscallDecoder.of(c -> c.add(Constants.group("pr_tsc")
                    .valueOrUnknown(c.args[1] & 0xffffffffL, "PR_TSC_"))));
            on("PR_SET_UNALIGN", SyscallDecoder.of(c -> c.flags(1, "pr_unalign_flags", null)));
            on(SyscallDecoder.of(c -> {
                c.unsigned(1);
                hexFrom(c, 2);
            }), "PR_SET_NO_NEW_PRIVS", "PR_SET_THP_DISABLE", "PR_SET_IO_FLUSHER");
            on("PR_SET_FP_MODE", SyscallDecoder.of(c -> c.flags(1, "pr_fp_mode", null)));
            on("PR_SET_SPECULATION_CTRL", SyscallDecoder.of(c -> {
                c.add(SPEC_CMDS.valueOrUnknown(c.args[1], "PR_SPEC_"));
                c.add(SPEC_CMDS.name(c.args[1]) != null ? Constants.group("pr_spec_set_store_bypass_flags")
                        .valueOrUnknown(c.args[2], "PR_SPEC_") : StraceText.hex(c.args[2]));
            }));
            on("PR_SET_SYSCALL_USER_DISPATCH", SyscallDecoder.of(c -> {
                c.add(Constants.group("pr_sud_cmds").valueOrUnknown(c.args[1], "PR_SYS_DISPATCH_"));
                c.hexArg(2).hexArg(3).pointer(4);
            }));
            on("PR_SET_SECCOMP", SyscallDecoder.of(c -> {
                Xlat modes = Constants.group("seccomp_mode");
                c.add(modes.valueOrUnknown(c.args[1], "SECCOMP_MODE_"));
                if (c.args[1] == modes.value("SECCOMP_MODE_FILTER")) {
                    // strace decodes the BPF program here; shown as its address until a BPF printer exists.
                    c.pointer(2);
                } else if (c.args[1] != modes.value("SECCOMP_MODE_STRICT")) {
                    hexFrom(c, 2);
                }
            }));
        }
    }

    /** strace's RVAL_STR: the value, then the name in parentheses when there is one. */
    private static void annotate(ArgumentCursor c, String name) {
        if (name != null) {
            c.annotateReturn("(" + name + ")");
        }
    }

    /** strace's RVAL_HEX | RVAL_STR for a flag word: {@code 0x3 (SECBIT_NOROOT|SECBIT_NOROOT_LOCKED)}; 0 stays 0. */
    private static void hexFlags(ArgumentCursor c, long ret, Xlat flags) {
        if (ret != 0) {
            c.out.renderedReturn = StraceText.hex(ret) + " (" + flags.flags(ret, null) + ")";
        }
    }
}
