package dev.syscallassert.core.xlat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table is read from where its owner class was loaded: a class directory (the build's, here), a jar (the CLI's),
 * or through the class loader when neither has it.
 */
class GeneratedTableTest {
    private static final String OWNER = "dev.syscallassert.core.xlat.GeneratedTableTest$Owner";

    /** A class to load again from a jar of its own. */
    public static final class Owner {
    }

    @Test
    void readsATableNextToAClassInAClassDirectory() {
        assertThat(GeneratedTable.text(Constants.class, "constants.tsv", "The constants table")).contains("\nerrno\t");
    }

    @Test
    void readsATableNextToAClassInAJar(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("owner.jar"), "# a comment\ngroup\tNAME\t1\n\ngroup\tOTHER\t2\t\n");
        // a loader that finds no table itself: the rows can only come from reading the jar the class came from
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null) {
            @Override
            public URL getResource(String name) {
                return name.endsWith(".tsv") ? null : super.getResource(name);
            }
        }) {
            Class<?> owner = Class.forName(OWNER, false, loader);
            assertThat(owner.getClassLoader()).as("loaded from the jar").isSameAs(loader);

            assertThat(GeneratedTable.rows(owner, "table.tsv", "The test table"))
                    .extracting(GeneratedTable.Row::lineNumber, r -> String.join("|", r.fields()))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "group|NAME|1"),
                            org.assertj.core.groups.Tuple.tuple(4, "group|OTHER|2|"));
            assertThatThrownBy(() -> GeneratedTable.text(owner, "missing.tsv", "The missing table"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The missing table missing.tsv is missing from the class path next to " + OWNER);
        }
    }

    /** A jar holding Owner's class file and {@code table.tsv} next to it. */
    private static Path jar(Path file, String table) throws Exception {
        String dir = OWNER.substring(0, OWNER.lastIndexOf('.')).replace('.', '/');
        String classFile = OWNER.replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out);
             InputStream in = GeneratedTableTest.class.getClassLoader().getResourceAsStream(classFile)) {
            jar.putNextEntry(new JarEntry(classFile));
            in.transferTo(jar);
            jar.putNextEntry(new JarEntry(dir + "/table.tsv"));
            jar.write(table.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
