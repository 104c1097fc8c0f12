package dev.syscallassert.junit5.internal.cds;

import dev.syscallassert.Tracer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A child's class path in the order a class data sharing archive can serve: JDK 17 archives classes only from jars
 * and refuses a non-empty directory among the class path entries it archives, and an archive serves a class path only
 * when it starts with the entries it was made from. So the jars go first and the directories (a build's
 * {@code target/classes} and {@code target/test-classes}) after them, which changes nothing only when no file that
 * can be looked up by name is in both a directory and an entry that now comes before it: checked here, and the
 * class path is left alone otherwise.
 *
 * <p>syscall-assert's own classes are archived too when they come from directories (a build of this project, or a
 * reactor build that uses it): those directories are copied into a jar in the cache, named by their content.
 * Test JVM only; a layout is worked out once per class path for the life of the test JVM.
 */
final class ArchivableClassPath {

    /** Names whose order on the class path changes no lookup that matters; all others must not move past another. */
    private static final List<String> ORDER_FREE_PREFIXES = List.of(
            "META-INF/MANIFEST.MF", "META-INF/maven/", "META-INF/LICENSE", "META-INF/NOTICE", "META-INF/DEPENDENCIES",
            "META-INF/INDEX.LIST", "META-INF/versions/", "module-info.class");
    /** Per class path, for the life of the test JVM: jars do not change under a running build. */
    private static final Map<String, Optional<ArchivableClassPath>> KNOWN = new ConcurrentHashMap<>();

    /** What the archive is made from, in class path order. */
    final List<Path> archived;
    /** What follows, as before: directories, and entries that do not exist. */
    final List<String> unarchived;
    /** Directories of syscall-assert's own classes, each replaced by a copy in a jar of {@link #archived}. */
    private final Map<Path, Path> copies;

    private ArchivableClassPath(List<Path> archived, List<String> unarchived, Map<Path, Path> copies) {
        this.archived = archived;
        this.unarchived = unarchived;
        this.copies = copies;
    }

    /** The layout for this class path, or empty when moving its jars first would change which file a name finds. */
    static Optional<ArchivableClassPath> of(String classPath, Path cacheDirectory) {
        return KNOWN.computeIfAbsent(classPath + '\0' + cacheDirectory, k -> layOut(classPath, cacheDirectory));
    }

    /** The class path to start the child with. */
    String classPath() {
        List<String> all = new ArrayList<>();
        archived.forEach(p -> all.add(p.toString()));
        all.addAll(unarchived);
        return String.join(java.io.File.pathSeparator, all);
    }

