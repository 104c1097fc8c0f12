package dev.syscallassert.core.xlat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + resource + " is missing from the class path next to "
                        + owner.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Row> rows = new ArrayList<>(512);
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(new Row(resource, lineNumber, line, line.split("\t", -1)));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + what + " " + resource, e);
        }
    }
}
