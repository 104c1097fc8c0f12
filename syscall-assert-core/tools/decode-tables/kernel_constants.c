/*
 * Constants whose values must come from the kernel's uapi headers rather than glibc's: glibc defines O_LARGEFILE as 0
 * on 64-bit targets, but the kernel (and so the tracee's registers) uses 0100000 and strace prints it.
 * Within a group the names are listed in the order strace 6.1 prints them (its xlat tables), because a flag word is
 * rendered by walking that order. Only this file may include kernel headers: they clash with glibc's.
 */
#include <stdio.h>
#include <asm/fcntl.h>
#include <linux/fcntl.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/ptrace.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/filter.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <asm/signal.h>
#include <asm/unistd.h>
#include <asm/stat.h>
#include <stddef.h>

#define C(group, name) printf("%s\t%s\t%lld\n", group, #name, (long long) (name))
/* A struct's layout as the tracee's kernel ABI has it: "layout<TAB>struct<TAB>field<TAB>offset<TAB>size". */
#define L(type, name, field) printf("layout\t%s\t%s\t%zu\t%zu\n", name, #field, offsetof(type, field), \
                                    sizeof(((type *) 0)->field))
#define SIZE(type, name) printf("layout\t%s\t(size)\t0\t%zu\n", name, sizeof(type))

