package dev.syscallassert;

import dev.syscallassert.core.output.ProfileObservations;
import dev.syscallassert.core.output.SeccompProfileJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A seccomp profile (the OCI / Docker JSON that runc, crun, Docker and podman load) that allows what the traced
 * programs did and nothing else. Immutable; any thread.
 *
 * <p>Made from what the trace saw: every syscall name made by any traced thread (the harness's own calls included,
 * since the process made them), the address families {@code socket} was called with, the {@code personality}
 * values, and whether any {@code clone}/{@code clone3} asked for a new namespace. It covers only what the traced
 * runs exercised: {@linkplain #merge merge} the profiles of several runs (the JUnit setting merges every traced test of
 * a plan). A trace recorded with a selection ({@code -e trace=}, categories) lacks the other syscalls, so its profile
 * would refuse them: make profiles from traces of every syscall.
 *
 * <p>What the JSON adds to the observations, and why ({@link SeccompProfileJson} has the details): the syscalls runc
 * makes between installing the filter and the program's execve (unless {@link #withoutRuntimeSyscalls()}); an
 * {@code ENOSYS} answer instead of {@code EPERM} for the libc fallbacks the programs did not use ({@code clone3},
 * {@code faccessat2}, {@code statx}...), so that libc falls back as it does under Docker's default profile.
 */
public final class SeccompProfile {

    private final ProfileObservations observed;
    private final boolean runtimeSyscalls;

    private SeccompProfile(ProfileObservations observed, boolean runtimeSyscalls) {
        this.observed = observed;
        this.runtimeSyscalls = runtimeSyscalls;
    }

    /** The profile of one trace: every call of its {@linkplain SyscallTrace#allEvents() whole recording}. */
    public static SeccompProfile of(SyscallTrace trace) {
        return new SeccompProfile(ProfileObservations.of(trace.allEvents()), true);
    }

    /** A profile that allows nothing yet, to {@linkplain #merge merge} runs into. */
    public static SeccompProfile empty() {
        return new SeccompProfile(ProfileObservations.NONE, true);
    }

    /**
     * A profile this library wrote, read back to {@linkplain #merge merge} more runs into it (the runs of another
     * invocation, another test plan). Its runtime rule is taken as it was; a profile with rules of its own making
     * is refused with an {@link IllegalArgumentException}.
     */
    public static SeccompProfile read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return new SeccompProfile(ProfileObservations.parse(json), json.contains("\"made by runc "));
    }

    /** The union of both: every syscall and argument value either allows, as if both runs were one. */
    public SeccompProfile merge(SeccompProfile other) {
        return new SeccompProfile(observed.union(other.observed), runtimeSyscalls && other.runtimeSyscalls);
    }

    /** This profile without the container runtime's own syscalls: for a loader that execs right after the filter. */
    public SeccompProfile withoutRuntimeSyscalls() {
        return new SeccompProfile(observed, false);
    }

    /** The names of the syscalls the traces made, sorted. */
    public Set<String> syscalls() {
        return observed.names();
    }

    /** How many traces were merged into this profile. */
    public int runs() {
        return observed.runs();
    }

    /** The profile as OCI / Docker seccomp JSON, indented, ending with a newline. */
    public String toJson() {
        return SeccompProfileJson.render(observed, runtimeSyscalls);
    }

    /** Writes {@link #toJson()} to {@code file} (UTF-8), creating its directory. */
    public void writeTo(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SeccompProfile[" + observed.names().size() + " syscalls, " + observed.runs() + " runs]";
    }
}
