package dev.syscallassert.project;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's rule that no class under src/main/java is over 400 lines (one job per class), checked on this
 * module's sources and, when the checkout has it beside this one, the JUnit module's.
 */
class ClassSizeTest {
    private static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOver400Lines() throws IOException {
        List<Path> roots = Stream.of(Path.of("src/main/java"), Path.of("../syscall-assert-junit5/src/main/java"))
                .filter(Files::isDirectory).collect(Collectors.toList());
        assertThat(roots).contains(Path.of("src/main/java"));
        List<String> over;
        try (Stream<Path> files = roots.stream().flatMap(ClassSizeTest::javaFiles)) {
            over = files.filter(f -> lines(f) > MAX_LINES).map(f -> f + ": " + lines(f) + " lines").sorted()
                    .collect(Collectors.toList());
        }
        assertThat(over).as("source files over %d lines", MAX_LINES).isEmpty();
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList()).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
