package dev.syscallassert.junit5.internal.host;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK's installation as the child's calls name it: java.home as given and resolved, and the files and
 * directories its symbolic links lead to (Debian's JDK keeps {@code conf/} in {@code /etc/java-17-openjdk} and its
 * trust store in {@code /etc/ssl/certs/java}, linked from java.home). What the JDK reads there is its own doing.
 * Made once per java.home and kept (the installation does not change while tests run); any thread.
 */
final class JavaHome {

    private static final Map<String, JavaHome> KNOWN = new ConcurrentHashMap<>();

    /** java.home's spellings, without a trailing slash. */
    private final List<String> homes;
    /** The same with a slash, and the targets of java.home's links that are directories. */
    private final List<String> directories;
    /** The targets of java.home's links that are files. */
    private final Set<String> files;
    private final List<List<String>> walks;

    private JavaHome(List<String> homes, List<String> directories, Set<String> files, List<List<String>> walks) {
        this.homes = homes;
        this.directories = directories;
        this.files = files;
        this.walks = walks;
    }

    static JavaHome of(String javaHome) {
        return KNOWN.computeIfAbsent(javaHome, JavaHome::read);
    }

    private static JavaHome read(String javaHome) {
        Set<String> homes = new LinkedHashSet<>();
        homes.add(withoutSlash(javaHome));
        try {
            homes.add(Path.of(javaHome).toRealPath().toString());
        } catch (IOException e) {
            // a java.home that does not resolve is still worth matching as given
        }
        List<String> directories = new ArrayList<>();
        for (String home : homes) {
            directories.add(home + "/");
        }
        Set<String> files = new LinkedHashSet<>();
        for (Path target : linkTargets(Path.of(javaHome))) {
            if (Files.isDirectory(target)) {
                directories.add(NoiseFilter.withSlash(target.toString()));
            } else {
                files.add(target.toString());
            }
        }
        List<List<String>> walks = new ArrayList<>();
        for (String home : homes) {
            walks.add(RealpathWalk.of(home));
        }
        return new JavaHome(List.copyOf(homes), List.copyOf(directories), Set.copyOf(files), List.copyOf(walks));
    }

    /** Where the links inside java.home lead, resolved, when that is outside it (a few hundred files to look at). */
    private static List<Path> linkTargets(Path home) {
        List<Path> targets = new ArrayList<>();
        try {
            Path realHome = home.toRealPath();
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        try {
                            Path target = file.toRealPath();
                            if (!target.startsWith(realHome)) {
                                targets.add(target);
                            }
                        } catch (IOException e) {
                            // a dangling link leads nowhere the JDK could read
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // no installation to look at: java.home itself is still matched
        }
        return targets;
    }

    private static String withoutSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    List<String> homes() {
        return homes;
    }

    /** realpath's walk of each spelling of java.home: a walk that begins with one canonicalises a path in it. */
    List<List<String>> walks() {
        return walks;
    }

    /** A path in the installation (java.home itself included). */
    boolean contains(String path) {
        return files.contains(path) || homes.contains(path) || NoiseFilter.startsWithAny(path, directories);
    }
}
