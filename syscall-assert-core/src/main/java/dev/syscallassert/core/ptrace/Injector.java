package dev.syscallassert.core.ptrace;

import dev.syscallassert.core.act.Action;
import dev.syscallassert.core.act.ActSwitch;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.decode.DecodedCall;

/**
 * Acts on calls in the syscall pipeline, as strace's tamper_with_syscall_entering/exiting do: at the entry stop
 * the rules its {@link ActSwitch} holds at that stop decide; a cancelled call gets orig_rax = -1 (the kernel skips it) and its return value in rax
 * (-errno for an error), which the exit stop then reports; a short transfer gets a smaller count in its count
 * register, which is put back at the exit stop (the syscall ABI keeps argument registers, and compiled code may
 * rely on it), the buffer then holding what the kernel really transferred; a delay holds the task stopped
 * ({@link HeldTasks}) at the entry or the exit; a signal is delivered as the task leaves the exit stop (the kernel
 * sends a signal given at a syscall-exit stop; at a seccomp stop it would be dropped). Confined to the tracer thread.
 */
final class Injector {
    private static final int[] ARGUMENT_REGISTERS = {X86_64.REG_ARG0, X86_64.REG_ARG1, X86_64.REG_ARG2,
        X86_64.REG_ARG3, X86_64.REG_ARG4};

    private final ActSwitch rules;
    private final Registers regs;
    private final ResumePolicy resumes;
    private final HeldTasks held;

    Injector(ActSwitch rules, Registers regs, ResumePolicy resumes, HeldTasks held) {
        this.rules = rules;
        this.regs = regs;
        this.resumes = resumes;
        this.held = held;
    }

    boolean watches(int nr) {
        return rules.watches(nr);
    }

    /** What to do with this call, decided from its decoded entry; null to let it run. */
    Action decide(Task task, int nr, long[] args, DecodedCall decoded) {
        return rules.decide(task.tid, nr, args, decoded);
    }

    /** Changes the stopped task's registers at the call's entry. */
    void applyAtEntry(Task task, Action a) {
        if (!a.cancel && a.countArgument < 0) {
            return;
        }
        regs.load(task.tid);
        if (a.cancel) {
            regs.set(X86_64.REG_ORIG_RAX, -1);
            regs.set(X86_64.REG_RAX, a.returnValue);
        }
        if (a.countArgument >= 0) {
            regs.set(ARGUMENT_REGISTERS[a.countArgument], a.count);
        }
        regs.store(task.tid);
    }

    /** Lets the task go on from the entry stop, now or after the delay. */
    void resumeFromEntry(Task task, Action a) {
        if (a.delayBeforeNanos > 0) {
            held.hold(task, a.delayBeforeNanos, 0);
        } else {
            resumes.resume(task, 0);
        }
    }

    /** At the exit stop, before anything reads the result: the count register the call was asked with again. */
    void restoreAtExit(Task task, InFlightCall call) {
        Action a = call.action;
        if (a != null && a.countArgument >= 0) {
            regs.load(task.tid);
            regs.set(ARGUMENT_REGISTERS[a.countArgument], call.args[a.countArgument]);
            regs.store(task.tid);
        }
    }

    /** Lets the task go on from the exit stop: with the signal, now or after the delay. */
    void resumeFromExit(Task task, Action a) {
        if (a.delayAfterNanos > 0) {
            held.hold(task, a.delayAfterNanos, a.signal);
        } else {
            resumes.resume(task, a.signal);
        }
    }
}
