package dev.syscallassert.core.linux;

import dev.syscallassert.core.xlat.Constants;

/**
 * ptrace(2) requests, options, stop events and {@code ptrace_syscall_info} ops, with the values of linux/ptrace.h as
 * the generated {@code constants.tsv} has them (no value is typed here). Only the ones the tracer uses.
 */
public final class Ptrace {
    private Ptrace() {
    }

    public static final int PTRACE_CONT = request("PTRACE_CONT");
    public static final int PTRACE_GETREGS = request("PTRACE_GETREGS");
    public static final int PTRACE_SETREGS = request("PTRACE_SETREGS");
    public static final int PTRACE_DETACH = request("PTRACE_DETACH");
    public static final int PTRACE_SYSCALL = request("PTRACE_SYSCALL");
    public static final int PTRACE_GETEVENTMSG = request("PTRACE_GETEVENTMSG");
    public static final int PTRACE_SEIZE = request("PTRACE_SEIZE");
    public static final int PTRACE_INTERRUPT = request("PTRACE_INTERRUPT");
    public static final int PTRACE_LISTEN = request("PTRACE_LISTEN");
    public static final int PTRACE_GET_SYSCALL_INFO = request("PTRACE_GET_SYSCALL_INFO");
    public static final int PTRACE_GETSIGINFO = request("PTRACE_GETSIGINFO");

    public static final int O_TRACESYSGOOD = option("PTRACE_O_TRACESYSGOOD");
    public static final int O_TRACEFORK = option("PTRACE_O_TRACEFORK");
    public static final int O_TRACEVFORK = option("PTRACE_O_TRACEVFORK");
    public static final int O_TRACECLONE = option("PTRACE_O_TRACECLONE");
    public static final int O_TRACEEXEC = option("PTRACE_O_TRACEEXEC");
    public static final int O_TRACESECCOMP = option("PTRACE_O_TRACESECCOMP");
    public static final int O_EXITKILL = option("PTRACE_O_EXITKILL");

    public static final int EVENT_FORK = event("PTRACE_EVENT_FORK");
    public static final int EVENT_VFORK = event("PTRACE_EVENT_VFORK");
    public static final int EVENT_CLONE = event("PTRACE_EVENT_CLONE");
    public static final int EVENT_EXEC = event("PTRACE_EVENT_EXEC");
    public static final int EVENT_SECCOMP = event("PTRACE_EVENT_SECCOMP");
    public static final int EVENT_STOP = event("PTRACE_EVENT_STOP");

    public static final int SYSCALL_INFO_ENTRY = Constants.intValue("ptrace_syscall_info_op",
            "PTRACE_SYSCALL_INFO_ENTRY");
    public static final int SYSCALL_INFO_EXIT = Constants.intValue("ptrace_syscall_info_op",
            "PTRACE_SYSCALL_INFO_EXIT");
    public static final int SYSCALL_INFO_SECCOMP = Constants.intValue("ptrace_syscall_info_op",
            "PTRACE_SYSCALL_INFO_SECCOMP");

    private static int request(String name) {
        return Constants.intValue("ptrace_request", name);
    }

    private static int option(String name) {
        return Constants.intValue("ptrace_option", name);
    }

    private static int event(String name) {
        return Constants.intValue("ptrace_event", name);
    }
}
