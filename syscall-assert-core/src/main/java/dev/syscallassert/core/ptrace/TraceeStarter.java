package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.spawn.SpawnedTrampoline;
import dev.syscallassert.core.spawn.Spawner;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.nio.file.Path;

/**
 * Starts a program traced, strace.c's startup_child: spawns the self-stopping shell ({@link Spawner}), seizes it and
 * lets it go on to exec the program, optionally pinned first to the tracer thread's CPU. Runs on the tracer thread,
 * which then owns the tracee: only the thread that seized a tracee may wait for it and make ptrace requests.
 */
final class TraceeStarter {
    private static final int NR_SCHED_SETAFFINITY = SyscallTable.current().requireNumber("sched_setaffinity");
    /** sizeof(cpu_set_t): glibc's CPU_SETSIZE, 1024 CPUs, one bit each. */
    private static final int CPU_SET_BYTES = 128;
    /** Everything a spawned tree is traced for; EXITKILL: if the tracer dies, the tree dies with it. */
    private static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE
            | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;

    private final TraceConfig config;
    private final Tasks tasks;
    private final ExecTrampoline trampoline;
    private final TraceOutput output;

    TraceeStarter(TraceConfig config, Tasks tasks, ExecTrampoline trampoline, TraceOutput output) {
        this.config = config;
        this.tasks = tasks;
        this.trampoline = trampoline;
        this.output = output;
    }

    /** Returns once the shell is seized and continued: its next stops are the wait loop's. */
    void start() {
        if (config.sameCpu()) {
            pinThisThreadToItsCpu(); // before the spawn: the program inherits the mask
        }
        int scratch = trampoline.scratchBytes();
        Path cwd = config.workingDirectory() != null ? config.workingDirectory().toAbsolutePath()
                : Path.of("").toAbsolutePath();
        SpawnedTrampoline shell = Spawner.spawn(config.command(), cwd, config.environment(), config.inheritIO(),
                scratch);
        output.capturedBy(shell);
        tasks.spawnedShell(shell.pid());
        int pid = shell.pid();
        if (LibC.ptrace(Ptrace.PTRACE_SEIZE, pid, 0, OPTIONS) != 0) {
            int errno = LibC.errno();
            LibC.kill(pid, Signals.SIGKILL);
            Waits.waitpid(pid, new NativeMemory(8), WaitStatus.__WALL); // reap it: nothing is left behind
            throw Platform.refused(errno, pid, "seize the program it started");
        }
        tasks.shellSeized();
        trampoline.seized(shell);
        tasks.register(pid, pid);
        LibC.kill(pid, Signals.SIGCONT);
    }

    /** sched_setaffinity(0 = this thread) to the CPU it runs on now; the tracer thread ends with the trace. */
    private static void pinThisThreadToItsCpu() {
        int cpu = LibC.sched_getcpu();
        if (cpu < 0) {
            throw new TracerException("sameCpu(): sched_getcpu failed: " + LibC.strerror(LibC.errno()));
        }
        NativeMemory mask = new NativeMemory(CPU_SET_BYTES);
        mask.clear();
        mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
        if (LibC.syscall(NR_SCHED_SETAFFINITY, 0, mask.size(), mask.address()) != 0) {
            throw new TracerException("sameCpu(): sched_setaffinity failed: " + LibC.strerror(LibC.errno()));
        }
        java.lang.ref.Reference.reachabilityFence(mask); // only its address was passed
    }
}
