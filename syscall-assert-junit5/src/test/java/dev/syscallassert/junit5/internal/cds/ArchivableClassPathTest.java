package dev.syscallassert.junit5.internal.cds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Jars first only when no name then finds another file; syscall-assert's own class directories copied into a jar. */
class ArchivableClassPathTest {

    @TempDir
    Path tmp;

    @Test
    void jarsMoveBeforeDirectoriesWhenNoNameChangesItsFinder() throws IOException {
        Path classes = directory("classes", "app/Main.class", "META-INF/MANIFEST.MF");
        Path testClasses = directory("test-classes", "app/MainTest.class");
        Path lib = jar("lib.jar", "lib/Util.class", "META-INF/MANIFEST.MF");
        Path missing = tmp.resolve("not-there");

        ArchivableClassPath layout = ArchivableClassPath.of(join(testClasses, classes, lib, missing), cache()).get();

        assertThat(layout.archived).containsExactly(lib);
        assertThat(layout.classPath()).isEqualTo(join(lib, testClasses, classes, missing));
        assertThat(layout.archivedClassPath()).isEqualTo(lib.toString());
    }

    @Test
    void aClassInADirectoryThatShadowsAJarKeepsTheClassPathAsItWas() throws IOException {
        Path patched = directory("patches", "lib/Util.class");
        Path lib = jar("lib.jar", "lib/Util.class");
        assertThat(ArchivableClassPath.of(join(patched, lib), cache())).isEmpty();

        Path config = directory("config", "logback-test.xml");
        Path logging = jar("logging.jar", "logback-test.xml");
        assertThat(ArchivableClassPath.of(join(config, logging), cache())).as("a resource counts too").isEmpty();
    }

    @Test
    void aJarAlreadyBeforeTheDirectoryKeepsWinningAndServiceFilesAreCompared() throws IOException {
        Path lib = jar("lib.jar", "lib/Util.class");
        Path overridden = directory("overridden", "lib/Util.class");
        assertThat(ArchivableClassPath.of(join(lib, overridden), cache())).isPresent();

        Path services = directory("services", "META-INF/services/java.sql.Driver");
        Path driver = jar("driver.jar", "META-INF/services/java.sql.Driver");
        assertThat(ArchivableClassPath.of(join(services, driver), cache())).isEmpty();
    }

    @Test
    void onlyDirectoriesOrTheWorkingDirectoryMeansNothingToArchive() throws IOException {
        assertThat(ArchivableClassPath.of(join(directory("a", "A.class"), directory("b", "B.class")), cache()))
                .isEmpty();
        String endsWithEmptyEntry = join(directory("c", "C.class"), jar("c.jar", "x/C.class")) + File.pathSeparator;
        assertThat(ArchivableClassPath.of(endsWithEmptyEntry, cache())).as("the working directory").isEmpty();
    }

    @Test
    void syscallAssertsOwnClassDirectoryIsArchivedFromACopy() throws IOException, URISyntaxException {
        Path own = Path.of(ArchivableClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(own)) {
            return; // run from the packaged jar: nothing to copy, the jar itself is archived
        }
        Path testClasses = directory("test-classes", "app/MainTest.class");
        Path lib = jar("lib.jar", "lib/Util.class");

        ArchivableClassPath layout = ArchivableClassPath.of(join(testClasses, own, lib), cache()).get();

        assertThat(layout.archived).hasSize(2).endsWith(lib);
        Path copy = layout.archived.get(0);
        assertThat(copy.getParent()).isEqualTo(cache());
        String classFile = ArchivableClassPath.class.getName().replace('.', '/') + ".class";
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            assertThat(zip.getEntry(classFile).getSize()).isEqualTo(Files.size(own.resolve(classFile)));
        }
        assertThat(layout.classPath()).isEqualTo(join(copy, lib, testClasses));

        Files.delete(copy);
        layout.ensureCopies();
        assertThat(copy).as("made again when the cache was cleaned").isRegularFile();
    }

    private Path cache() {
        return tmp.resolve("cache");
    }

    private Path directory(String name, String... files) throws IOException {
        Path dir = tmp.resolve(name);
        for (String f : files) {
            Path file = dir.resolve(f);
            Files.createDirectories(file.getParent());
            Files.writeString(file, f);
        }
        Files.createDirectories(dir);
        return dir;
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String e : entries) {
                zip.putNextEntry(new JarEntry(e));
                zip.write(e.getBytes());
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String join(Path... entries) {
        StringBuilder b = new StringBuilder();
        for (Path p : entries) {
            b.append(b.length() == 0 ? "" : File.pathSeparator).append(p);
        }
        return b.toString();
    }
}
