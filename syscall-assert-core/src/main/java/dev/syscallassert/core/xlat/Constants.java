package dev.syscallassert.core.xlat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generated constants ({@code constants.tsv}, written by {@code tools/decode-tables/generate.sh} from the kernel
 * and glibc headers): errno names and texts, signals, ptrace and wait values, and the flag groups (strace's xlat
 * tables). Every kernel constant the code uses is looked up here by name, once, at class initialisation of its user;
 * no value is typed into Java code. A missing file, a malformed row or a missing name is a packaging bug, so it fails
 * loudly when its group is first used (a test parses every group) rather than rendering wrong names later.
 *
 * <p>The table has about 2,000 rows in 190 groups, and a tracer start uses a few dozen groups: the file is read
 * whole once and only indexed by group, each group parsed the first time it is asked for. (Parsing all of it at
 * once took tens of milliseconds of every CLI start, in a JVM that has compiled nothing yet.) Any thread.
 */
public final class Constants {

    private static final String RESOURCE = "constants.tsv";
    private static final String ERRNO_GROUP = "errno";

    /** The whole table. */
    private static final String TEXT = GeneratedTable.text(Constants.class, RESOURCE, "The constants table");
    /**
     * Where each group's rows are in {@link #TEXT}: runs of consecutive rows (a group may come in more than one run),
     * each as three ints: the offset of its first row, the offset after its last row's line, the first row's line
     * number (for the error message of a malformed row).
     */
    private static final Map<String, int[]> RUNS = index(TEXT);
    private static final ConcurrentHashMap<String, Group> PARSED = new ConcurrentHashMap<>();

    private Constants() {
    }

    /** One parsed group: its constants in table order, and the texts some rows carry in a fourth column. */
    private record Group(Xlat xlat, Map<String, String> texts) {
    }

    /** The errno group, which is looked up by number too. */
    private static final class Errnos {
        static final Map<Integer, String> NAMES = new HashMap<>();
        static final Map<Integer, String> TEXTS = new HashMap<>();
        static final Map<String, Integer> NUMBERS = new HashMap<>();

        static {
            Group errnos = parsed(ERRNO_GROUP);
            for (Xlat.Entry e : errnos.xlat.entries()) {
                int number = (int) e.value();
                NAMES.putIfAbsent(number, e.name());
                TEXTS.putIfAbsent(number, errnos.texts.get(e.name()));
                NUMBERS.putIfAbsent(e.name(), number);
            }
        }
    }

    /** The named group, in the order strace prints it. */
    public static Xlat group(String name) {
        return parsed(name).xlat;
    }

    /** The value of {@code name} in {@code group}; a missing name is a generator bug and throws. */
    public static long value(String group, String name) {
        return group(group).value(name);
    }

    /** {@link #value} for the many constants that fit an int (signals, ptrace requests, flags below bit 31). */
    public static int intValue(String group, String name) {
        long v = value(group, name);
        if (v != (int) v) {
            throw new IllegalStateException(RESOURCE + ": " + name + " = " + v + " does not fit an int");
        }
        return (int) v;
    }

    /** The number of the errno called {@code name} ("EINTR"); a name the table lacks throws. */
    public static int errno(String name) {
        Integer n = Errnos.NUMBERS.get(name);
        if (n == null) {
            throw new IllegalStateException(RESOURCE + " has no errno " + name + "; rerun tools/decode-tables/generate.sh");
        }
        return n;
    }

    /** Every errno name the table has ("EPERM", ...), for checking (and suggesting) a name a user typed. */
    public static Set<String> errnoNames() {
        return Errnos.NUMBERS.keySet();
    }

    /** The symbolic name of errno {@code errno} ("ENOENT"), or null when the table has none. */
    public static String errnoName(int errno) {
        return Errnos.NAMES.get(errno);
    }

    /** strerror's text for {@code errno} ("No such file or directory"), or null when the table has none. */
    public static String errnoText(int errno) {
        return Errnos.TEXTS.get(errno);
    }

    /**
     * The text the table gives row {@code name} of {@code group} in its fourth column (strace's words for a kernel
     * restart code: "To be restarted if no handler"), or null when it gives none.
     */
    public static String text(String group, String name) {
        return parsed(group).texts.get(name);
    }

    /** Every group's name, for a test that parses them all: a malformed row anywhere fails it. */
    public static Set<String> groupNames() {
        return RUNS.keySet();
    }

    private static Group parsed(String name) {
        Group g = PARSED.get(name);
        return g != null ? g : PARSED.computeIfAbsent(name, Constants::parse);
    }

    private static Group parse(String name) {
        int[] runs = RUNS.get(name);
        if (runs == null) {
            throw new IllegalStateException(RESOURCE + " has no group " + name + "; rerun tools/decode-tables/generate.sh");
        }
        List<Xlat.Entry> entries = new ArrayList<>();
        Map<String, String> texts = new HashMap<>();
        for (int r = 0; r < runs.length; r += 3) {
            for (GeneratedTable.Row row : GeneratedTable.rows(RESOURCE, TEXT, runs[r], runs[r + 1], runs[r + 2])) {
                String[] f = row.fields();
                try {
                    entries.add(new Xlat.Entry(f[1], Long.parseLong(f[2])));
                    if (f.length > 3) {
                        texts.putIfAbsent(f[1], f[3]);
                    }
                } catch (RuntimeException e) {
                    throw row.malformed(e.toString());
                }
            }
        }
        return new Group(new Xlat(name, entries), Map.copyOf(texts));
    }

    /** Each group's runs of rows; a row is only looked at up to its first tab. Plain loops: a cold JVM runs this. */
    private static Map<String, int[]> index(String text) {
        Map<String, int[]> runs = new HashMap<>(512);
        String current = null;
        int runStart = 0;
        int runLine = 0;
        int lineNumber = 0;
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                nl = length;
            }
            lineNumber++;
            if (nl > pos && text.charAt(pos) != '#') {
                boolean same = current != null && nl - pos > current.length()
                        && text.charAt(pos + current.length()) == '\t' && text.startsWith(current, pos);
                if (!same) {
                    if (current != null) {
                        addRun(runs, current, runStart, pos, runLine);
                    }
                    int tab = text.indexOf('\t', pos);
                    if (tab < 0 || tab > nl) {
                        throw new GeneratedTable.Row(RESOURCE, lineNumber, text.substring(pos, nl), new String[0])
                                .malformed("no tab");
                    }
                    current = text.substring(pos, tab);
                    runStart = pos;
                    runLine = lineNumber;
                }
            }
            pos = nl + 1;
        }
        if (current != null) {
            addRun(runs, current, runStart, length, runLine);
        }
        return runs;
    }

    private static void addRun(Map<String, int[]> runs, String group, int start, int end, int line) {
        int[] before = runs.get(group);
        int[] run = {start, end, line};
        if (before == null) {
            runs.put(group, run);
        } else {
            int[] both = Arrays.copyOf(before, before.length + 3);
            System.arraycopy(run, 0, both, before.length, 3);
            runs.put(group, both);
        }
    }
}
