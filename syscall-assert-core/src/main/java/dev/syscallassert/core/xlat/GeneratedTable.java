package dev.syscallassert.core.xlat;

import java.io.File;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads one of the checked-in tables the generators write (constants.tsv, the syscall table, the architecture
 * layouts): tab-separated rows, {@code #} comments and blank lines skipped. The files are machine-written, so a
 * missing file or a malformed row is a packaging or generator bug: callers fail loudly at class initialisation with
 * the row's place ({@link Row#malformed}). Stateless: any thread.
 */
public final class GeneratedTable {
    private GeneratedTable() {
    }

    /** One data row, with where it stands for the error message of a caller that cannot use it. */
    public record Row(String resource, int lineNumber, String line, String[] fields) {
        public IllegalStateException malformed(String why) {
            return new IllegalStateException(resource + " line " + lineNumber + " is malformed (" + why + "): " + line);
        }
    }

    /**
     * Every data row of {@code resource}, a resource next to {@code owner}. Trailing empty fields are kept: a row
     * whose last column is empty ends with a tab. {@code what} names the table in the error for a missing file.
     */
    public static List<Row> rows(Class<?> owner, String resource, String what) {
        String text = text(owner, resource, what);
        return rows(resource, text, 0, text.length(), 1);
    }

    /** The whole text of {@code resource}, a resource next to {@code owner} ({@code what} as for {@link #rows}). */
    public static String text(Class<?> owner, String resource, String what) {
        try (InputStream in = open(owner, resource)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + resource + " is missing from the class path next to "
                        + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + what + " " + resource, e);
        }
    }

    /**
     * The resource read from where {@code owner} itself was loaded, its jar or its class directory, when that is a
     * plain file: {@code Class.getResourceAsStream} first asks each of the JDK's modules whether it has the name, and
     * then reads through a jar URL connection (13 classes outside the JDK's class data archive), a few milliseconds
     * of a CLI start over the four tables it reads. Another kind of location (a jar inside a jar, a custom class
     * loader) and a resource not found there are asked of the class loader as before; null when it has none either.
     */
    private static InputStream open(Class<?> owner, String resource) throws IOException {
        String entry = owner.getPackageName().replace('.', '/') + "/" + resource;
        File location = ownLocation(owner);
        if (location != null && location.isFile()) {
            // a second ZipFile on the jar the class loader has open shares its central directory: nothing is re-read
            ZipFile jar = new ZipFile(location);
            try {
                ZipEntry e = jar.getEntry(entry);
                if (e != null) {
                    return new FilterInputStream(jar.getInputStream(e)) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                jar.close();
                            }
                        }
                    };
                }
            } catch (IOException | RuntimeException failed) {
                jar.close(); // the stream never came to close it
                throw failed;
            }
            jar.close();
        } else if (location != null && location.isDirectory()) {
            File file = new File(location, entry);
            if (file.isFile()) {
                return new FileInputStream(file);
            }
        }
        return owner.getResourceAsStream(resource);
    }

    /** The jar file or class directory {@code owner} was loaded from, or null when that is not a local file. */
    private static File ownLocation(Class<?> owner) {
        try {
            CodeSource source = owner.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url != null && "file".equals(url.getProtocol()) ? new File(url.toURI()) : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The data rows of the lines of {@code text} (the text of {@code resource}) that start in {@code [from, to)},
     * {@code from} being the start of line number {@code firstLineNumber}: what a table read in parts (the constants,
     * group by group) parses of each part.
     */
    public static List<Row> rows(String resource, String text, int from, int to, int firstLineNumber) {
        List<Row> rows = new ArrayList<>();
        int lineNumber = firstLineNumber;
        for (int pos = from; pos < to; lineNumber++) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            // as BufferedReader.readLine read them before: a line ending in \r\n loses both
            String line = text.substring(pos, end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end);
            pos = end + 1;
            if (!line.isEmpty() && !line.startsWith("#")) {
                rows.add(new Row(resource, lineNumber, line, line.split("\t", -1)));
            }
        }
        return rows;
    }
}
