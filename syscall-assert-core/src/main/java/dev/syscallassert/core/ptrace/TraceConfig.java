package dev.syscallassert.core.ptrace;

import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.act.ActSwitch;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.core.syscalls.SyscallSelection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Everything one trace needs to know, gathered by {@link dev.syscallassert.Tracer}: either {@code command} (a program
 * to spawn) or {@code attachPid} (a running process). {@code acts} is what the tracer does to calls (faults, deny mode),
 * possibly set only later, or null for nothing ever. {@code listener} gets every event with the number of traced tasks
 * alive when it happened, or is null.
 */
public record TraceConfig(
        List<String> command,
        int attachPid,
        SyscallSelection selection,
        Path workingDirectory,
        Map<String, String> environment,
        Duration timeout,
        boolean inheritIO,
        int maxProcesses,
        ObjIntConsumer<TraceEvent> listener,
        boolean countSystemTime,
        boolean filterInstalledByTracee,
        MarkerHandler markerHandler,
        boolean sameCpu,
        boolean retainEvents,
        ActSwitch acts) {

    /** Whether the tracer spawns the command (rather than attaching to a running process it must not kill). */
    public boolean spawns() {
        return command != null;
    }

    /** The environment the spawned program gets: the one given, or this JVM's. */
    public Map<String, String> programEnvironment() {
        return environment != null ? environment : System.getenv();
    }
}
