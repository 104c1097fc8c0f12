package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.marker.MarkerHandler;
import dev.syscallassert.core.syscalls.SyscallSelection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Everything one trace needs to know, gathered by {@link dev.syscallassert.Tracer}. */
public record TraceConfig(
        List<String> command,
        int attachPid,
        SyscallSelection selection,
        Path workingDirectory,
        Map<String, String> environment,
        Duration timeout,
        boolean inheritIO,
        int maxTasks,
        Consumer<SyscallEvent> listener,
        boolean filterInstalledByTracee,
        MarkerHandler markerHandler,
        boolean sameCpu) {
}
