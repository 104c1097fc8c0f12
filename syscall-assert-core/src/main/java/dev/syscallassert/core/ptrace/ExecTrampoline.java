package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.linux.NativeMemory;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.seccomp.BpfFilter;
import dev.syscallassert.core.spawn.ShellStack;
import dev.syscallassert.core.spawn.SpawnedTrampoline;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.List;

/**
 * The spawned shell's execve of the program (see {@link dev.syscallassert.core.spawn.Spawner}). At its entry stop
 * this points the call at the argv and environment the shell was spawned with, which the kernel keeps on its stack
 * ({@link ShellStack}), so the program gets exactly those (the shell's own would put its $0 first and reorder the
 * environment); and before the execve goes on it makes the stopped shell call what the program must start with:
 * rt_sigaction for each signal ignored where it should not be or the other way round (glibc's posix_spawn leaves its
 * internal signals 32 and 33 ignored, and SIG_IGN survives exec), rt_sigprocmask when the mask is not the one the
 * JVM was started with, and, when the tracer installs the seccomp filter, prctl and seccomp; then it re-issues the
 * execve. Until that execve the shell's own calls are not traced: every one of its stops is resumed with
 * PTRACE_SYSCALL, since no filter would stop the execve yet (see {@link ResumePolicy}).
 *
 * <p>Confined to the tracer thread. The injected calls are waited for here, with waitpid on the one tid; when the
 * shell ends instead, that wait has consumed its exit, which is handed to the stop loop as {@link TraceeExited}.
 */
final class ExecTrampoline {
    private static final SyscallTable TABLE = SyscallTable.current();
    private static final int NR_EXECVE = TABLE.requireNumber("execve");
    private static final int NR_PRCTL = TABLE.requireNumber("prctl");
    private static final int NR_SECCOMP = TABLE.requireNumber("seccomp");
    private static final int NR_RT_SIGACTION = TABLE.requireNumber("rt_sigaction");
    private static final int NR_RT_SIGPROCMASK = TABLE.requireNumber("rt_sigprocmask");
    private static final int PR_SET_NO_NEW_PRIVS = Constants.intValue("prctl_option", "PR_SET_NO_NEW_PRIVS");
    private static final int SECCOMP_SET_MODE_FILTER = Constants.intValue("seccomp_operation",
            "SECCOMP_SET_MODE_FILTER");
    private static final long SIG_DFL = Constants.value("spawn_signal_handler", "SIG_DFL");
    private static final long SIG_IGN = Constants.value("spawn_signal_handler", "SIG_IGN");
    private static final int SIG_SETMASK = Constants.intValue("spawn_sigprocmask_how", "SIG_SETMASK");
    private static final int SIGRTMAX = Constants.intValue("signal_range", "SIGRTMAX");

    /** Field 48 of /proc/PID/stat (proc(5)): the address where the argument strings start. */
    private static final int STAT_ARG_START = 48;
    /**
     * What the injected calls read, in the scratch bytes: a struct sigaction with SIG_DFL, one with SIG_IGN, the mask,
     * then the seccomp filter's sock_fprog and instructions.
     */
    private static final StructLayout SIGACTION = X86_64.KERNEL_SIGACTION;
    private static final int SIGSET_SIZE = X86_64.KERNEL_SIGSET.size();
    private static final int DEFAULT_ACTION = 0;
    private static final int IGNORE_ACTION = DEFAULT_ACTION + SIGACTION.size();
    private static final int MASK = IGNORE_ACTION + SIGACTION.size();
    private static final int FPROG = (MASK + SIGSET_SIZE + 7) & ~7; // 8-aligned for sock_fprog's pointer

    private static final int[] ARG_REGISTERS = {X86_64.REG_ARG0, X86_64.REG_ARG1, X86_64.REG_ARG2, X86_64.REG_ARG3,
        X86_64.REG_ARG4};

    /** A call to make in the stopped shell; {@code what} names it in the failure when it fails. */
    private record Injected(String what, long nr, long... args) {
    }

    /** The syscalls the injected filter stops, or null when the tracer injects none. */
    private final int[] filterNumbers;
    /** The socket() domains it also stops (deny mode), see {@link BpfFilter#program(int[], int[])}. */
    private final int[] socketDomains;
    /** The filter to install at the execve; built before the spawn, which reserves room for it in the shell. */
    private byte[] filterProgram;
    private final TraceeMemory memory;
    private final Registers regs;
    private final NativeMemory status = new NativeMemory(8);
    private SpawnedTrampoline shell;
    private boolean awaitingProgramExec;

    /**
     * @param filterNumbers the syscalls the filter to inject stops, or null to inject none
     * @param socketDomains the socket() domains it stops besides (empty for none)
     */
    ExecTrampoline(int[] filterNumbers, int[] socketDomains, TraceeMemory memory, Registers regs) {
        this.filterNumbers = filterNumbers;
        this.socketDomains = socketDomains;
        this.memory = memory;
        this.regs = regs;
    }

