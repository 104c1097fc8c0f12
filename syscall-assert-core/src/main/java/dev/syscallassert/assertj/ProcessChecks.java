package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.assertj.ProcessCreations.Spawn;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.ShouldHaveSpawnedProcess.shouldHaveSpawnedProcess;
import static dev.syscallassert.assertj.ShouldNotHaveSpawnedProcess.shouldNotHaveSpawnedAnyProcess;
import static dev.syscallassert.assertj.ShouldNotHaveSpawnedProcess.shouldNotHaveSpawnedProcess;

/** The process checks; the exec that launched the traced command is never a spawn (see {@link TraceSnapshot}). */
final class ProcessChecks {
    private ProcessChecks() {
    }

    static Check spawnedProcess(String executable) {
        Predicate<String> matches = executableMatcher(executable);
        String expected = executable.contains("/") ? FilePaths.expected(executable).toString() : executable;
        return trace -> {
            List<SyscallEvent> execs = ProcessCreations.execs(trace);
            if (execs.stream().anyMatch(e -> ProcessCreations.execSucceeded(e) && matches.test(e.path().get()))) {
                return null;
            }
            return shouldHaveSpawnedProcess(trace, expected,
                    Nearest.pathsClosestFirst(expected, execs, e -> e.path().get()));
        };
    }

    static Check didNotSpawnProcess(String executable) {
        Predicate<String> matches = executableMatcher(executable);
        return trace -> {
            List<SyscallEvent> execs = ProcessCreations.execs(trace).stream()
                    .filter(e -> ProcessCreations.execSucceeded(e) && matches.test(e.path().get()))
                    .collect(Collectors.toList());
            return execs.isEmpty() ? null : shouldNotHaveSpawnedProcess(trace, executable, execs);
        };
    }

    static Check noProcessSpawned() {
        return trace -> {
            List<Spawn> spawns = ProcessCreations.spawns(trace);
            return spawns.isEmpty() ? null : shouldNotHaveSpawnedAnyProcess(trace, spawns);
        };
    }

    /** A path with a slash is matched absolute and normalised; a bare name matches any program of that file name. */
    private static Predicate<String> executableMatcher(String executable) {
        Objects.requireNonNull(executable, "executable");
        if (executable.contains("/")) {
            Path expected = FilePaths.expected(executable);
            return p -> expected.equals(FilePaths.actual(p));
        }
        if (executable.isEmpty()) {
            throw new IllegalArgumentException("The executable is empty");
        }
        return p -> executable.equals(Nearest.fileName(p));
    }
}
