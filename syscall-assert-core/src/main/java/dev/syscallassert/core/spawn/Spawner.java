package dev.syscallassert.core.spawn;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.xlat.Constants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the program to trace with posix_spawn, through a self-stopping shell, from the calling (tracer) thread.
 *
 * <p>Not ProcessBuilder: the JDK reaps every child it starts with waitpid(pid), which would steal this child's
 * ptrace stops. The shell stops itself before exec so the tracer can seize it before the program's first instruction;
 * the program path is passed as $0 and the program's own argv[0] as $1, so the shell execs
 * {@code [path, argv0, args...]} and the tracer drops the first element at the execve entry (the program then sees
 * exactly the argv it was given).
 */
public final class Spawner {
    public static final String SHELL = "/bin/sh";
    private static final String SCRIPT = "kill -STOP $$; exec \"$0\" \"$@\"";
    /**
     * Spare bytes after the reserved ones: the tracer moves the start of what it writes up to an 8-byte boundary,
     * which takes up to 7 of them.
     */
    private static final int SCRATCH_SLACK = 16;

    private static final int O_RDONLY = Constants.intValue("open_access", "O_RDONLY");
    private static final int O_WRONLY = Constants.intValue("open_access", "O_WRONLY");
    private static final int O_CREAT = Constants.intValue("open_flags", "O_CREAT");
    private static final int O_TRUNC = Constants.intValue("open_flags", "O_TRUNC");
    private static final int POSIX_SPAWN_SETSIGMASK = Constants.intValue("posix_spawn_flags", "POSIX_SPAWN_SETSIGMASK");
    private static final int POSIX_SPAWN_SETSIGDEF = Constants.intValue("posix_spawn_flags", "POSIX_SPAWN_SETSIGDEF");

    private Spawner() {
    }

    /**
     * Spawns the trampoline and waits until it has stopped itself. Must be called on the tracer thread.
     *
     * @param scratchBytes how many bytes the tracer may later write into the child (for a seccomp filter)
     */
    public static SpawnedTrampoline spawn(List<String> command, Path workingDirectory, Map<String, String> environment,
                                          boolean inheritIO, int scratchBytes) {
        Path program = ExecutableResolver.resolve(command.get(0), workingDirectory, environment);
        if (!Files.isDirectory(workingDirectory)) {
            throw new TracerException("Working directory " + workingDirectory
                    + " does not exist or is not a directory");
        }
        Path out = null;
        Path err = null;
        try {
            if (!inheritIO) {
                out = Files.createTempFile("syscall-assert-stdout-", ".txt");
                err = Files.createTempFile("syscall-assert-stderr-", ".txt");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create files for the traced program's output", e);
        }
        // A comment of spaces after the script reserves writable bytes inside the child's argument strings.
        String script = SCRIPT + (scratchBytes > 0 ? " #" + " ".repeat(scratchBytes + SCRATCH_SLACK) : "");
        List<String> shellArgv = new ArrayList<>();
        shellArgv.add(SHELL);
        shellArgv.add("-c");
        shellArgv.add(script);
        shellArgv.add(program.toString());
        shellArgv.addAll(command);
        List<String> env = new ArrayList<>();
        environment.forEach((k, v) -> env.add(k + "=" + v));

        Memory fileActions = new Memory(256);
        Memory attributes = new Memory(512);
        Memory sigset = new Memory(128);
        Memory pidOut = new Memory(8);
        long actions = Pointer.nativeValue(fileActions); // the Memory objects stay reachable: see finally
        long attrs = Pointer.nativeValue(attributes);
        int rc = LibC.posix_spawn_file_actions_init(actions);
        check(rc, "posix_spawn_file_actions_init");
        LibC.posix_spawnattr_init(attrs);
        try {
            // The JVM blocks and ignores some signals; the program must start with default dispositions and mask.
            LibC.sigemptyset(Pointer.nativeValue(sigset));
            LibC.posix_spawnattr_setsigmask(attrs, Pointer.nativeValue(sigset));
            LibC.sigfillset(Pointer.nativeValue(sigset));
            LibC.posix_spawnattr_setsigdefault(attrs, Pointer.nativeValue(sigset));
            LibC.posix_spawnattr_setflags(attrs, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
            if (!inheritIO) {
                check(LibC.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0), "redirect stdin");
                check(LibC.posix_spawn_file_actions_addopen(actions, 1, out.toString(),
                        O_WRONLY | O_CREAT | O_TRUNC, 0600), "redirect stdout");
                check(LibC.posix_spawn_file_actions_addopen(actions, 2, err.toString(),
                        O_WRONLY | O_CREAT | O_TRUNC, 0600), "redirect stderr");
            }
            // The JVM's own descriptors must not leak into the traced program (they would show up in its trace).
            Function closeFrom = LibC.optional("posix_spawn_file_actions_addclosefrom_np");
            if (closeFrom != null) {
                closeFrom.invokeInt(new Object[] {fileActions, 3});
            }
            check(LibC.posix_spawn_file_actions_addchdir_np(actions, workingDirectory.toString()), "change directory");
            StringArray argv = new StringArray(shellArgv.toArray(new String[0]));
            StringArray envp = new StringArray(env.toArray(new String[0]));
            rc = LibC.posix_spawn(Pointer.nativeValue(pidOut), SHELL, actions, attrs, Pointer.nativeValue(argv),
                    Pointer.nativeValue(envp));
            // The native strings must outlive the call; peer() alone does not keep them reachable.
            java.lang.ref.Reference.reachabilityFence(argv);
            java.lang.ref.Reference.reachabilityFence(envp);
            if (rc != 0) {
                throw new TracerException("Cannot start " + SHELL + " to run " + command + ": " + LibC.strerror(rc));
            }
        } finally {
            java.lang.ref.Reference.reachabilityFence(sigset);
            LibC.posix_spawn_file_actions_destroy(Pointer.nativeValue(fileActions));
            LibC.posix_spawnattr_destroy(Pointer.nativeValue(attributes));
        }
        int pid = pidOut.getInt(0);
        waitForSelfStop(pid, command);
        // Offset of the reserved spaces from the start of the child's argument strings ("/bin/sh\0-c\0script...").
        int scratchOffset = SHELL.length() + 1 + "-c".length() + 1 + SCRIPT.length() + 2;
        return new SpawnedTrampoline(pid, out, err, scratchOffset);
    }

    private static void waitForSelfStop(int pid, List<String> command) {
        Memory status = new Memory(8);
        while (true) {
            int r = Waits.waitpid(pid, status, WaitStatus.WUNTRACED | WaitStatus.__WALL);
            if (r != pid) {
                throw new TracerException("Lost the child started to run " + command + ": waitpid failed with errno "
                        + LibC.errno());
            }
            int s = status.getInt(0);
            if (WaitStatus.stopped(s) && WaitStatus.stopSignal(s) == Signals.SIGSTOP) {
                return;
            }
            if (WaitStatus.exited(s) || WaitStatus.signaled(s)) {
                throw new TracerException("The shell started to run " + command + " ended before it could be traced"
                        + (WaitStatus.exited(s) ? " (exit status " + WaitStatus.exitStatus(s) + ")"
                        : " (" + Signals.name(WaitStatus.termSignal(s)) + ")"));
            }
        }
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new TracerException("posix_spawn setup failed (" + what + "): " + LibC.strerror(rc));
        }
    }
}