    /**
     * Builds the filter to inject, if any, and returns how many bytes of the shell's argument strings the spawn must
     * reserve for what the injected calls read.
     */
    int scratchBytes() {
        if (filterNumbers == null) {
            return FPROG;
        }
        filterProgram = BpfFilter.program(filterNumbers, socketDomains);
        return FPROG + X86_64.SOCK_FPROG.size() + filterProgram.length;
    }

    /** The shell is seized and about to be continued: from now on its stops come here until it execs the program. */
    void seized(SpawnedTrampoline spawned) {
        this.shell = spawned;
        this.awaitingProgramExec = true;
    }

    /** Whether the shell has not reached the program's execve yet: each of its syscall entries is then for here. */
    boolean awaitingProgramExec() {
        return awaitingProgramExec;
    }

    /**
     * A syscall entry while {@link #awaitingProgramExec()}. Returns true when the stop has been dealt with here (the
     * shell's own calls are resumed untraced; a re-issued execve's stops come next); false for the program's execve
     * when it is to be recorded at this very stop, {@code args} then holding the arguments the kernel will use.
     */
    boolean handledEntry(int tid, int nr, long[] args) {
        if (tid != shell.pid() || nr != NR_EXECVE) {
            LibC.ptrace(Ptrace.PTRACE_SYSCALL, tid, 0, 0);
            return true;
        }
        awaitingProgramExec = false;
        TraceeMemory m = memory.at(tid, tid);
        ShellStack.ProgramExec exec;
        try {
            exec = ShellStack.locate(tid, shell, m::read);
        } catch (TracerException e) {
            throw unlessKilled(tid, e);
        }
        if (prepareProgramExec(tid, exec)) {
            return true;
        }
        args[0] = exec.path();
        args[1] = exec.argv();
        args[2] = exec.envp();
        return false;
    }

    /**
     * At the shell's execve entry: points the call at the spawned argv and environment and runs the calls the program's
     * start needs in the stopped shell before it re-issues the execve. Returns true when the execve was re-issued,
     * false when nothing had to be called first (the caller records this very stop as the program's execve).
     */
    private boolean prepareProgramExec(int tid, ShellStack.ProgramExec exec) {
        regs.load(tid);
        long savedRip = regs.get(X86_64.REG_RIP);
        byte[] saved = regs.copy();
        long argStart = ProcFs.statField(tid, STAT_ARG_START);
        long scratch = (argStart + shell.scratchOffset() + 7) & ~7L;
        List<Injected> calls = startCalls(tid, scratch);
        if (calls.isEmpty()) {
            pointAtProgram(exec);
            regs.store(tid);
            return false;
        }
        if (argStart <= 0 || !memory.write(tid, scratch, scratchData(scratch))) {
            throw unlessKilled(tid, new TracerException("Cannot write into the traced process what its start needs"));
        }
        for (int i = 0; i < calls.size(); i++) {
            Injected call = calls.get(i);
            regs.restore(saved);
            if (i == 0) {
                regs.set(X86_64.REG_ORIG_RAX, call.nr()); // this execve entry becomes the first call
            } else {
                regs.set(X86_64.REG_RIP, savedRip - X86_64.SYSCALL_INSTRUCTION_LENGTH); // execute the syscall again
                regs.set(X86_64.REG_RAX, call.nr());
            }
            for (int a = 0; a < ARG_REGISTERS.length; a++) {
                regs.set(ARG_REGISTERS[a], a < call.args().length ? call.args()[a] : 0);
            }
            regs.store(tid);
            long rc = i == 0 ? runReplacedCall(tid) : runCallAgain(tid);
            if (rc != 0) {
                throw new TracerException(call.what() + " failed in the traced process: " + rc);
            }
        }
        // back up again and re-issue the execve, now with the spawned argv and environment
        regs.restore(saved);
        pointAtProgram(exec);
        regs.set(X86_64.REG_RIP, savedRip - X86_64.SYSCALL_INSTRUCTION_LENGTH);
        regs.set(X86_64.REG_RAX, NR_EXECVE);
        regs.store(tid);
        LibC.ptrace(Ptrace.PTRACE_SYSCALL, tid, 0, 0);
        return true;
    }

    /**
     * {@code failure} to read or write the shell at its execve entry stop, unless the shell was killed meanwhile
     * (kill() or a timeout during the start), which leaves it no stack or memory: a killed tracee is no longer in its
     * stop, so reloading its registers fails with ESRCH ({@link TraceeVanished}) and the stop loop records its death
     * as the kill's. Only while nothing has resumed the shell: a running one gives ESRCH too.
     */
    private TracerException unlessKilled(int tid, TracerException failure) {
        regs.load(tid);
        return failure;
    }

    private void pointAtProgram(ShellStack.ProgramExec exec) {
        regs.set(X86_64.REG_ARG0, exec.path());
        regs.set(X86_64.REG_ARG1, exec.argv());
        regs.set(X86_64.REG_ARG2, exec.envp());
    }

