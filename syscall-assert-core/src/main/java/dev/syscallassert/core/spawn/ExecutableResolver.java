package dev.syscallassert.core.spawn;

import dev.syscallassert.ExecutableNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the program to run the way execvp does, so that a missing program is reported before anything is spawned. */
public final class ExecutableResolver {
    private ExecutableResolver() {
    }

    public static Path resolve(String program, Path workingDirectory, Map<String, String> environment) {
        if (program.contains("/")) {
            Path p = workingDirectory.resolve(program).normalize();
            check(p, program);
            return p;
        }
        String pathVar = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        List<String> notExecutable = new ArrayList<>();
        for (String dir : pathVar.split(":", -1)) {
            Path d = dir.isEmpty() ? workingDirectory : workingDirectory.resolve(dir);
            Path candidate = d.resolve(program);
            if (Files.isRegularFile(candidate)) {
                if (Files.isExecutable(candidate)) {
                    return candidate.normalize();
                }
                notExecutable.add(candidate.toString());
            }
        }
        if (!notExecutable.isEmpty()) {
            throw new ExecutableNotFoundException("Cannot run \"" + program + "\": found " + notExecutable
                    + " on the PATH but not executable (missing x permission)");
        }
        throw new ExecutableNotFoundException("Cannot run \"" + program + "\": no such program on the PATH ("
                + pathVar + ")");
    }

    private static void check(Path p, String program) {
        if (!Files.exists(p)) {
            throw new ExecutableNotFoundException("Cannot run \"" + program + "\": " + p + " does not exist");
        }
        if (Files.isDirectory(p)) {
            throw new ExecutableNotFoundException("Cannot run \"" + program + "\": " + p + " is a directory");
        }
        if (!Files.isExecutable(p)) {
            throw new ExecutableNotFoundException("Cannot run \"" + program + "\": " + p
                    + " is not executable (missing x permission)");
        }
    }
}
