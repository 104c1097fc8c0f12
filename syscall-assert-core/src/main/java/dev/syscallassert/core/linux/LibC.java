package dev.syscallassert.core.linux;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * The libc functions the tracer needs (Java side of the engine's own JNI library, {@code src/main/native/libc_calls.c},
 * which {@link BundledLibrary} loads): each native method is one plain JNI call of the libc function of its name, with
 * primitive arguments and pointers as {@code long} (native memory from {@link NativeMemory}). A call saves errno
 * before it returns to Java, where the JVM may change it; {@link #errno()} reads it back, on the same thread.
 */
public final class LibC {

    static {
        BundledLibrary.load();
    }

    private LibC() {
    }

    public static native long ptrace(long request, int pid, long addr, long data);

    public static native int waitpid(int pid, long statusPointer, int options);

    /** waitpid with the waited-for task's resource usage ({@code struct rusage}, null for none): glibc's waitpid is it. */
    public static native int wait4(int pid, long statusPointer, int options, long rusagePointer);

    public static native int kill(int pid, int signal);

    public static native long syscall(long number, long a1, long a2, long a3);

    /** syscall(2) with six arguments: prctl needs its unused ones zeroed. */
    public static native long syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    public static native long process_vm_readv(int pid, long localIov, long localCount, long remoteIov,
                                               long remoteCount, long flags);

    public static native long process_vm_writev(int pid, long localIov, long localCount, long remoteIov,
                                                long remoteCount, long flags);

    /** readlink with the path as bytes at {@code path} (NUL-terminated: {@link NativeMemory}). */
    public static native long readlink(long path, long buffer, long size);

    public static native int posix_spawn(long pidPointer, long path, long fileActions, long attributes,
                                         long argv, long envp);

    public static native int posix_spawn_file_actions_init(long fileActions);

    public static native int posix_spawn_file_actions_destroy(long fileActions);

    public static native int posix_spawn_file_actions_addopen(long fileActions, int fd, long path, int flags,
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

    /** strerror's message, decoded as the C library wrote it (in the locale's charset). */
    public static String strerror(int errno) {
        return new String(strerrorBytes(errno), MessageCharset.CHARSET);
    }

    private static native byte[] strerrorBytes(int errno);

    private static final class MessageCharset {
        static final Charset CHARSET = charset();

        private static Charset charset() {
            try {
                return Charset.forName(System.getProperty("native.encoding", "UTF-8"));
            } catch (IllegalArgumentException e) {
                return Charset.defaultCharset();
            }
        }
    }

    /**
     * posix_spawn_file_actions_addchdir_np (glibc 2.29) with the directory as bytes at {@code path} (a NUL-terminated
     * copy of the path's bytes, not a String in some charset): its answer, or -1 when this libc lacks it (nothing was
     * added).
     */
    public static native int addchdirIfPresent(long fileActions, long path);

    /**
     * posix_spawn_file_actions_addclosefrom_np (glibc 2.34; older libcs lack it): whether this libc has it and the
     * action was added.
     */
    public static boolean addClosefromIfPresent(long fileActions, int from) {
        return addclosefromIfPresent(fileActions, from) == 0;
    }

    private static native int addclosefromIfPresent(long fileActions, int from);

    /** errno as the last call through this class on this thread left it. */
    public static native int errno();

    /** The address of a direct buffer's memory ({@link NativeMemory}). */
    static native long address(ByteBuffer direct);
}
