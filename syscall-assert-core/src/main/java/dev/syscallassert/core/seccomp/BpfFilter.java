package dev.syscallassert.core.seccomp;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the classic-BPF seccomp program that makes only the selected syscalls stop for the tracer
 * (SECCOMP_RET_TRACE) and lets every other run at native speed (SECCOMP_RET_ALLOW): strace's --seccomp-bpf scheme.
 * Numbers are searched with a balanced tree of comparisons so that an unselected syscall costs a handful of
 * instructions whatever the selection's size.
 */
public final class BpfFilter {
    public static final int SECCOMP_RET_ALLOW = (int) Constants.value("seccomp_ret", "SECCOMP_RET_ALLOW");
    public static final int SECCOMP_RET_TRACE = (int) Constants.value("seccomp_ret", "SECCOMP_RET_TRACE");

    private static final short BPF_LD_W_ABS = bpf("BPF_LD", "BPF_W", "BPF_ABS");
    private static final short BPF_JEQ_K = bpf("BPF_JMP", "BPF_JEQ", "BPF_K");
    private static final short BPF_JGE_K = bpf("BPF_JMP", "BPF_JGE", "BPF_K");
    private static final short BPF_JA = bpf("BPF_JMP", "BPF_JA");
    private static final short BPF_RET_K = bpf("BPF_RET", "BPF_K");
    private static final int SECCOMP_DATA_NR = X86_64.SECCOMP_DATA.offset("nr");
    private static final int SECCOMP_DATA_ARCH = X86_64.SECCOMP_DATA.offset("arch");
    /** args[0]'s low 32 bits (little-endian): an int argument such as socket's domain. */
    private static final int SECCOMP_DATA_ARG0 = X86_64.SECCOMP_DATA.offset("args");
    private static final int NR_SOCKET = dev.syscallassert.core.syscalls.SyscallTable.current().requireNumber("socket");

    /** An opcode as linux/bpf_common.h composes it: the OR of its class, size/operation and source parts. */
    private static short bpf(String... parts) {
        int code = 0;
        for (String part : parts) {
            code |= Constants.intValue("bpf", part);
        }
        return (short) code;
    }

    private BpfFilter() {
    }

    /** One instruction: code u16, jt u8, jf u8, k u32 (struct sock_filter). */
    private record Insn(short code, int jt, int jf, int k) {
    }

    /**
     * The filter program, as the bytes of a {@code struct sock_filter[]}, for the given syscall numbers.
     */
    public static byte[] program(int[] tracedNumbers) {
        return program(tracedNumbers, new int[0]);
    }

    /**
     * The filter program for the given syscall numbers, and also for socket() calls of these domains only (deny mode
     * without an allow-list: the tracer sees an internet socket being made, and no other socket() call stops). With
     * socket among {@code tracedNumbers}, every socket() call stops anyway.
     */
    public static byte[] program(int[] tracedNumbers, int[] socketDomains) {
        int[] nrs = Arrays.stream(tracedNumbers).distinct().sorted().toArray();
        List<Insn> out = new ArrayList<>();
        out.add(new Insn(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_ARCH));       // A = arch
        out.add(new Insn(BPF_JEQ_K, 1, 0, X86_64.AUDIT_ARCH));          // x86_64? skip the allow
        out.add(new Insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW));          // i386 or other ABI: not ours to decode
        out.add(new Insn(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_NR));         // A = nr
        // x32 syscalls carry this bit in the number; they use another table, so they are let through untraced
        out.add(new Insn(BPF_JGE_K, 0, 1, X86_64.X32_SYSCALL_BIT));
        out.add(new Insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW));          // x32 ABI
        if (socketDomains.length > 0 && Arrays.binarySearch(nrs, NR_SOCKET) < 0) {
            emitSocketDomains(socketDomains, out);
        }
        emitSearch(nrs, 0, nrs.length, out);
        if (out.size() > 4096) {
            throw new IllegalStateException("seccomp filter too long: " + out.size() + " instructions");
        }
        StructLayout insn = X86_64.SOCK_FILTER;
        byte[] program = new byte[out.size() * insn.size()];
        for (int n = 0; n < out.size(); n++) {
            Insn i = out.get(n);
            int at = n * insn.size();
            LittleEndian.put16(program, at + insn.offset("code"), i.code);
            program[at + insn.offset("jt")] = (byte) i.jt;
            program[at + insn.offset("jf")] = (byte) i.jf;
            LittleEndian.put32(program, at + insn.offset("k"), i.k);
        }
        return program;
    }

    /**
     * "socket()? then stop only for these domains": A still holds the number for every other call, which jumps past
     * this block to the search.
     */
    private static void emitSocketDomains(int[] domains, List<Insn> out) {
        int n = domains.length;
        out.add(new Insn(BPF_JEQ_K, 0, n + 3, NR_SOCKET));
        out.add(new Insn(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_ARG0));        // A = domain
        for (int i = 0; i < n; i++) {
            out.add(new Insn(BPF_JEQ_K, n - i, 0, domains[i]));
        }
        out.add(new Insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW));
        out.add(new Insn(BPF_RET_K, 0, 0, SECCOMP_RET_TRACE));
    }

    /**
     * Emits a binary search over nrs[lo, hi). A leaf is "jeq n1..nk -> its own ret TRACE, else ret ALLOW", so every
     * conditional jump stays short; an interior node is "jge mid ? ja right : left", the 32-bit ja covering any size.
     */
    private static void emitSearch(int[] nrs, int lo, int hi, List<Insn> out) {
        if (hi - lo <= 6) {
            int n = hi - lo;
            for (int i = 0; i < n; i++) {
                out.add(new Insn(BPF_JEQ_K, n - i, 0, nrs[lo + i]));
            }
            out.add(new Insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW));
            out.add(new Insn(BPF_RET_K, 0, 0, SECCOMP_RET_TRACE));
            return;
        }
        int mid = (lo + hi) >>> 1;
        out.add(new Insn(BPF_JGE_K, 0, 1, nrs[mid]));
        int ja = out.size();
        out.add(null);
        emitSearch(nrs, lo, mid, out);
        out.set(ja, new Insn(BPF_JA, 0, 0, out.size() - ja - 1));
        emitSearch(nrs, mid, hi, out);
    }

}