    /** Only the archived part: what the archive is made from. */
    String archivedClassPath() {
        return archived.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /**
     * Makes sure the copies of syscall-assert's class directories are in the cache (someone may have cleaned it since
     * this layout was made). A copy made anew has a new time stamp, which the JVM notices: an older archive is then
     * simply not used.
     */
    void ensureCopies() {
        for (Map.Entry<Path, Path> copy : copies.entrySet()) {
            if (!Files.isRegularFile(copy.getValue())) {
                writeJar(copy.getKey(), copy.getValue());
                // copies of the directory's earlier contents only serve archives that are stale now
                deleteOthers(copy.getValue().getParent(), copyPrefix(copy.getKey()), ".jar", copy.getValue());
            }
        }
    }

    /** Size and time of every archived jar: the JVM refuses an archive when one changed, so a new one is needed. */
    void fingerprint(MessageDigest digest) {
        for (Path jar : archived) {
            digest.update(jar.toString().getBytes(StandardCharsets.UTF_8));
            try {
                BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                digest.update((a.size() + "/" + a.lastModifiedTime().toMillis()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                digest.update((byte) 0);
            }
        }
    }

    private static Optional<ArchivableClassPath> layOut(String classPath, Path cacheDirectory) {
        try {
            List<String> entries = List.of(classPath.split(java.io.File.pathSeparator, -1));
            if (entries.contains("")) {
                // the working directory, which could hold anything: not worth walking to prove nothing moves
                return Optional.empty();
            }
            Set<Path> ownDirectories = ownClassDirectories();
            // The new order of the original entries: first the jars and syscall-assert's directories, then the rest.
            List<String> front = new ArrayList<>();
            List<String> back = new ArrayList<>();
            for (String e : entries) {
                Path p = Path.of(e).toAbsolutePath().normalize();
                boolean jar = Files.isRegularFile(p);
                (jar || ownDirectories.contains(p) ? front : back).add(e);
            }
            if (front.isEmpty()) {
                return Optional.empty(); // nothing to archive but the JDK, whose own archive is used anyway
            }
            List<String> reordered = new ArrayList<>(front);
            reordered.addAll(back);
            if (!reordered.equals(entries) && !sameLookups(entries, reordered)) {
                return Optional.empty();
            }
            List<Path> archived = new ArrayList<>();
            Map<Path, Path> copies = new HashMap<>();
            for (String e : front) {
                Path p = Path.of(e).toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    Path jar = cacheDirectory.resolve(copyPrefix(p) + directoryFingerprint(p) + ".jar");
                    copies.put(p, jar);
                    archived.add(jar);
                } else {
                    archived.add(p);
                }
            }
            ArchivableClassPath layout = new ArchivableClassPath(List.copyOf(archived), List.copyOf(back), copies);
            layout.ensureCopies();
            return Optional.of(layout);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the child starts as before, without an archive
        }
    }

    /**
     * Whether every name that a directory holds is found in the same entry in both orders. Jars keep their order among
     * themselves, so only names in directories can change their first finder.
     */
    private static boolean sameLookups(List<String> before, List<String> after) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Set<String>> contents = new HashMap<>();
        for (String e : before) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                Set<String> files = filesUnder(p);
                contents.put(e, files);
                names.addAll(files);
            }
        }
        if (names.isEmpty()) {
            return true;
        }
        for (String e : before) {
            Path p = Path.of(e);
            if (Files.isRegularFile(p)) {
                Set<String> found = new java.util.HashSet<>();
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    for (String n : names) {
                        if (zip.getEntry(n) != null) {
                            found.add(n);
                        }
                    }
                } catch (IOException notAZip) {
                    // not a jar the class loader can read either; it finds nothing there
                }
                contents.put(e, found);
            }
        }
        for (String n : names) {
            if (!firstHolding(before, contents, n).equals(firstHolding(after, contents, n))) {
                return false;
            }
        }
        return true;
    }

    private static String firstHolding(List<String> order, Map<String, Set<String>> contents, String name) {
        for (String e : order) {
            if (contents.getOrDefault(e, Set.of()).contains(name)) {
                return e;
            }
        }
        return "";
    }

    private static Set<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(n -> ORDER_FREE_PREFIXES.stream().noneMatch(n::startsWith))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }

    /** The directories syscall-assert's core and JUnit classes were loaded from, if they came from directories. */
    private static Set<Path> ownClassDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Class<?> c : List.of(Tracer.class, ArchivableClassPath.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                        .normalize();
                if (Files.isDirectory(p)) {
                    dirs.add(p);
                }
            } catch (URISyntaxException | RuntimeException e) {
                // unknown origin: not copied, so not archived, and not moved
            }
        }
        return dirs;
    }

    /** The copies of one directory start alike: {@code classes-HASH-OF-ITS-PATH-}. */
    private static String copyPrefix(Path dir) {
        MessageDigest digest = sha256();
        digest.update(dir.toString().getBytes(StandardCharsets.UTF_8));
        return "classes-" + hex(digest) + "-";
    }

    /** Names, sizes and times of the files under {@code dir}: a copy of it is reused while they stay the same. */
    private static String directoryFingerprint(Path dir) throws IOException {
        MessageDigest digest = sha256();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                digest.update((dir.relativize(f) + "/" + a.size() + "/" + a.lastModifiedTime().toMillis())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return hex(digest);
    }

    private static void writeJar(Path dir, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            Path partial = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".partial");
            try {
                try (OutputStream out = Files.newOutputStream(partial);
                     JarOutputStream zip = new JarOutputStream(out);
                     Stream<Path> files = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        JarEntry entry = new JarEntry(dir.relativize(f).toString()
                                .replace(java.io.File.separatorChar, '/'));
                        entry.setLastModifiedTime(FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis()));
                        zip.putNextEntry(entry);
                        Files.copy(f, zip);
                        zip.closeEntry();
                    }
                }
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + dir + " into " + jar, e);
        }
    }

    /**
     * Deletes the files of the cache named {@code prefix...suffix} but {@code kept}: a cache that only grew would
     * gain an archive of about 10 MB with every change of a jar.
     */
    static void deleteOthers(Path directory, String prefix, String suffix, Path kept) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(suffix) && !f.equals(kept)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // only room is lost
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
