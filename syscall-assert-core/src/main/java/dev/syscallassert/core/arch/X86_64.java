package dev.syscallassert.core.arch;

import dev.syscallassert.core.xlat.Constants;

import java.util.Map;

/**
 * The facts of the x86_64 Linux ABI that the tracer and the decoders depend on, in one place (strace keeps them in
 * {@code linux/x86_64/}): register offsets in {@code user_regs_struct}, the {@code ptrace_syscall_info} layout, the
 * length of the {@code syscall} instruction, the audit architecture a seccomp filter checks, and the layouts of the
 * structs decoders read. The offsets come from the generated table {@code x86_64.tsv} (offsetof over the real
 * headers); a second architecture is one class like this plus its table. Immutable, so any thread may read it.
 */
public final class X86_64 {
    private X86_64() {
    }

    private static final Map<String, StructLayout> LAYOUTS = StructLayout.load("x86_64.tsv");

    /** The name the syscall tables use for this architecture. */
    public static final String NAME = "x86_64";

    /** seccomp_data.arch of a native x86_64 syscall (i386 and x32 calls carry other values or the x32 bit). */
    public static final int AUDIT_ARCH = (int) Constants.value("audit_arch", "AUDIT_ARCH_X86_64");

    /** The bit x32-ABI syscall numbers carry; they index another table. */
    public static final int X32_SYSCALL_BIT = Constants.intValue("x32", "__X32_SYSCALL_BIT");

    /**
     * Bytes of the {@code syscall} instruction ({@code 0f 05}). At a syscall stop rip points just past it, so
     * rewinding rip by this much makes the tracee execute it again (how the tracer injects a call). Not in any
     * header: it is the instruction's encoding.
     */
    public static final int SYSCALL_INSTRUCTION_LENGTH = 2;

    /** struct user_regs_struct, the buffer of PTRACE_GETREGS/SETREGS. */
    public static final StructLayout USER_REGS = layout("user_regs_struct");
    public static final int REGS_SIZE = USER_REGS.size();
    /** The syscall's return value at an exit stop; the syscall number on the way in. */
    public static final int REG_RAX = USER_REGS.offset("rax");
    /** The syscall number as the kernel dispatches it: -1 cancels the call at an entry stop. */
    public static final int REG_ORIG_RAX = USER_REGS.offset("orig_rax");
    public static final int REG_RIP = USER_REGS.offset("rip");
    /** Syscall arguments 0, 1, 2, 3, 4 (argument 5 is r9, which the tracer never sets). */
    public static final int REG_ARG0 = USER_REGS.offset("rdi");
    public static final int REG_ARG1 = USER_REGS.offset("rsi");
    public static final int REG_ARG2 = USER_REGS.offset("rdx");
    public static final int REG_ARG3 = USER_REGS.offset("r10");
    public static final int REG_ARG4 = USER_REGS.offset("r8");

    /** struct ptrace_syscall_info, the answer of PTRACE_GET_SYSCALL_INFO. */
    public static final StructLayout SYSCALL_INFO = layout("ptrace_syscall_info");
    public static final int SYSCALL_INFO_SIZE = SYSCALL_INFO.size();
    public static final int SYSCALL_INFO_OP = SYSCALL_INFO.offset("op");
    public static final int SYSCALL_INFO_NR = SYSCALL_INFO.offset("entry.nr");
    public static final int SYSCALL_INFO_ARGS = SYSCALL_INFO.offset("entry.args");
    public static final int SYSCALL_INFO_RVAL = SYSCALL_INFO.offset("exit.rval");
    public static final int SYSCALL_INFO_IS_ERROR = SYSCALL_INFO.offset("exit.is_error");

    /**
     * The page size process_vm_readv works in: it does not split one iovec across an unmapped page, so strings are
     * read a page at a time. x86_64's base page is 4 KiB (not in any user-space header: the kernel's
     * asm/page_types.h); huge pages do not matter, since a huge page is never partly mapped.
     */
    public static final int PAGE_SIZE = 4096;

