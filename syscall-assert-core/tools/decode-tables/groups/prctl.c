/*
 * prctl(2) and arch_prctl(2): the options and the values of their arguments, from the kernel's uapi headers, in
 * strace 6.1's xlat tables (named after them, rows in their order).
 */
#include <linux/prctl.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <linux/seccomp.h>
#include <asm/prctl.h>
#include "table.h"

static void constants(void) {
    C("prctl_options", PR_SET_PDEATHSIG); C("prctl_options", PR_GET_PDEATHSIG); C("prctl_options", PR_GET_DUMPABLE);
    C("prctl_options", PR_SET_DUMPABLE); C("prctl_options", PR_GET_UNALIGN); C("prctl_options", PR_SET_UNALIGN);
    C("prctl_options", PR_GET_KEEPCAPS); C("prctl_options", PR_SET_KEEPCAPS); C("prctl_options", PR_GET_FPEMU);
    C("prctl_options", PR_SET_FPEMU); C("prctl_options", PR_GET_FPEXC); C("prctl_options", PR_SET_FPEXC);
    C("prctl_options", PR_GET_TIMING); C("prctl_options", PR_SET_TIMING); C("prctl_options", PR_SET_NAME);
    C("prctl_options", PR_GET_NAME); C("prctl_options", PR_GET_ENDIAN); C("prctl_options", PR_SET_ENDIAN);
    C("prctl_options", PR_GET_SECCOMP); C("prctl_options", PR_SET_SECCOMP); C("prctl_options", PR_CAPBSET_READ);
    C("prctl_options", PR_CAPBSET_DROP); C("prctl_options", PR_GET_TSC); C("prctl_options", PR_SET_TSC);
    C("prctl_options", PR_GET_SECUREBITS); C("prctl_options", PR_SET_SECUREBITS);
    C("prctl_options", PR_SET_TIMERSLACK); C("prctl_options", PR_GET_TIMERSLACK);
    C("prctl_options", PR_TASK_PERF_EVENTS_DISABLE); C("prctl_options", PR_TASK_PERF_EVENTS_ENABLE);
    C("prctl_options", PR_MCE_KILL); C("prctl_options", PR_MCE_KILL_GET); C("prctl_options", PR_SET_MM);
    C("prctl_options", PR_SET_CHILD_SUBREAPER); C("prctl_options", PR_GET_CHILD_SUBREAPER);
    C("prctl_options", PR_SET_NO_NEW_PRIVS); C("prctl_options", PR_GET_NO_NEW_PRIVS);
    C("prctl_options", PR_GET_TID_ADDRESS); C("prctl_options", PR_SET_THP_DISABLE);
    C("prctl_options", PR_GET_THP_DISABLE); C("prctl_options", PR_MPX_ENABLE_MANAGEMENT);
    C("prctl_options", PR_MPX_DISABLE_MANAGEMENT); C("prctl_options", PR_SET_FP_MODE);
    C("prctl_options", PR_GET_FP_MODE); C("prctl_options", PR_CAP_AMBIENT); C("prctl_options", PR_SVE_SET_VL);
    C("prctl_options", PR_SVE_GET_VL); C("prctl_options", PR_GET_SPECULATION_CTRL);
    C("prctl_options", PR_SET_SPECULATION_CTRL); C("prctl_options", PR_PAC_RESET_KEYS);
    C("prctl_options", PR_SET_TAGGED_ADDR_CTRL); C("prctl_options", PR_GET_TAGGED_ADDR_CTRL);
    C("prctl_options", PR_SET_IO_FLUSHER); C("prctl_options", PR_GET_IO_FLUSHER);
    C("prctl_options", PR_SET_SYSCALL_USER_DISPATCH); C("prctl_options", PR_PAC_SET_ENABLED_KEYS);
    C("prctl_options", PR_PAC_GET_ENABLED_KEYS); C("prctl_options", PR_SCHED_CORE); C("prctl_options", PR_SME_SET_VL);
    C("prctl_options", PR_SME_GET_VL); C("prctl_options", PR_SET_VMA); C("prctl_options", PR_SET_PTRACER);
    C("pr_tsc", PR_TSC_ENABLE); C("pr_tsc", PR_TSC_SIGSEGV);
    C("pr_unalign_flags", PR_UNALIGN_NOPRINT); C("pr_unalign_flags", PR_UNALIGN_SIGBUS);
    C("pr_mce_kill", PR_MCE_KILL_CLEAR); C("pr_mce_kill", PR_MCE_KILL_SET);
    C("pr_mce_kill_policy", PR_MCE_KILL_LATE); C("pr_mce_kill_policy", PR_MCE_KILL_EARLY);
    C("pr_mce_kill_policy", PR_MCE_KILL_DEFAULT);
    C("pr_set_mm", PR_SET_MM_START_CODE); C("pr_set_mm", PR_SET_MM_END_CODE); C("pr_set_mm", PR_SET_MM_START_DATA);
    C("pr_set_mm", PR_SET_MM_END_DATA); C("pr_set_mm", PR_SET_MM_START_STACK); C("pr_set_mm", PR_SET_MM_START_BRK);
    C("pr_set_mm", PR_SET_MM_BRK); C("pr_set_mm", PR_SET_MM_ARG_START); C("pr_set_mm", PR_SET_MM_ARG_END);
    C("pr_set_mm", PR_SET_MM_ENV_START); C("pr_set_mm", PR_SET_MM_ENV_END); C("pr_set_mm", PR_SET_MM_AUXV);
    C("pr_set_mm", PR_SET_MM_EXE_FILE); C("pr_set_mm", PR_SET_MM_MAP); C("pr_set_mm", PR_SET_MM_MAP_SIZE);
    C("pr_set_vma", PR_SET_VMA_ANON_NAME);
    C("pr_cap_ambient", PR_CAP_AMBIENT_IS_SET); C("pr_cap_ambient", PR_CAP_AMBIENT_RAISE);
    C("pr_cap_ambient", PR_CAP_AMBIENT_LOWER); C("pr_cap_ambient", PR_CAP_AMBIENT_CLEAR_ALL);
    C("pr_spec_cmds", PR_SPEC_STORE_BYPASS); C("pr_spec_cmds", PR_SPEC_INDIRECT_BRANCH);
    C("pr_spec_cmds", PR_SPEC_L1D_FLUSH);
    C("pr_spec_set_store_bypass_flags", PR_SPEC_ENABLE); C("pr_spec_set_store_bypass_flags", PR_SPEC_DISABLE);
    C("pr_spec_set_store_bypass_flags", PR_SPEC_FORCE_DISABLE);
    C("pr_spec_set_store_bypass_flags", PR_SPEC_DISABLE_NOEXEC);
    C("pr_spec_get_store_bypass_flags", PR_SPEC_NOT_AFFECTED); C("pr_spec_get_store_bypass_flags", PR_SPEC_PRCTL);
    C("pr_spec_get_store_bypass_flags", PR_SPEC_ENABLE); C("pr_spec_get_store_bypass_flags", PR_SPEC_DISABLE);
    C("pr_spec_get_store_bypass_flags", PR_SPEC_FORCE_DISABLE);
    C("pr_spec_get_store_bypass_flags", PR_SPEC_DISABLE_NOEXEC);
    C("pr_fp_mode", PR_FP_MODE_FR); C("pr_fp_mode", PR_FP_MODE_FRE);
    C("seccomp_mode", SECCOMP_MODE_DISABLED); C("seccomp_mode", SECCOMP_MODE_STRICT);
    C("seccomp_mode", SECCOMP_MODE_FILTER);
    C("secbits", SECBIT_NOROOT); C("secbits", SECBIT_NOROOT_LOCKED); C("secbits", SECBIT_NO_SETUID_FIXUP);
    C("secbits", SECBIT_NO_SETUID_FIXUP_LOCKED); C("secbits", SECBIT_KEEP_CAPS);
    C("secbits", SECBIT_KEEP_CAPS_LOCKED); C("secbits", SECBIT_NO_CAP_AMBIENT_RAISE);
    C("secbits", SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED);
    C("pr_sud_cmds", PR_SYS_DISPATCH_OFF); C("pr_sud_cmds", PR_SYS_DISPATCH_ON);
    C("cap", CAP_CHOWN); C("cap", CAP_DAC_OVERRIDE); C("cap", CAP_DAC_READ_SEARCH); C("cap", CAP_FOWNER);
    C("cap", CAP_FSETID); C("cap", CAP_KILL); C("cap", CAP_SETGID); C("cap", CAP_SETUID); C("cap", CAP_SETPCAP);
    C("cap", CAP_LINUX_IMMUTABLE); C("cap", CAP_NET_BIND_SERVICE); C("cap", CAP_NET_BROADCAST);
    C("cap", CAP_NET_ADMIN); C("cap", CAP_NET_RAW); C("cap", CAP_IPC_LOCK); C("cap", CAP_IPC_OWNER);
    C("cap", CAP_SYS_MODULE); C("cap", CAP_SYS_RAWIO); C("cap", CAP_SYS_CHROOT); C("cap", CAP_SYS_PTRACE);
    C("cap", CAP_SYS_PACCT); C("cap", CAP_SYS_ADMIN); C("cap", CAP_SYS_BOOT); C("cap", CAP_SYS_NICE);
    C("cap", CAP_SYS_RESOURCE); C("cap", CAP_SYS_TIME); C("cap", CAP_SYS_TTY_CONFIG); C("cap", CAP_MKNOD);
    C("cap", CAP_LEASE); C("cap", CAP_AUDIT_WRITE); C("cap", CAP_AUDIT_CONTROL); C("cap", CAP_SETFCAP);
    C("cap", CAP_MAC_OVERRIDE); C("cap", CAP_MAC_ADMIN); C("cap", CAP_SYSLOG); C("cap", CAP_WAKE_ALARM);
    C("cap", CAP_BLOCK_SUSPEND); C("cap", CAP_AUDIT_READ); C("cap", CAP_PERFMON); C("cap", CAP_BPF);
    C("cap", CAP_CHECKPOINT_RESTORE);
    /* SUID_DUMP_* are the kernel's include/linux/sched/coredump.h, not exported to user space: listed here once. */
    printf("pr_dumpable\tSUID_DUMP_DISABLE\t0\n");
    printf("pr_dumpable\tSUID_DUMP_USER\t1\n");
    printf("pr_dumpable\tSUID_DUMP_ROOT\t2\n");

    C("archvals", ARCH_SET_GS); C("archvals", ARCH_SET_FS); C("archvals", ARCH_GET_FS); C("archvals", ARCH_GET_GS);
    C("archvals", ARCH_GET_CPUID); C("archvals", ARCH_SET_CPUID); C("archvals", ARCH_GET_XCOMP_SUPP);
    C("archvals", ARCH_GET_XCOMP_PERM); C("archvals", ARCH_REQ_XCOMP_PERM); C("archvals", ARCH_GET_XCOMP_GUEST_PERM);
    C("archvals", ARCH_REQ_XCOMP_GUEST_PERM); C("archvals", ARCH_MAP_VDSO_X32); C("archvals", ARCH_MAP_VDSO_32);
    C("archvals", ARCH_MAP_VDSO_64);
}

static void layouts(void) {
}

GROUP_MAIN(constants, layouts)
