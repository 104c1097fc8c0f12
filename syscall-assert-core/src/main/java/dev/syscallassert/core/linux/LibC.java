package dev.syscallassert.core.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The libc functions the tracer needs, bound with JNA direct mapping ({@link DirectMapping}): primitive arguments and
 * pointers as {@code long} keep a call well under a microsecond, which matters at tens of thousands of stops per
 * second. Errors are read with {@link Native#getLastError()} right after the call, on the same thread.
 */
public final class LibC {

    private static final NativeLibrary LIBRARY = libc();

    static {
        DirectMapping.register(LibC.class, LIBRARY);
    }

    private LibC() {
    }

    /**
     * glibc by its soname, which the dynamic linker finds at once (the JVM has it mapped already); JNA's short name
     * "c" first tries libc.so, on a machine with the C headers a linker script that dlopen refuses, twice, and then
     * lists the library directories for a libc.so.* (a few milliseconds of every start). Another libc has another
     * soname: then the short name, as before.
     */
    private static NativeLibrary libc() {
        try {
            return NativeLibrary.getInstance("libc.so.6");
        } catch (UnsatisfiedLinkError e) {
            return NativeLibrary.getInstance("c");
        }
    }

    public static native long ptrace(long request, int pid, long addr, long data);

    public static native int waitpid(int pid, long statusPointer, int options);

    /** waitpid with the waited-for task's resource usage ({@code struct rusage}, null for none): glibc's waitpid is it. */
    public static native int wait4(int pid, long statusPointer, int options, long rusagePointer);

    public static native int kill(int pid, int signal);

    public static native long syscall(long number, long a1, long a2, long a3);

    /** The same variadic libc function bound again with six arguments: prctl needs its unused ones zeroed. */
    public static long syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        return Syscall6.syscall(number, a1, a2, a3, a4, a5, a6);
    }

    private static final class Syscall6 {
        static {
            DirectMapping.register(Syscall6.class, LIBRARY);
        }

        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    }

    public static native long process_vm_readv(int pid, long localIov, long localCount, long remoteIov,
                                               long remoteCount, long flags);

    public static native long process_vm_writev(int pid, long localIov, long localCount, long remoteIov,
                                                long remoteCount, long flags);

    public static native long readlink(String path, long buffer, long size);

    public static native int posix_spawn(long pidPointer, String path, long fileActions, long attributes,
                                         long argv, long envp);

    public static native int posix_spawn_file_actions_init(long fileActions);

    public static native int posix_spawn_file_actions_destroy(long fileActions);

    public static native int posix_spawn_file_actions_addopen(long fileActions, int fd, String path, int flags,
                                                              int mode);

    public static native int posix_spawnattr_init(long attributes);

    public static native int posix_spawnattr_destroy(long attributes);

    public static native int posix_spawnattr_setflags(long attributes, short flags);

    public static native int posix_spawnattr_setsigdefault(long attributes, long sigset);

    public static native int posix_spawnattr_setsigmask(long attributes, long sigset);

    public static native int sigfillset(long sigset);

    public static native int sigemptyset(long sigset);

    public static native int getpid();

    public static native int isatty(int fd);

    public static native int sched_getcpu();

    public static native String strerror(int errno);

    /**
     * posix_spawn_file_actions_addchdir_np with the directory as bytes at {@code path} (a NUL-terminated copy of the
     * path's bytes: JNA would encode a String in the locale's charset, ASCII when LANG is unset).
     */
    public static native int posix_spawn_file_actions_addchdir_np(long fileActions, long path);

    /**
     * glibc 2.34 added {@code posix_spawn_file_actions_addclosefrom_np}; older libcs lack it, so it is bound in a class
     * of its own (a missing direct-mapped symbol fails the whole class). Returns whether this libc has it and the
     * action was added (then 0 came back), or false when it has not.
     */
    public static boolean addClosefromIfPresent(long fileActions, int from) {
        return CloseFrom.BOUND && CloseFrom.posix_spawn_file_actions_addclosefrom_np(fileActions, from) == 0;
    }

    private static final class CloseFrom {
        static final boolean BOUND = bind();

        private static boolean bind() {
            try {
                DirectMapping.register(CloseFrom.class, LIBRARY);
                return true;
            } catch (UnsatisfiedLinkError e) {
                return false;
            }
        }

        static native int posix_spawn_file_actions_addclosefrom_np(long fileActions, int from);
    }

    public static int errno() {
        return Native.getLastError();
    }
}
