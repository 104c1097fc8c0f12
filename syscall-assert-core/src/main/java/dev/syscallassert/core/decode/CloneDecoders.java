package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * The calls that create a process or thread: clone, clone3, fork, vfork, rendered as strace 6.1 renders them
 * ({@code clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x...)},
 * {@code clone3({flags=..., ...} => {parent_tid=[4242]}, 88)}), with the flags the kernel applies recorded in
 * {@link DecodedCall#cloneFlags}. strace's clone.c. The tids the kernel wrote are filled in at a successful exit; a
 * failed call keeps their addresses, as strace shows them. Stateless; called on the tracer thread.
 */
final class CloneDecoders {

    private static final Xlat CLONE_FLAGS = Constants.group("clone_flags");
    private static final Xlat CLONE3_FLAGS = Constants.group("clone3_flags");
    private static final long CSIGNAL = Constants.value("clone_signal_mask", "CSIGNAL");
    private static final long CLONE_PARENT_SETTID = CLONE_FLAGS.value("CLONE_PARENT_SETTID");
    private static final long CLONE_CHILD_SETTID = CLONE_FLAGS.value("CLONE_CHILD_SETTID");
    private static final long CLONE_CHILD_CLEARTID = CLONE_FLAGS.value("CLONE_CHILD_CLEARTID");
    private static final long CLONE_SETTLS = CLONE_FLAGS.value("CLONE_SETTLS");
    private static final long CLONE_PIDFD = CLONE_FLAGS.value("CLONE_PIDFD");
    private static final long CLONE_INTO_CGROUP = CLONE3_FLAGS.value("CLONE_INTO_CGROUP");

    /** fork() is clone(SIGCHLD) and vfork() clone(CLONE_VM|CLONE_VFORK|SIGCHLD) (kernel/fork.c). */
    private static final long FORK_FLAGS = Constants.value("signal", "SIGCHLD");
    private static final long VFORK_FLAGS = CLONE_FLAGS.value("CLONE_VM") | CLONE_FLAGS.value("CLONE_VFORK")
            | FORK_FLAGS;

    // clone's arguments on x86_64 (strace's ARG_* for a 64-bit tracee): flags, stack, parent tid, child tid, tls.
    private static final int ARG_FLAGS = 0;
    private static final int ARG_STACK = 1;
    private static final int ARG_PTID = 2;
    private static final int ARG_CTID = 3;
    private static final int ARG_TLS = 4;

    private static final StructLayout ARGS = X86_64.CLONE_ARGS;
    private static final int ARGS_SIZE = ARGS.size();
    /** clone3 needs at least the struct up to tls (CLONE_ARGS_SIZE_VER0). */
    private static final int ARGS_MIN = ARGS.offset("tls") + ARGS.size("tls");
    /** strace shows set_tid as an array up to this many pids (the kernel's limit of nested pid namespaces). */
    private static final int MAX_SET_TID = 32;
    private static final int FLAGS_END = ARGS.offset("flags") + ARGS.size("flags");

    private CloneDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "clone" -> SyscallDecoder.of(CloneDecoders::clone, CloneDecoders::cloneExit);
            case "clone3" -> SyscallDecoder.of(CloneDecoders::clone3, CloneDecoders::clone3Exit);
            case "fork" -> SyscallDecoder.of(c -> c.out.cloneFlags = FORK_FLAGS);
            case "vfork" -> SyscallDecoder.of(c -> c.out.cloneFlags = VFORK_FLAGS);
            default -> null;
        };
    }

    private static void clone(ArgumentCursor c) {
        long word = c.args[ARG_FLAGS];
        c.out.cloneFlags = word;
        long flags = word & ~CSIGNAL;
        int signal = (int) (word & CSIGNAL);
        c.add("child_stack=" + StraceText.pointer(c.args[ARG_STACK]));
        String shown = flags == 0 ? SignalText.signal(signal)
                : CLONE_FLAGS.flags(flags, null) + (signal != 0 ? "|" + SignalText.signal(signal) : "");
        c.add("flags=" + shown);
        // The tid pointers and tls are shown after the call, each only when a flag says it is used.
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
            c.add("parent_tid=" + StraceText.pointer(c.args[ARG_PTID]));
        }
        if ((flags & CLONE_SETTLS) != 0) {
            c.add("tls=" + StraceText.pointer(c.args[ARG_TLS]));
        }
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            c.add("child_tidptr=" + StraceText.pointer(c.args[ARG_CTID]));
        }
    }

    /** What the kernel wrote at parent_tid: the child's tid ({@code [4242]}) or, with CLONE_PIDFD, the pidfd. */
    private static void cloneExit(ArgumentCursor c, long ret) {
        long flags = c.args[ARG_FLAGS] & ~CSIGNAL;
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
            c.replace(2, "parent_tid=" + TraceeNumbers.intAt(c.tracee, c.args[ARG_PTID]));
        }
    }

    private static void clone3(ArgumentCursor c) {
        long address = c.args[0];
        long size = c.args[1];
        int fetch = (int) (Long.compareUnsigned(size, ARGS_SIZE) < 0 ? size : ARGS_SIZE);
        byte[] a = Long.compareUnsigned(size, ARGS_MIN) >= 0 ? c.tracee.read(address, fetch) : null;
        c.add(a == null ? StraceText.pointer(address) : cloneArgs(c.tracee, a, fetch));
        // The flags as the struct holds them, even in one too short for the kernel (which then refuses it).
        byte[] flags = Long.compareUnsigned(size, FLAGS_END) >= 0
                ? c.tracee.read(address + ARGS.offset("flags"), ARGS.size("flags")) : null;
        c.out.cloneFlags = flags == null ? null : LittleEndian.get(flags, 0, flags.length);
        c.add(Long.toUnsignedString(size));
    }

    /** {@code {flags=..., child_tid=..., parent_tid=..., exit_signal=..., stack=..., stack_size=..., tls=...}}. */
    private static String cloneArgs(TraceeAccess tracee, byte[] a, int fetched) {
        long flags = get(a, "flags");
        StringBuilder sb = new StringBuilder("{flags=").append(clone3Flags(flags));
        if ((flags & CLONE_PIDFD) != 0) {
            sb.append(", pidfd=").append(StraceText.pointer(get(a, "pidfd")));
        }
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            sb.append(", child_tid=").append(StraceText.pointer(get(a, "child_tid")));
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            sb.append(", parent_tid=").append(StraceText.pointer(get(a, "parent_tid")));
        }
        long exitSignal = get(a, "exit_signal");
        sb.append(", exit_signal=").append(Long.compareUnsigned(exitSignal, Integer.MAX_VALUE) < 0
                ? SignalText.signal((int) exitSignal) : Long.toUnsignedString(exitSignal));
        sb.append(", stack=").append(StraceText.pointer(get(a, "stack")))
                .append(", stack_size=").append(StraceText.hex(get(a, "stack_size")));
        if ((flags & CLONE_SETTLS) != 0) {
            sb.append(", tls=").append(StraceText.pointer(get(a, "tls")));
        }
        long setTid = get(a, "set_tid");
        long setTidSize = get(a, "set_tid_size");
        if (setTid != 0 || setTidSize != 0) {
            sb.append(", set_tid=").append(setTid == 0 || setTidSize == 0
                    || Long.compareUnsigned(setTidSize, MAX_SET_TID) > 0 ? StraceText.pointer(setTid)
                    : TraceeArrays.render(tracee, setTid, setTidSize, Integer.BYTES,
                            (out, b) -> {
                                out.append((int) LittleEndian.u32(b, 0));
                                return true;
                            }));
            sb.append(", set_tid_size=").append(Long.toUnsignedString(setTidSize));
        }
        if (fetched > ARGS.offset("cgroup") && (get(a, "cgroup") != 0 || (flags & CLONE_INTO_CGROUP) != 0)) {
            sb.append(", cgroup=").append(Long.toUnsignedString(get(a, "cgroup")));
        }
        return sb.append('}').toString();
    }

    /** After a successful clone3: what the kernel wrote, {@code => {parent_tid=[4242]}} (and the pidfd). */
    private static void clone3Exit(ArgumentCursor c, long ret) {
        long size = c.args[1];
        int fetch = (int) (Long.compareUnsigned(size, ARGS_SIZE) < 0 ? size : ARGS_SIZE);
        byte[] a = Long.compareUnsigned(size, ARGS_MIN) >= 0 ? c.tracee.read(c.args[0], fetch) : null;
        if (a == null) {
            return;
        }
        long flags = get(a, "flags");
        StringBuilder changed = new StringBuilder();
        if ((flags & CLONE_PIDFD) != 0) {
            changed.append("pidfd=").append(TraceeNumbers.intAt(c.tracee, get(a, "pidfd")));
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            changed.append(changed.length() > 0 ? ", " : "").append("parent_tid=")
                    .append(TraceeNumbers.intAt(c.tracee, get(a, "parent_tid")));
        }
        if (changed.length() > 0) {
            c.replace(0, c.out.renderedArgs[0] + " => {" + changed + "}");
        }
    }

    /** strace prints clone3's flags from both tables: the clone flags first, then the clone3-only ones. */
    private static String clone3Flags(long flags) {
        return flags == 0 ? "0" : Xlats.flagsOf(flags, "CLONE_???", CLONE_FLAGS, CLONE3_FLAGS);
    }

    private static long get(byte[] a, String field) {
        int offset = ARGS.offset(field);
        int size = ARGS.size(field);
        return offset + size <= a.length ? LittleEndian.get(a, offset, size) : 0;
    }
}
