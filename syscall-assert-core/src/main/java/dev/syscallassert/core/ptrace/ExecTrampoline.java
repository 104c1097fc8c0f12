package dev.syscallassert.core.ptrace;

import com.sun.jna.Memory;
import dev.syscallassert.TracerException;
import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.StructLayout;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.linux.Ptrace;
import dev.syscallassert.core.linux.WaitStatus;
import dev.syscallassert.core.linux.Waits;
import dev.syscallassert.core.seccomp.BpfFilter;
import dev.syscallassert.core.spawn.SpawnedTrampoline;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spawned shell's execve of the program (see {@link dev.syscallassert.core.spawn.Spawner}). At its entry stop
 * this drops the program path the shell put in front of argv, removes from the environment what the shell added, and,
 * when the tracer installs the seccomp filter, makes the stopped shell call prctl and seccomp before it re-issues the
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
    private static final int PR_SET_NO_NEW_PRIVS = Constants.intValue("prctl_option", "PR_SET_NO_NEW_PRIVS");
    private static final int SECCOMP_SET_MODE_FILTER = Constants.intValue("seccomp_operation",
            "SECCOMP_SET_MODE_FILTER");

    /** argv and envp are arrays of pointers; dropping argv's first element moves its start by one of them. */
    private static final int POINTER_SIZE = Long.BYTES;
    /** Field 48 of /proc/PID/stat (proc(5)): the address where the argument strings start. */
    private static final int STAT_ARG_START = 48;
    /** At most this many environment entries are read: a bound on walking an envp array without its NULL. */
    private static final int MAX_ENVIRONMENT_ENTRIES = 100_000;
    /** Enough of an environment entry to see its name. */
    private static final int MAX_ENTRY_BYTES = 512;

    private final Map<String, String> environment;
    /** The syscalls the injected filter stops, or null when the tracer injects none. */
    private final int[] filterNumbers;
    /** The filter to install at the execve; built before the spawn, which reserves room for it in the shell. */
    private byte[] filterProgram;
    private final TraceeMemory memory;
    private final Registers regs;
    private final Memory status = new Memory(8);
    private SpawnedTrampoline shell;
    private boolean awaitingProgramExec;

    /**
     * @param environment   the program's environment: every other variable in the shell's is removed
     * @param filterNumbers the syscalls the filter to inject stops, or null to inject none
     */
    ExecTrampoline(Map<String, String> environment, int[] filterNumbers, TraceeMemory memory, Registers regs) {
        this.environment = environment;
        this.filterNumbers = filterNumbers;
        this.memory = memory;
        this.regs = regs;
    }

    /**
     * Builds the filter to inject, if any, and returns how many bytes of the shell's argument strings the spawn must
     * reserve for it (0 without a filter).
     */
    int buildFilter() {
        if (filterNumbers == null) {
            return 0;
        }
        filterProgram = BpfFilter.program(filterNumbers);
        return X86_64.SOCK_FPROG.size() + filterProgram.length;
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
     * when it is to be recorded at this very stop, {@code args} then holding the argv the kernel will use.
     */
    boolean handledEntry(int tid, int nr, long[] args) {
        if (tid != shell.pid() || nr != NR_EXECVE) {
            LibC.ptrace(Ptrace.PTRACE_SYSCALL, tid, 0, 0);
            return true;
        }
        awaitingProgramExec = false;
        if (prepareProgramExec(tid, args)) {
            return true;
        }
        args[1] += POINTER_SIZE;
        return false;
    }

    /**
     * At the shell's execve entry: fixes argv and the environment, and (with a filter to inject) installs the filter
     * by making the stopped shell call prctl and seccomp before it re-issues the execve. Returns true when the execve
     * was re-issued.
     */
    private boolean prepareProgramExec(int tid, long[] args) {
        regs.load(tid);
        long savedRip = regs.get(X86_64.REG_RIP);
        byte[] saved = regs.copy();
        fixEnvironment(tid, args[2]);
        regs.set(X86_64.REG_ARG1, args[1] + POINTER_SIZE);
        if (filterProgram == null) {
            regs.store(tid);
            return false; // the caller records this very stop as the program's execve and resumes it
        }
        long argStart = ProcFs.statField(tid, STAT_ARG_START);
        long scratch = (argStart + shell.scratchOffset() + 7) & ~7L; // 8-aligned for sock_fprog's pointer
        // struct sock_fprog {len, filter} with the instructions right behind it
        StructLayout layout = X86_64.SOCK_FPROG;
        byte[] fprog = new byte[layout.size() + filterProgram.length];
        LittleEndian.put16(fprog, layout.offset("len"), filterProgram.length / X86_64.SOCK_FILTER.size());
        LittleEndian.put64(fprog, layout.offset("filter"), scratch + layout.size());
        System.arraycopy(filterProgram, 0, fprog, layout.size(), filterProgram.length);
        if (argStart <= 0 || !memory.write(tid, scratch, fprog)) {
            throw new TracerException("Cannot write the seccomp filter into the traced process");
        }
        // 1. turn this execve entry into prctl(PR_SET_NO_NEW_PRIVS, 1). It comes first because an unprivileged
        //    process may install a seccomp filter only with no_new_privs set (seccomp(2): EACCES otherwise).
        regs.restore(saved);
        regs.set(X86_64.REG_ORIG_RAX, NR_PRCTL);
        regs.set(X86_64.REG_ARG0, PR_SET_NO_NEW_PRIVS);
        regs.set(X86_64.REG_ARG1, 1);
        regs.set(X86_64.REG_ARG2, 0);
        regs.set(X86_64.REG_ARG3, 0);
        regs.set(X86_64.REG_ARG4, 0);
        regs.store(tid);
        long rc = runReplacedCall(tid);
        if (rc != 0) {
            throw new TracerException("prctl(PR_SET_NO_NEW_PRIVS) failed in the traced process: " + rc);
        }
        // 2. back up onto the syscall instruction and run seccomp(SECCOMP_SET_MODE_FILTER, 0, &fprog)
        regs.load(tid);
        regs.set(X86_64.REG_RIP, savedRip - X86_64.SYSCALL_INSTRUCTION_LENGTH);
        regs.set(X86_64.REG_RAX, NR_SECCOMP);
        regs.set(X86_64.REG_ARG0, SECCOMP_SET_MODE_FILTER);
        regs.set(X86_64.REG_ARG1, 0);
        regs.set(X86_64.REG_ARG2, scratch);
        regs.store(tid);
        rc = runCallAgain(tid);
        if (rc != 0) {
            throw new TracerException("seccomp(SECCOMP_SET_MODE_FILTER) failed in the traced process: " + rc);
        }
        // 3. back up again and re-issue the execve with the corrected argv
        regs.restore(saved);
        regs.set(X86_64.REG_ARG1, args[1] + POINTER_SIZE);
        regs.set(X86_64.REG_RIP, savedRip - X86_64.SYSCALL_INSTRUCTION_LENGTH);
        regs.set(X86_64.REG_RAX, NR_EXECVE);
        regs.store(tid);
        LibC.ptrace(Ptrace.PTRACE_SYSCALL, tid, 0, 0);
        return true;
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
            throw new TracerException("Lost the traced process while its seccomp filter was being installed");
        }
        if (WaitStatus.stopSignal(s) != WaitStatus.SYSCALL_STOP) {
            throw new TracerException("Unexpected stop (signal " + WaitStatus.stopSignal(s)
                    + ") while installing the seccomp filter");
        }
    }

    /** Removes from the envp array every variable the program was not given: a shell may export some of its own. */
    private void fixEnvironment(int tid, long envp) {
        TraceeMemory m = memory.at(tid, tid);
        List<Long> pointers = new ArrayList<>();
        for (int i = 0; i < MAX_ENVIRONMENT_ENTRIES; i++) {
            byte[] b = m.read(envp + (long) POINTER_SIZE * i, POINTER_SIZE);
            if (b == null) {
                return;
            }
            long p = LittleEndian.s64(b, 0);
            if (p == 0) {
                break;
            }
            pointers.add(p);
        }
        List<Long> kept = new ArrayList<>();
        for (long p : pointers) {
            String entry = m.readString(p, MAX_ENTRY_BYTES);
            if (entry == null) {
                kept.add(p);
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq);
            if (environment.containsKey(key)) {
                kept.add(p);
            }
        }
        if (kept.size() == pointers.size()) {
            return;
        }
        byte[] array = new byte[POINTER_SIZE * (kept.size() + 1)]; // the kept pointers, then NULL
        for (int i = 0; i < kept.size(); i++) {
            LittleEndian.put64(array, POINTER_SIZE * i, kept.get(i));
        }
        memory.write(tid, envp, array);
    }
}
