package dev.syscallassert.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles the C programs of these tests and runs commands untraced (ProcessBuilder is fine for untraced ones). */
final class Programs {
    /** The libseccomp loader: what runc and crun do with a profile, through the library they use. */
    static final Path LOADER = Path.of("tools/seccomp/run-under-profile.py").toAbsolutePath();

    private Programs() {
    }

    record Run(int status, String stdout, String stderr) {
    }

    static Path compile(Path dir, String name, String source) throws Exception {
        Path c = dir.resolve(name + ".c");
        Path binary = dir.resolve(name);
        Files.writeString(c, source);
        Run gcc = run(List.of("gcc", "-O", "-o", binary.toString(), c.toString()), dir);
        assertThat(gcc.status()).as("gcc: %s", gcc.stderr()).isZero();
        return binary;
    }

    /** {@code command} under the profile, loaded by libseccomp (the python3-seccomp bindings). */
    static Run underProfile(Path profile, List<String> command, Path dir) throws Exception {
        List<String> all = new ArrayList<>(List.of("/usr/bin/python3", LOADER.toString(), profile.toString()));
        all.addAll(command);
        return run(all, dir);
    }

    static Run run(List<String> command, Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("timed out: " + command);
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