    /**
     * The calls to make in the shell, from what its /proc status shows now against what the program is
     * to start with. An ignored disposition is the only one exec keeps (handlers become SIG_DFL), so only those are
     * compared; the prctl must come before seccomp, which an unprivileged process may call only with no_new_privs.
     */
    private List<Injected> startCalls(int tid, long scratch) {
        String procStatus = ProcFs.read(ProcFs.of(tid, "status"));
        long ignored = signalSet(procStatus, "SigIgn");
        long blocked = signalSet(procStatus, "SigBlk");
        List<Injected> calls = new ArrayList<>();
        long differ = ignored ^ shell.ignoredSignals();
        for (int sig = 1; sig <= SIGRTMAX; sig++) {
            long bit = 1L << (sig - 1);
            if ((differ & bit) != 0 && sig != Signals.SIGKILL && sig != Signals.SIGSTOP) {
                long action = scratch + ((shell.ignoredSignals() & bit) != 0 ? IGNORE_ACTION : DEFAULT_ACTION);
                calls.add(new Injected("rt_sigaction(" + Signals.name(sig) + ")", NR_RT_SIGACTION, sig, action, 0,
                        SIGSET_SIZE));
            }
        }
        if (blocked != shell.signalMask()) {
            calls.add(new Injected("rt_sigprocmask(SIG_SETMASK)", NR_RT_SIGPROCMASK, SIG_SETMASK, scratch + MASK, 0,
                    SIGSET_SIZE));
        }
        if (filterProgram != null) {
            calls.add(new Injected("prctl(PR_SET_NO_NEW_PRIVS)", NR_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
            calls.add(new Injected("seccomp(SECCOMP_SET_MODE_FILTER)", NR_SECCOMP, SECCOMP_SET_MODE_FILTER, 0,
                    scratch + FPROG));
        }
        return calls;
    }

    /** The bytes the injected calls read, laid out as {@link #FPROG} and its neighbours say, for address {@code at}. */
    private byte[] scratchData(long at) {
        int fprogSize = filterProgram == null ? 0 : X86_64.SOCK_FPROG.size() + filterProgram.length;
        byte[] data = new byte[FPROG + fprogSize];
        LittleEndian.put64(data, DEFAULT_ACTION + SIGACTION.offset("sa_handler"), SIG_DFL);
        LittleEndian.put64(data, IGNORE_ACTION + SIGACTION.offset("sa_handler"), SIG_IGN);
        LittleEndian.put64(data, MASK, shell.signalMask());
        if (filterProgram != null) {
            // struct sock_fprog {len, filter} with the instructions right behind it
            StructLayout layout = X86_64.SOCK_FPROG;
            LittleEndian.put16(data, FPROG + layout.offset("len"), filterProgram.length / X86_64.SOCK_FILTER.size());
            LittleEndian.put64(data, FPROG + layout.offset("filter"), at + FPROG + layout.size());
            System.arraycopy(filterProgram, 0, data, FPROG + layout.size(), filterProgram.length);
        }
        return data;
    }

    /** A SigIgn/SigBlk line of a /proc status text (16 hex digits, bit n-1 for signal n), or 0. */
    private static long signalSet(String procStatus, String field) {
        try {
            return Long.parseUnsignedLong(ProcFs.fieldOf(procStatus, field).orElse("0"), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** At an entry stop whose call was replaced in the registers: runs it to its exit stop and returns its result. */
    private long runReplacedCall(int tid) {
        resumeToSyscallStop(tid); // the exit stop
        regs.load(tid);
        return regs.get(X86_64.REG_RAX);
    }

    /**
     * With rip moved back onto the {@code syscall} instruction: the tracee executes it once more, so an entry stop and
     * then an exit stop come. Returns the call's result.
     */
    private long runCallAgain(int tid) {
        resumeToSyscallStop(tid); // the entry stop
        resumeToSyscallStop(tid); // the exit stop
        regs.load(tid);
        return regs.get(X86_64.REG_RAX);
    }

    /** PTRACE_SYSCALL, then waits for the next stop of this one tid, which must be a syscall stop. */
    private void resumeToSyscallStop(int tid) {
        LibC.ptrace(Ptrace.PTRACE_SYSCALL, tid, 0, 0);
        int r = Waits.waitpid(tid, status, WaitStatus.__WALL);
        int s = status.getInt(0);
        if (r == tid && (WaitStatus.exited(s) || WaitStatus.signaled(s))) {
            throw new TraceeExited(tid, s);
        }
        if (r != tid || !WaitStatus.stopped(s)) {
            throw new TracerException("Lost the traced process while it was being prepared to start the program");
        }
        if (WaitStatus.stopSignal(s) != WaitStatus.SYSCALL_STOP) {
            throw new TracerException("Unexpected stop (signal " + WaitStatus.stopSignal(s)
                    + ") while preparing the program's start");
        }
    }
}
