package dev.syscallassert.core.xlat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated constants ({@code constants.tsv}, written by {@code tools/decode-tables/generate.sh} from the kernel
 * and glibc headers): errno names and texts, signals, ptrace and wait values, and the flag groups (strace's xlat
 * tables). Every kernel constant the code uses is looked up here by name, once, at class initialisation of its user;
 * no value is typed into Java code. A missing or malformed file, or a missing name, is a packaging bug, so it fails
 * loudly at class initialisation rather than rendering wrong names later.
 */
public final class Constants {

    private static final String RESOURCE = "constants.tsv";

    private static final Constants INSTANCE = load();

    private final Map<String, Xlat> groups;
    private final Map<Integer, String> errnoNames;
    private final Map<Integer, String> errnoTexts;
    private final Map<String, Integer> errnoNumbers;
    /** The texts some rows of other groups carry in a fourth column, by group and name (see {@link #text}). */
    private final Map<String, String> rowTexts;

    private Constants(Map<String, Xlat> groups, Map<Integer, String> errnoNames, Map<Integer, String> errnoTexts,
                      Map<String, Integer> errnoNumbers, Map<String, String> rowTexts) {
        this.groups = groups;
        this.errnoNames = errnoNames;
        this.errnoTexts = errnoTexts;
        this.errnoNumbers = errnoNumbers;
        this.rowTexts = rowTexts;
    }

    /** The named group, in the order strace prints it. */
    public static Xlat group(String name) {
        Xlat x = INSTANCE.groups.get(name);
        if (x == null) {
            throw new IllegalStateException(RESOURCE + " has no group " + name + "; rerun tools/decode-tables/generate.sh");
        }
        return x;
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
        Integer n = INSTANCE.errnoNumbers.get(name);
        if (n == null) {
            throw new IllegalStateException(RESOURCE + " has no errno " + name + "; rerun tools/decode-tables/generate.sh");
        }
        return n;
    }

    /** Every errno name the table has ("EPERM", ...), for checking (and suggesting) a name a user typed. */
    public static java.util.Set<String> errnoNames() {
        return INSTANCE.errnoNumbers.keySet();
    }

    /** The symbolic name of errno {@code errno} ("ENOENT"), or null when the table has none. */
    public static String errnoName(int errno) {
        return INSTANCE.errnoNames.get(errno);
    }

    /** strerror's text for {@code errno} ("No such file or directory"), or null when the table has none. */
    public static String errnoText(int errno) {
        return INSTANCE.errnoTexts.get(errno);
    }

    /**
     * The text the table gives row {@code name} of {@code group} in its fourth column (strace's words for a kernel
     * restart code: "To be restarted if no handler"), or null when it gives none.
     */
    public static String text(String group, String name) {
        return INSTANCE.rowTexts.get(group + '\t' + name);
    }

    private static Constants load() {
        Map<String, List<Xlat.Entry>> entries = new LinkedHashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, String> texts = new HashMap<>();
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, String> rowTexts = new HashMap<>();
        // Plain loops, no streams or lambdas: this runs at every tracer start, often in a cold JVM.
        for (GeneratedTable.Row row : GeneratedTable.rows(Constants.class, RESOURCE, "The constants table")) {
            String[] f = row.fields();
            try {
                if (f[0].equals("errno")) {
                    int number = Integer.parseInt(f[2]);
                    names.putIfAbsent(number, f[1]);
                    texts.putIfAbsent(number, f[3]);
                    numbers.putIfAbsent(f[1], number);
                } else {
                    entries.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Xlat.Entry(f[1], Long.parseLong(f[2])));
                    if (f.length > 3) {
                        rowTexts.put(f[0] + '\t' + f[1], f[3]);
                    }
                }
            } catch (RuntimeException e) {
                throw row.malformed(e.toString());
            }
        }
        Map<String, Xlat> groups = new HashMap<>();
        entries.forEach((k, v) -> groups.put(k, new Xlat(k, v)));
        return new Constants(Map.copyOf(groups), Map.copyOf(names), Map.copyOf(texts), Map.copyOf(numbers),
                Map.copyOf(rowTexts));
    }
}
