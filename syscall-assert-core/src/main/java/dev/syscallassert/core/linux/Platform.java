package dev.syscallassert.core.linux;

import dev.syscallassert.TracingNotPermittedException;
import dev.syscallassert.UnsupportedPlatformException;
import dev.syscallassert.core.xlat.Constants;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Whether this machine can trace at all, and why the kernel refused when it did. */
public final class Platform {
    private Platform() {
    }

    private static final int CAP_SYS_PTRACE = Constants.intValue("capability", "CAP_SYS_PTRACE");

    /** Empty when tracing is possible in principle here; otherwise the reason it is not. */
    public static Optional<String> unsupportedReason() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("syscall-assert traces with Linux ptrace; this is " + os + " (" + arch + ")");
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return Optional.of("syscall-assert supports x86_64 Linux only so far; this machine is " + arch);
        }
        return Optional.empty();
    }

    public static void requireTraceable() {
        Optional<String> reason = unsupportedReason();
        if (reason.isPresent()) {
            throw new UnsupportedPlatformException(reason.get());
        }
    }

    /** Explains a failed PTRACE_SEIZE: which of the usual suspects applies here. */
    public static TracingNotPermittedException refused(int errno, int pid, String what) {
        StringBuilder why = new StringBuilder("ptrace refused to ").append(what).append(" (pid ").append(pid)
                .append("): ").append(LibC.strerror(errno)).append(". ");
        String yama = trimmed(ProcFs.read(Path.of("/proc/sys/kernel/yama/ptrace_scope")));
        String self = ProcFs.read(ProcFs.of("self", "status"));
        if (errno == Errnos.ENOSYS) {
            why.append("ptrace is blocked by a seccomp profile (containers: run with --cap-add=SYS_PTRACE "
                    + "--security-opt seccomp=unconfined, or allow ptrace in the profile).");
        } else if (errno == Errnos.EPERM) {
            if ("3".equals(yama)) {
                why.append("Yama's kernel.yama.ptrace_scope is 3: ptrace is disabled until reboot.");
            } else if ("2".equals(yama) && !hasCapSysPtrace(self)) {
                why.append("Yama's kernel.yama.ptrace_scope is 2: only processes with CAP_SYS_PTRACE may trace "
                        + "(sysctl kernel.yama.ptrace_scope=1, or grant CAP_SYS_PTRACE).");
            } else if (ProcFs.fieldOf(self, "Seccomp").filter(v -> !v.equals("0")).isPresent()) {
                why.append("This JVM runs under a seccomp filter (Seccomp: ").append(ProcFs.fieldOf(self, "Seccomp").get())
                        .append(" in /proc/self/status), as in a container whose profile forbids ptrace "
                                + "(docker: --cap-add=SYS_PTRACE or --security-opt seccomp=unconfined).");
            } else {
                why.append("The process may already be traced by a debugger or strace, or belong to another user"
                        + " (tracing another user's process needs CAP_SYS_PTRACE).");
            }
        } else if (errno == Errnos.ESRCH) {
            why.append("The process is gone.");
        }
        return new TracingNotPermittedException(why.toString().trim());
    }

    private static boolean hasCapSysPtrace(String status) {
        return ProcFs.fieldOf(status, "CapEff").map(v -> (Long.parseUnsignedLong(v, 16) & (1L << CAP_SYS_PTRACE)) != 0).orElse(false);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
