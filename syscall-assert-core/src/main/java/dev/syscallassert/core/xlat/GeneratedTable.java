package dev.syscallassert.core.xlat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        try (InputStream in = BundledResources.open(owner, resource)) {
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