void kernel_constants(void) {
    C("open_access", O_RDONLY); C("open_access", O_WRONLY); C("open_access", O_RDWR);
    C("open_access_mask", O_ACCMODE);
    C("at_fdcwd", AT_FDCWD);

    C("open_flags", O_CREAT); C("open_flags", O_EXCL); C("open_flags", O_NOCTTY); C("open_flags", O_TRUNC);
    C("open_flags", O_APPEND); C("open_flags", O_NONBLOCK);
    /* O_SYNC includes O_DSYNC's bit, so it must be tried first; __O_SYNC names its own bit when alone. */
    C("open_flags", O_SYNC); C("open_flags", __O_SYNC); C("open_flags", O_DSYNC);
    C("open_flags", O_DIRECT); C("open_flags", O_LARGEFILE); C("open_flags", O_NOFOLLOW); C("open_flags", O_NOATIME);
    C("open_flags", O_CLOEXEC); C("open_flags", O_PATH);
    /* Same for O_TMPFILE, which includes O_DIRECTORY. */
    C("open_flags", O_TMPFILE); C("open_flags", __O_TMPFILE); C("open_flags", O_DIRECTORY); C("open_flags", FASYNC);

    C("at_flags", AT_SYMLINK_NOFOLLOW); C("at_flags", AT_REMOVEDIR); C("at_flags", AT_SYMLINK_FOLLOW);
    C("at_flags", AT_NO_AUTOMOUNT); C("at_flags", AT_EMPTY_PATH); C("at_flags", AT_RECURSIVE);

    C("faccessat_flags", AT_SYMLINK_NOFOLLOW); C("faccessat_flags", AT_EACCESS); C("faccessat_flags", AT_EMPTY_PATH);

    C("unlinkat_flags", AT_REMOVEDIR);

    C("statx_sync", AT_STATX_SYNC_AS_STAT); C("statx_sync", AT_STATX_FORCE_SYNC); C("statx_sync", AT_STATX_DONT_SYNC);
    C("statx_sync_mask", AT_STATX_SYNC_TYPE);

    C("rename_flags", RENAME_NOREPLACE); C("rename_flags", RENAME_EXCHANGE); C("rename_flags", RENAME_WHITEOUT);

    C("resolve_flags", RESOLVE_NO_XDEV); C("resolve_flags", RESOLVE_NO_MAGICLINKS);
    C("resolve_flags", RESOLVE_NO_SYMLINKS); C("resolve_flags", RESOLVE_BENEATH); C("resolve_flags", RESOLVE_IN_ROOT);
    C("resolve_flags", RESOLVE_CACHED);

    /* The combined masks come first so that a full request prints as STATX_ALL rather than as twelve bits. */
    C("statx_mask", STATX_ALL); C("statx_mask", STATX_BASIC_STATS);
    C("statx_mask", STATX_TYPE); C("statx_mask", STATX_MODE); C("statx_mask", STATX_NLINK); C("statx_mask", STATX_UID);
    C("statx_mask", STATX_GID); C("statx_mask", STATX_ATIME); C("statx_mask", STATX_MTIME);
    C("statx_mask", STATX_CTIME); C("statx_mask", STATX_INO); C("statx_mask", STATX_SIZE);
    C("statx_mask", STATX_BLOCKS); C("statx_mask", STATX_BTIME); C("statx_mask", STATX_MNT_ID);
#ifdef STATX_DIOALIGN
    C("statx_mask", STATX_DIOALIGN);
#endif

    C("statx_attributes", STATX_ATTR_COMPRESSED); C("statx_attributes", STATX_ATTR_IMMUTABLE);
    C("statx_attributes", STATX_ATTR_APPEND); C("statx_attributes", STATX_ATTR_NODUMP);
    C("statx_attributes", STATX_ATTR_ENCRYPTED); C("statx_attributes", STATX_ATTR_AUTOMOUNT);
    C("statx_attributes", STATX_ATTR_MOUNT_ROOT); C("statx_attributes", STATX_ATTR_VERITY);
    C("statx_attributes", STATX_ATTR_DAX);

    C("prot_flags", PROT_READ); C("prot_flags", PROT_WRITE); C("prot_flags", PROT_EXEC); C("prot_flags", PROT_SEM);
    C("prot_flags", PROT_GROWSDOWN); C("prot_flags", PROT_GROWSUP);

    C("map_type", MAP_SHARED); C("map_type", MAP_PRIVATE); C("map_type", MAP_SHARED_VALIDATE);
    C("map_type_mask", MAP_TYPE);
    C("map_flags", MAP_FIXED); C("map_flags", MAP_ANONYMOUS); C("map_flags", MAP_32BIT);
    C("map_flags", MAP_NORESERVE); C("map_flags", MAP_POPULATE); C("map_flags", MAP_NONBLOCK);
    C("map_flags", MAP_GROWSDOWN); C("map_flags", MAP_DENYWRITE); C("map_flags", MAP_EXECUTABLE);
    C("map_flags", MAP_LOCKED); C("map_flags", MAP_STACK); C("map_flags", MAP_HUGETLB); C("map_flags", MAP_SYNC);
    C("map_flags", MAP_UNINITIALIZED); C("map_flags", MAP_FIXED_NOREPLACE);

    /* Signals by number, as asm/signal.h names them (SIGRTMIN is the kernel's 32; glibc reserves 32 and 33). */
    C("signal", SIGHUP); C("signal", SIGINT); C("signal", SIGQUIT); C("signal", SIGILL); C("signal", SIGTRAP);
    C("signal", SIGABRT); C("signal", SIGBUS); C("signal", SIGFPE); C("signal", SIGKILL); C("signal", SIGUSR1);
    C("signal", SIGSEGV); C("signal", SIGUSR2); C("signal", SIGPIPE); C("signal", SIGALRM); C("signal", SIGTERM);
    C("signal", SIGSTKFLT); C("signal", SIGCHLD); C("signal", SIGCONT); C("signal", SIGSTOP); C("signal", SIGTSTP);
    C("signal", SIGTTIN); C("signal", SIGTTOU); C("signal", SIGURG); C("signal", SIGXCPU); C("signal", SIGXFSZ);
    C("signal", SIGVTALRM); C("signal", SIGPROF); C("signal", SIGWINCH); C("signal", SIGIO); C("signal", SIGPWR);
    C("signal", SIGSYS);
    C("signal_range", SIGRTMIN);  /* the kernel's first real-time signal; strace numbers SIGRT_n from it */

    C("ptrace_request", PTRACE_CONT); C("ptrace_request", PTRACE_GETREGS); C("ptrace_request", PTRACE_SETREGS);
    C("ptrace_request", PTRACE_DETACH); C("ptrace_request", PTRACE_SYSCALL); C("ptrace_request", PTRACE_GETEVENTMSG);
    C("ptrace_request", PTRACE_SEIZE); C("ptrace_request", PTRACE_INTERRUPT); C("ptrace_request", PTRACE_LISTEN);
    C("ptrace_request", PTRACE_GET_SYSCALL_INFO);
    C("ptrace_option", PTRACE_O_TRACESYSGOOD); C("ptrace_option", PTRACE_O_TRACEFORK);
    C("ptrace_option", PTRACE_O_TRACEVFORK); C("ptrace_option", PTRACE_O_TRACECLONE);
    C("ptrace_option", PTRACE_O_TRACEEXEC); C("ptrace_option", PTRACE_O_TRACEVFORKDONE);
    C("ptrace_option", PTRACE_O_TRACEEXIT); C("ptrace_option", PTRACE_O_TRACESECCOMP);
    C("ptrace_option", PTRACE_O_EXITKILL); C("ptrace_option", PTRACE_O_SUSPEND_SECCOMP);
    C("ptrace_event", PTRACE_EVENT_FORK); C("ptrace_event", PTRACE_EVENT_VFORK); C("ptrace_event", PTRACE_EVENT_CLONE);
    C("ptrace_event", PTRACE_EVENT_EXEC); C("ptrace_event", PTRACE_EVENT_VFORK_DONE);
    C("ptrace_event", PTRACE_EVENT_EXIT); C("ptrace_event", PTRACE_EVENT_SECCOMP); C("ptrace_event", PTRACE_EVENT_STOP);
    C("ptrace_syscall_info_op", PTRACE_SYSCALL_INFO_NONE); C("ptrace_syscall_info_op", PTRACE_SYSCALL_INFO_ENTRY);
    C("ptrace_syscall_info_op", PTRACE_SYSCALL_INFO_EXIT); C("ptrace_syscall_info_op", PTRACE_SYSCALL_INFO_SECCOMP);

    C("wait_option", WNOHANG); C("wait_option", WUNTRACED); C("wait_option", __WNOTHREAD); C("wait_option", __WALL);

    C("clone_flags", CLONE_VM); C("clone_flags", CLONE_FS); C("clone_flags", CLONE_FILES);
    C("clone_flags", CLONE_SIGHAND); C("clone_flags", CLONE_PIDFD); C("clone_flags", CLONE_PTRACE);
    C("clone_flags", CLONE_VFORK); C("clone_flags", CLONE_PARENT); C("clone_flags", CLONE_THREAD);
    C("clone_flags", CLONE_NEWNS); C("clone_flags", CLONE_SYSVSEM); C("clone_flags", CLONE_SETTLS);
    C("clone_flags", CLONE_PARENT_SETTID); C("clone_flags", CLONE_CHILD_CLEARTID); C("clone_flags", CLONE_UNTRACED);
    C("clone_flags", CLONE_CHILD_SETTID); C("clone_flags", CLONE_NEWCGROUP); C("clone_flags", CLONE_NEWUTS);
    C("clone_flags", CLONE_NEWIPC); C("clone_flags", CLONE_NEWUSER); C("clone_flags", CLONE_NEWPID);
    C("clone_flags", CLONE_NEWNET); C("clone_flags", CLONE_IO);
    /* clone3 only: above bit 31 */
    C("clone3_flags", CLONE_NEWTIME); C("clone3_flags", CLONE_CLEAR_SIGHAND); C("clone3_flags", CLONE_INTO_CGROUP);

    C("prctl_option", PR_SET_NAME); C("prctl_option", PR_GET_NAME); C("prctl_option", PR_SET_NO_NEW_PRIVS);
    C("prctl_option", PR_GET_NO_NEW_PRIVS);

    C("seccomp_operation", SECCOMP_SET_MODE_STRICT); C("seccomp_operation", SECCOMP_SET_MODE_FILTER);
    C("seccomp_filter_flags", SECCOMP_FILTER_FLAG_TSYNC);
    C("seccomp_ret", SECCOMP_RET_KILL_PROCESS); C("seccomp_ret", SECCOMP_RET_KILL_THREAD);
    C("seccomp_ret", SECCOMP_RET_TRAP); C("seccomp_ret", SECCOMP_RET_ERRNO); C("seccomp_ret", SECCOMP_RET_USER_NOTIF);
    C("seccomp_ret", SECCOMP_RET_TRACE); C("seccomp_ret", SECCOMP_RET_LOG); C("seccomp_ret", SECCOMP_RET_ALLOW);
    C("bpf", BPF_LD); C("bpf", BPF_JMP); C("bpf", BPF_RET); C("bpf", BPF_W); C("bpf", BPF_ABS); C("bpf", BPF_K);
    C("bpf", BPF_JA); C("bpf", BPF_JEQ); C("bpf", BPF_JGE);
    C("audit_arch", AUDIT_ARCH_X86_64); C("audit_arch", AUDIT_ARCH_I386);
    C("x32", __X32_SYSCALL_BIT);
    C("capability", CAP_SYS_PTRACE);

    /*
     * The kernel's restart codes: include/linux/errno.h, which is not exported to user space, so they are listed
     * here by hand, once. A tracer sees them at a syscall exit; they mean "will be restarted", not failure. The
     * fourth column is strace's text for each (its syscall.c), which says when the kernel restarts the call.
     */
    printf("restart_errno\tERESTARTSYS\t512\tTo be restarted if SA_RESTART is set\n");
    printf("restart_errno\tERESTARTNOINTR\t513\tTo be restarted\n");
    printf("restart_errno\tERESTARTNOHAND\t514\tTo be restarted if no handler\n");
    printf("restart_errno\tERESTART_RESTARTBLOCK\t516\tInterrupted by signal\n");
}

