package dev.syscallassert.core.linux;

import dev.syscallassert.core.xlat.Constants;

/**
 * waitpid(2)'s options (from the generated table) and the decoding of the status it returns, as the sys/wait.h
 * macros do it, plus the parts of a ptrace stop status (the stop signal and the PTRACE_EVENT in bits 16-23).
 */
public final class WaitStatus {
    private WaitStatus() {
    }

    public static final int WNOHANG = Constants.intValue("wait_option", "WNOHANG");
    /** Also report a child that stopped (not only one that ended). */
    public static final int WUNTRACED = Constants.intValue("wait_option", "WUNTRACED");
    /** Wait only for children of this thread: never reap a child the JDK (or another thread) started. */
    public static final int __WNOTHREAD = Constants.intValue("wait_option", "__WNOTHREAD");
    /** Threads (clone children) as well as processes. */
    public static final int __WALL = Constants.intValue("wait_option", "__WALL");

    /** The wait status's core-dump bit (glibc's __WCOREFLAG). */
    private static final int CORE_FLAG = Constants.intValue("wait_status", "__WCOREFLAG");

    /** The stop signal of a syscall stop with PTRACE_O_TRACESYSGOOD: SIGTRAP with bit 7 set (ptrace(2)). */
    public static final int SYSCALL_STOP = Signals.SIGTRAP | 0x80;

    public static boolean exited(int status) { return (status & 0x7f) == 0; }
    public static int exitStatus(int status) { return (status >> 8) & 0xff; }
    public static boolean signaled(int status) { return ((status & 0x7f) + 1) >> 1 > 0 && (status & 0xff) != 0x7f; }
    public static int termSignal(int status) { return status & 0x7f; }
    public static boolean stopped(int status) { return (status & 0xff) == 0x7f; }
    /** WCOREDUMP: the signal that ended the task left a core file. */
    public static boolean coreDumped(int status) { return (status & CORE_FLAG) != 0; }
    public static int stopSignal(int status) { return (status >> 8) & 0xff; }
    public static int event(int status) { return (status >> 16) & 0xff; }
}
