package dev.syscallassert.core.spawn;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.ByteStrings;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.syscalls.SyscallTable;
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
 * the program path is passed as $0 and the program's own argv[0] as $1. At the shell's execve the tracer points the
 * call at these very strings on the shell's stack ({@link ShellStack}), so the program gets exactly the argv and
 * environment given here, byte for byte and in order, whatever the shell would have made of them.
 *
 * <p>What else the program starts with is {@link StartState}'s: this JVM's ignored signals survive (posix_spawn resets
 * only handlers, as exec does), the mask is the one the JVM was started with, and the file limit HotSpot raised is
 * given back. glibc's posix_spawn also leaves its internal signals 32 and 33 ignored in the child, and cannot block
 * them: the tracer mends both at the execve ({@code ExecTrampoline}).
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
    private static final int NR_PRLIMIT64 = SyscallTable.current().requireNumber("prlimit64");
    private static final int RLIMIT_NOFILE = Constants.intValue("spawn_rlimit", "RLIMIT_NOFILE");
    /** glibc's sigset_t is 1024 bits; the kernel's signals are its first 64, bit n-1 for signal n. */
    private static final int GLIBC_SIGSET_BYTES = 128;

    private Spawner() {
    }

    /**
     * Spawns the trampoline and waits until it has stopped itself. Must be called on the tracer thread.
     *
     * @param environment  the program's environment, or null for the one this JVM was started with
     * @param scratchBytes how many bytes the tracer may later write into the child (the injected calls' data)
     */
    public static SpawnedTrampoline spawn(List<String> command, Path workingDirectory, Map<String, String> environment,
                                          boolean inheritIO, int scratchBytes) {
        Path program = ExecutableResolver.resolve(command.get(0), workingDirectory,
                environment != null ? environment : System.getenv());
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
        List<byte[]> shellArgv = new ArrayList<>();
        for (String s : List.of(SHELL, "-c", script, ByteStrings.of(program))) {
            shellArgv.add(ByteStrings.encode(s));
        }
        for (String arg : command) {
            shellArgv.add(ByteStrings.encode(arg));
        }
        List<byte[]> env = environment != null ? StartState.entries(environment) : StartState.jvmEnvironment();
        long ignored = StartState.ignoredSignals();
        long mask = StartState.startMask();

        NativeMemory fileActions = new NativeMemory(256);
        NativeMemory attributes = new NativeMemory(512);
        NativeMemory sigset = new NativeMemory(GLIBC_SIGSET_BYTES);
        NativeMemory pidOut = new NativeMemory(8);
        NativeMemory argv = NativeStrings.array(shellArgv);
        NativeMemory envp = NativeStrings.array(env);
        // paths as their bytes, not as a String in some charset
        NativeMemory cwd = NativeStrings.string(ByteStrings.encode(ByteStrings.of(workingDirectory)));
        NativeMemory shell = NativeStrings.string(ByteStrings.encode(SHELL));
        NativeMemory devNull = NativeStrings.string(ByteStrings.encode("/dev/null"));
        NativeMemory outPath = inheritIO ? null : NativeStrings.string(ByteStrings.encode(ByteStrings.of(out)));
        NativeMemory errPath = inheritIO ? null : NativeStrings.string(ByteStrings.encode(ByteStrings.of(err)));
        long actions = fileActions.address(); // the NativeMemory objects stay reachable: see finally
        long attrs = attributes.address();
        int rc = LibC.posix_spawn_file_actions_init(actions);
        check(rc, "posix_spawn_file_actions_init");
        LibC.posix_spawnattr_init(attrs);
        try {
            // The JVM's threads block signals of their own (SIGQUIT); the program gets the JVM's start mask. No
            // POSIX_SPAWN_SETSIGDEF: without it handlers become SIG_DFL and what the JVM ignores stays ignored,
            // exactly as exec does; sigfillset could not name glibc's internal signals anyway.
            LibC.sigemptyset(sigset.address());
            sigset.setLong(0, mask);
            LibC.posix_spawnattr_setsigmask(attrs, sigset.address());
            LibC.posix_spawnattr_setflags(attrs, (short) POSIX_SPAWN_SETSIGMASK);
            if (!inheritIO) {
                check(LibC.posix_spawn_file_actions_addopen(actions, 0, devNull.address(), O_RDONLY, 0),
                        "redirect stdin");
                check(LibC.posix_spawn_file_actions_addopen(actions, 1, outPath.address(),
                        O_WRONLY | O_CREAT | O_TRUNC, 0600), "redirect stdout");
                check(LibC.posix_spawn_file_actions_addopen(actions, 2, errPath.address(),
                        O_WRONLY | O_CREAT | O_TRUNC, 0600), "redirect stderr");
            }
            // The JVM's own descriptors must not leak into the traced program (they would show up in its trace).
            LibC.addClosefromIfPresent(actions, 3);
            rc = LibC.addchdirIfPresent(actions, cwd.address());
            if (rc == -1) {
                throw new TracerException("Cannot start " + command + " in " + workingDirectory + ": this C library "
                        + "lacks posix_spawn_file_actions_addchdir_np (glibc 2.29 or later has it)");
            }
            check(rc, "change directory");
            rc = LibC.posix_spawn(pidOut.address(), shell.address(), actions, attrs, argv.address(), envp.address());
            if (rc != 0) {
                throw new TracerException("Cannot start " + SHELL + " to run " + command + ": " + LibC.strerror(rc));
            }
        } finally {
            // Only their addresses were passed: the native memory must outlive the calls.
            java.lang.ref.Reference.reachabilityFence(sigset);
            java.lang.ref.Reference.reachabilityFence(argv);
            java.lang.ref.Reference.reachabilityFence(envp);
            java.lang.ref.Reference.reachabilityFence(cwd);
            java.lang.ref.Reference.reachabilityFence(shell);
            java.lang.ref.Reference.reachabilityFence(devNull);
            java.lang.ref.Reference.reachabilityFence(outPath);
            java.lang.ref.Reference.reachabilityFence(errPath);
            java.lang.ref.Reference.reachabilityFence(pidOut);
            LibC.posix_spawn_file_actions_destroy(fileActions.address());
            LibC.posix_spawnattr_destroy(attributes.address());
        }
        int pid = pidOut.getInt(0);
        waitForSelfStop(pid, command);
        StartState.fileLimit().ifPresent(soft -> setFileLimit(pid, soft, command));
        // Offset of the reserved spaces from the start of the child's argument strings ("/bin/sh\0-c\0script...").
        int scratchOffset = SHELL.length() + 1 + "-c".length() + 1 + SCRIPT.length() + 2;
        return new SpawnedTrampoline(pid, out, err, scratchOffset, List.copyOf(shellArgv), List.copyOf(env), ignored,
                mask);
    }

    /** prlimit64 on the stopped shell: the soft RLIMIT_NOFILE {@link StartState} gives back, the hard one kept. */
    private static void setFileLimit(int pid, long soft, List<String> command) {
        StructLayout layout = X86_64.RLIMIT64;
        NativeMemory limit = new NativeMemory(layout.size());
        long address = limit.address();
        if (LibC.syscall6(NR_PRLIMIT64, pid, RLIMIT_NOFILE, 0, address, 0, 0) != 0) {
            throw new TracerException("Cannot read the file limit of the shell started to run " + command + ": "
                    + LibC.strerror(LibC.errno()));
        }
        limit.setLong(layout.offset("rlim_cur"), soft);
        if (LibC.syscall6(NR_PRLIMIT64, pid, RLIMIT_NOFILE, address, 0, 0, 0) != 0) {
            throw new TracerException("Cannot set the file limit of the shell started to run " + command + ": "
                    + LibC.strerror(LibC.errno()));
        }
        java.lang.ref.Reference.reachabilityFence(limit);
    }
    private static void waitForSelfStop(int pid, List<String> command) {
        NativeMemory status = new NativeMemory(8);
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