void kernel_layouts(void) {
    SIZE(struct ptrace_syscall_info, "ptrace_syscall_info");
    L(struct ptrace_syscall_info, "ptrace_syscall_info", op);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", arch);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", instruction_pointer);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", stack_pointer);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", entry.nr);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", entry.args);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", exit.rval);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", exit.is_error);
    L(struct ptrace_syscall_info, "ptrace_syscall_info", seccomp.ret_data);

    /* asm/stat.h's struct stat is what stat(2) writes on this architecture (glibc's matches it on x86_64). */
    SIZE(struct stat, "stat");
    L(struct stat, "stat", st_mode); L(struct stat, "stat", st_rdev); L(struct stat, "stat", st_size);

    SIZE(struct statx, "statx");
    L(struct statx, "statx", stx_mask); L(struct statx, "statx", stx_attributes); L(struct statx, "statx", stx_mode);
    L(struct statx, "statx", stx_size);

    SIZE(struct open_how, "open_how");
    L(struct open_how, "open_how", flags); L(struct open_how, "open_how", mode); L(struct open_how, "open_how", resolve);

    SIZE(struct clone_args, "clone_args");
    L(struct clone_args, "clone_args", flags);

    SIZE(struct sock_filter, "sock_filter");
    L(struct sock_filter, "sock_filter", code); L(struct sock_filter, "sock_filter", jt);
    L(struct sock_filter, "sock_filter", jf); L(struct sock_filter, "sock_filter", k);
    SIZE(struct sock_fprog, "sock_fprog");
    L(struct sock_fprog, "sock_fprog", len); L(struct sock_fprog, "sock_fprog", filter);
    L(struct seccomp_data, "seccomp_data", nr); L(struct seccomp_data, "seccomp_data", arch);
}
