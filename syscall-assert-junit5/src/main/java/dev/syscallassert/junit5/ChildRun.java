package dev.syscallassert.junit5;

import dev.syscallassert.RunningTrace;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
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
        /** What the test printed: a spare child's warm-up output is not the test's. */
        final String stdout;
        final String stderr;

        Outcome(TraceResult result, TraceTimeoutException timeout, TraceWindow window,
                Optional<ChildResult> childResult, boolean fromSpare) {
            this.result = result;
            this.timeout = timeout;
            this.window = window;
            this.childResult = childResult;
            this.stdout = fromSpare ? afterTestBegins(result.stdout()) : result.stdout();
            this.stderr = fromSpare ? afterTestBegins(result.stderr()) : result.stderr();
        }
    }

    private ChildRun() {
    }

    /**
     * Runs the test in the spare started for the same command line if there is one (and starts the next spare), in
     * a fresh child otherwise. The test's timeout counts from when its child gets the request.
     */
    static Outcome run(TraceSettings settings, String uniqueId, Path reportFile, Map<String, String> configuration,
                       Optional<SpareChildren> spares, Optional<ClassDataArchive> archive) throws IOException {
        List<String> arguments = ChildCommand.arguments(settings);
        Optional<SpareChildren.Spare> spare = spares.flatMap(s -> s.take(arguments));
        Path work = spare.isPresent() ? spare.get().work : Files.createTempDirectory("syscall-assert-");
        RunningTrace running = null;
        Optional<SpareChildren> startingWithTest = spares.filter(SpareChildren::startWithTest);
        try {
            TraceWindow window;
            if (spare.isPresent()) {
                window = spare.get().window;
                startingWithTest.ifPresent(s -> window.whileBodyRuns(s::bodyBegins, s::bodyEnds));
                window.recordOnly(settings.syscallNumbers());
                running = spare.get().trace;
                writeRequest(work, settings, uniqueId, reportFile, configuration, "spare");
            } else {
                writeRequest(work, settings, uniqueId, reportFile, configuration, "fresh");
                window = window(work);
                startingWithTest.ifPresent(s -> window.whileBodyRuns(s::bodyBegins, s::bodyEnds));
                SyscallTable table = SyscallTable.current();
                String syscalls = Arrays.stream(settings.syscallNumbers()).mapToObj(table::name)
                        .collect(Collectors.joining(","));
                List<String> launch = archive.map(a -> a.arguments(arguments)).orElse(arguments);
                running = Tracer.command(ChildCommand.build(launch, work))
                        .trace(syscalls)
                        .seccompFilterInstalledByTracee()
                        .onMarker(window)
                        .timeout(settings.timeout())
                        .start();
            }
            startingWithTest.ifPresent(s -> s.replenish(arguments, archive));
            TraceResult result;
            TraceTimeoutException timeout = null;
            try {
                result = running.await(settings.timeout());
            } catch (TraceTimeoutException e) {
                timeout = e;
                result = e.partialResult();
            } finally {
                window.close();
            }
            spares.filter(s -> !s.startWithTest()).ifPresent(s -> s.replenish(arguments, archive));
            return new Outcome(result, timeout, window, ChildResult.read(work.resolve(ChildMain.RESULT)),
                    spare.isPresent());
        } finally {
            if (running != null) {
                running.close(); // only does something when an exception came first
            }
            deleteRecursively(work);
        }
    }

    /** The marker handler of a child whose work directory is {@code work}. */
    static TraceWindow window(Path work) {
        NoiseFilter noise = new NoiseFilter(System.getProperty("java.home"),
                NoiseFilter.splitClassPath(ChildCommand.classPath()), work);
        return new TraceWindow(work.resolve(ChildMain.SNAPSHOT), noise);
    }

    /** A spare's output after it got its test; all of it when it never got there (it says why it died). */
    private static String afterTestBegins(String output) {
        int at = output.indexOf(ChildMain.TEST_BEGINS);
        return at < 0 ? output : output.substring(at + ChildMain.TEST_BEGINS.length());
    }

    private static void writeRequest(Path work, TraceSettings settings, String uniqueId, Path reportFile,
                                     Map<String, String> configuration, String child) throws IOException {
        Properties p = new Properties();
        p.setProperty("child", child);
        p.setProperty("uniqueId", uniqueId);
        p.setProperty("syscalls", Arrays.stream(settings.syscallNumbers()).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        p.setProperty("reportFile", reportFile.toString());
        p.setProperty("includeJvmNoise", Boolean.toString(settings.includeJvmNoise()));
        configuration.forEach((k, v) -> p.setProperty("config." + k, v));
        // Written whole, then moved into place: a spare child starts reading as soon as the name exists.
        Path partial = work.resolve(ChildMain.REQUEST + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            p.store(out, "one traced test");
        }
        Files.move(partial, work.resolve(ChildMain.REQUEST), StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteRecursively(Path dir) {
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
