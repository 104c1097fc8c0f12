package dev.syscallassert.junit5;

import dev.syscallassert.TraceResult;
import dev.syscallassert.TraceTimeoutException;
import dev.syscallassert.Tracer;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Starts one traced child JVM for one test invocation and waits for it, in the test JVM. The tracer has its own
 * thread (every ptrace request for the tree must come from the thread that attached it); this one, the test's thread,
 * only waits, so a JUnit timeout or an interrupt kills the child. Leaves nothing behind: the work directory with
 * the request, the snapshot and the result is deleted whatever happens.
 */
final class ChildRun {

    /** What came back from the child. */
    static final class Outcome {
        final TraceResult result;
        final TraceTimeoutException timeout;
        final TraceWindow window;
        final Optional<ChildResult> childResult;

        Outcome(TraceResult result, TraceTimeoutException timeout, TraceWindow window,
                Optional<ChildResult> childResult) {
            this.result = result;
            this.timeout = timeout;
            this.window = window;
            this.childResult = childResult;
        }
    }

    private ChildRun() {
    }

    static Outcome run(TraceSettings settings, String uniqueId, Path reportFile, Map<String, String> configuration)
            throws IOException {
        Path work = Files.createTempDirectory("syscall-assert-");
        try {
            writeRequest(work, settings, uniqueId, reportFile, configuration);
            NoiseFilter noise = new NoiseFilter(System.getProperty("java.home"),
                    NoiseFilter.splitClassPath(ChildCommand.classPath()), work);
            TraceWindow window = new TraceWindow(work.resolve(ChildMain.SNAPSHOT), noise);
            SyscallTable table = SyscallTable.current();
            String syscalls = Arrays.stream(settings.syscallNumbers()).mapToObj(table::name)
                    .collect(Collectors.joining(","));
            TraceResult result;
            TraceTimeoutException timeout = null;
            try {
                result = Tracer.command(ChildCommand.build(settings, work))
                        .trace(syscalls)
                        .seccompFilterInstalledByTracee()
                        .onMarker(window)
                        .timeout(settings.timeout())
                        .run();
            } catch (TraceTimeoutException e) {
                timeout = e;
                result = e.partialResult();
            } finally {
                window.close();
            }
            return new Outcome(result, timeout, window, ChildResult.read(work.resolve(ChildMain.RESULT)));
        } finally {
            deleteRecursively(work);
        }
    }

    private static void writeRequest(Path work, TraceSettings settings, String uniqueId, Path reportFile,
                                     Map<String, String> configuration) throws IOException {
        Properties p = new Properties();
        p.setProperty("uniqueId", uniqueId);
        p.setProperty("syscalls", Arrays.stream(settings.syscallNumbers()).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        p.setProperty("reportFile", reportFile.toString());
        p.setProperty("includeJvmNoise", Boolean.toString(settings.includeJvmNoise()));
        configuration.forEach((k, v) -> p.setProperty("config." + k, v));
        try (OutputStream out = Files.newOutputStream(work.resolve(ChildMain.REQUEST))) {
            p.store(out, "one traced test");
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temp directory that resists deletion is not worth failing a test over; the OS cleans /tmp
        }
    }
}
