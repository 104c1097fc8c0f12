package dev.syscallassert.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of a CLI start that is only class loading: loads, without initialising or running anything, each class
 * named in the file {@code LIST} (one binary name a line: those of ours a {@code java -jar ... -- /bin/true} run
 * loaded, from its class loading log) from the class path, and prints how many. Timed by bench/scale-benchmark.sh
 * against itself with an empty list (the same JVM start and file read) and against {@code java -version}: the
 * difference is what the start pays before its first line of work, for the number of classes it needs.
 */
public final class ClassLoadFloor {
    private ClassLoadFloor() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        List<String> names = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        ClassLoader loader = ClassLoadFloor.class.getClassLoader();
        int loaded = 0;
        for (String name : names) {
            if (!name.isBlank()) {
                Class.forName(name.trim(), false, loader);
                loaded++;
            }
        }
        System.out.println(loaded);
    }
}
