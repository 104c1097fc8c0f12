package dev.syscallassert.core.ptrace;

/** ptrace(2), wait(2) and signal constants for x86_64 Linux, from linux/ptrace.h, sys/wait.h and asm/signal.h. */
public final class Ptrace {
    private Ptrace() {
    }

    public static final int PTRACE_CONT = 7;
    public static final int PTRACE_KILL = 8;
    public static final int PTRACE_GETREGS = 12;
    public static final int PTRACE_SETREGS = 13;
    public static final int PTRACE_DETACH = 17;
    public static final int PTRACE_SYSCALL = 24;
    public static final int PTRACE_SETOPTIONS = 0x4200;
    public static final int PTRACE_GETEVENTMSG = 0x4201;
    public static final int PTRACE_SEIZE = 0x4206;
    public static final int PTRACE_INTERRUPT = 0x4207;
    public static final int PTRACE_LISTEN = 0x4208;
    public static final int PTRACE_GET_SYSCALL_INFO = 0x420e;

    public static final int O_TRACESYSGOOD = 1;
    public static final int O_TRACEFORK = 2;
    public static final int O_TRACEVFORK = 4;
    public static final int O_TRACECLONE = 8;
    public static final int O_TRACEEXEC = 0x10;
    public static final int O_TRACESECCOMP = 0x80;
    public static final int O_EXITKILL = 0x100000;

    public static final int EVENT_FORK = 1;
    public static final int EVENT_VFORK = 2;
    public static final int EVENT_CLONE = 3;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_VFORK_DONE = 5;
    public static final int EVENT_EXIT = 6;
    public static final int EVENT_SECCOMP = 7;
    public static final int EVENT_STOP = 128;

    public static final int SYSCALL_INFO_NONE = 0;
    public static final int SYSCALL_INFO_ENTRY = 1;
    public static final int SYSCALL_INFO_EXIT = 2;
    public static final int SYSCALL_INFO_SECCOMP = 3;

    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int __WNOTHREAD = 0x20000000;
    public static final int __WALL = 0x40000000;

    public static final int SIGKILL = 9;
    public static final int SIGTRAP = 5;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ECHILD = 10;
    public static final int EACCES = 13;
    public static final int ENOSYS = 38;

    /** Kernel-internal restart codes a tracer sees at a syscall exit; they mean "will be restarted", not failure. */
    public static boolean isRestart(long errno) {
        return errno == 512 || errno == 513 || errno == 514 || errno == 516;
    }

    public static String restartName(long errno) {
        switch ((int) errno) {
            case 512: return "ERESTARTSYS";
            case 513: return "ERESTARTNOINTR";
            case 514: return "ERESTARTNOHAND";
            case 516: return "ERESTART_RESTARTBLOCK";
            default: return "E" + errno;
        }
    }

    private static final String[] SIGNAL_NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
        "SIGSYS"
    };

    public static String signalName(int signal) {
        if (signal > 0 && signal < SIGNAL_NAMES.length) {
            return SIGNAL_NAMES[signal];
        }
        return signal >= 34 && signal <= 64 ? "SIGRT_" + (signal - 34) : "SIG" + signal;
    }

    // wait status decoding, as the sys/wait.h macros do it
    public static boolean exited(int status) { return (status & 0x7f) == 0; }
    public static int exitStatus(int status) { return (status >> 8) & 0xff; }
    public static boolean signaled(int status) { return ((status & 0x7f) + 1) >> 1 > 0 && (status & 0xff) != 0x7f; }
    public static int termSignal(int status) { return status & 0x7f; }
    public static boolean stopped(int status) { return (status & 0xff) == 0x7f; }
    public static int stopSignal(int status) { return (status >> 8) & 0xff; }
    public static int event(int status) { return (status >> 16) & 0xff; }
}