    // Read by the signal, process, time, resource and socket-option decoders.
    /** What rt_sigreturn finds on the stack: the return address, then the saved ucontext with the signal mask. */
    public static final StructLayout RT_SIGFRAME = layout("rt_sigframe");
    public static final StructLayout STACK_T = layout("stack_t");
    public static final StructLayout KERNEL_OLD_ITIMERVAL = layout("kernel_old_itimerval");
    public static final StructLayout TIMEZONE = layout("timezone");
    public static final StructLayout SYSINFO = layout("sysinfo");
    public static final StructLayout UTSNAME = layout("utsname");
    public static final StructLayout LINGER = layout("linger");
    public static final StructLayout UCRED = layout("ucred");
    public static final StructLayout CMSGHDR = layout("cmsghdr");
    public static final StructLayout MMSGHDR = layout("mmsghdr");
    public static final StructLayout IN_PKTINFO = layout("in_pktinfo");
    public static final StructLayout SOCKADDR_NL = layout("sockaddr_nl");
    public static final StructLayout SOCKADDR_LL = layout("sockaddr_ll");

    public static final StructLayout MSGHDR = layout("msghdr");
    public static final StructLayout IOVEC = layout("iovec");
    public static final StructLayout STAT = layout("stat");
    public static final StructLayout STATX = layout("statx");
    public static final StructLayout OPEN_HOW = layout("open_how");
    public static final StructLayout CLONE_ARGS = layout("clone_args");
    public static final StructLayout SOCK_FPROG = layout("sock_fprog");
    public static final StructLayout SOCK_FILTER = layout("sock_filter");
    public static final StructLayout SECCOMP_DATA = layout("seccomp_data");
    public static final StructLayout SOCKADDR = layout("sockaddr");
    public static final StructLayout SOCKADDR_STORAGE = layout("sockaddr_storage");
    public static final StructLayout SOCKADDR_IN = layout("sockaddr_in");
    public static final StructLayout SOCKADDR_IN6 = layout("sockaddr_in6");
    public static final StructLayout SOCKADDR_UN = layout("sockaddr_un");
    /** The kernel's struct sigaction and sigset_t (not glibc's): what rt_sigaction and rt_sigprocmask take. */
    public static final StructLayout KERNEL_SIGACTION = layout("kernel_sigaction");
    public static final StructLayout KERNEL_SIGSET = layout("kernel_sigset");
    /** prlimit64's struct rlimit64. */
    public static final StructLayout RLIMIT64 = layout("rlimit64");

    // The file and descriptor families' structs (tools/decode-tables/groups/files.c and files_libc.c).
    public static final StructLayout STATFS = layout("statfs");
    public static final StructLayout FLOCK = layout("flock");
    public static final StructLayout F_OWNER_EX = layout("f_owner_ex");
    public static final StructLayout POLLFD = layout("pollfd");
    public static final StructLayout EPOLL_EVENT = layout("epoll_event");
    public static final StructLayout TIMESPEC = layout("timespec");
    public static final StructLayout TIMEVAL = layout("timeval");
    public static final StructLayout ITIMERSPEC = layout("itimerspec");
    public static final StructLayout UTIMBUF = layout("utimbuf");
    public static final StructLayout TERMIOS = layout("termios");
    public static final StructLayout TERMIOS2 = layout("termios2");
    public static final StructLayout TERMIO = layout("termio");
    public static final StructLayout WINSIZE = layout("winsize");
    public static final StructLayout DIRENT64 = layout("dirent64");
    public static final StructLayout LINUX_DIRENT = layout("linux_dirent");
    public static final StructLayout SIGSET_ARGPACK = layout("sigset_argpack");
    public static final StructLayout IFCONF = layout("ifconf");
    public static final StructLayout IFREQ = layout("ifreq");
    /** The kernel's siginfo_t, as PTRACE_GETSIGINFO fills it at a signal-delivery stop. */
    public static final StructLayout SIGINFO = layout("siginfo_t");
    /** struct rusage, as wait4 and getrusage fill it (ru_utime, ru_stime and its two fields). */
    public static final StructLayout RUSAGE = layout("rusage");

    private static StructLayout layout(String struct) {
        StructLayout l = LAYOUTS.get(struct);
        if (l == null) {
            throw new IllegalStateException("x86_64.tsv has no struct " + struct
                    + "; rerun tools/decode-tables/generate.sh");
        }
        return l;
    }
}
