package dev.syscallassert.core.ptrace;

import dev.syscallassert.TracerException;
import dev.syscallassert.core.linux.Errnos;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.linux.Platform;
import dev.syscallassert.core.linux.ProcFs;
import dev.syscallassert.core.linux.Ptrace;

import java.nio.file.Files;

/**
 * Attaches to a running process, strace.c's startup_attach: seizes each of its threads and interrupts it, so that
 * its first stop shows it is traced. The process is never killed; the stop loop detaches from it at the end.
 * Runs on the tracer thread, which then owns the tracees.
 */
final class Attacher {
    /** Field 4 of /proc/PID/stat (proc(5)): the parent's pid. */
    private static final int STAT_PPID = 4;
    /** No PTRACE_O_EXITKILL or seccomp option: the process is not ours, and must outlive the trace. */
    private static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACECLONE
            | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK;

    private final Tasks tasks;

    Attacher(Tasks tasks) {
        this.tasks = tasks;
    }

    /** Returns once every thread of {@code pid} is seized; the ones that ended meanwhile are skipped. */
    void attach(int pid) {
        tasks.attaching(pid);
        if (!Files.isDirectory(ProcFs.of(pid, "task"))) {
            throw new TracerException("Cannot attach to pid " + pid + ": no such process");
        }
        if (ProcFs.statField(pid, STAT_PPID) == LibC.getpid()) {
            // The JDK's process reaper waits for its children without __WNOTHREAD and would swallow their ptrace stops.
            throw new TracerException("Cannot attach to pid " + pid + ": it is a child of this JVM (started with "
                    + "ProcessBuilder or Runtime.exec), and the JDK's reaper thread would steal its ptrace stops. "
                    + "Start it with Tracer.command(...) instead.");
        }
        for (int tid : ProcFs.threads(pid)) {
            if (LibC.ptrace(Ptrace.PTRACE_SEIZE, tid, 0, OPTIONS) != 0) {
                int errno = LibC.errno();
                if (errno == Errnos.ESRCH) {
                    continue; // the thread ended meanwhile
                }
                for (Task t : tasks.all()) {
                    LibC.ptrace(Ptrace.PTRACE_DETACH, t.tid, 0, 0);
                }
                throw Platform.refused(errno, tid, "attach to pid " + pid);
            }
            tasks.register(tid, pid);
            LibC.ptrace(Ptrace.PTRACE_INTERRUPT, tid, 0, 0);
        }
        if (tasks.isEmpty()) {
            // also when the process ended before its threads could be listed
            throw new TracerException("Cannot attach to pid " + pid + ": it exited");
        }
    }
}
