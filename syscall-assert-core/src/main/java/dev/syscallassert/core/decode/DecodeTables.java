package dev.syscallassert.core.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated constants ({@code constants.tsv}, written by {@code tools/decode-tables/generate.sh} from the kernel
 * and glibc headers): errno names and texts, and the flag groups. Loaded once; a missing or malformed file is a
 * packaging bug, so it fails loudly at class initialisation rather than rendering wrong names later.
 */
final class DecodeTables {

    static final String RESOURCE = "constants.tsv";

    private static final DecodeTables INSTANCE = load();

    private final Map<String, Xlat> groups;
    private final Map<Integer, String> errnoNames;
    private final Map<Integer, String> errnoTexts;

    private DecodeTables(Map<String, Xlat> groups, Map<Integer, String> errnoNames, Map<Integer, String> errnoTexts) {
        this.groups = groups;
        this.errnoNames = errnoNames;
        this.errnoTexts = errnoTexts;
    }

    static DecodeTables get() {
        return INSTANCE;
    }

    Xlat group(String name) {
        Xlat x = groups.get(name);
        if (x == null) {
            throw new IllegalStateException(RESOURCE + " has no group " + name + "; rerun tools/decode-tables/generate.sh");
        }
        return x;
    }

    String errnoName(int errno) {
        return errnoNames.get(errno);
    }

    String errnoText(int errno) {
        return errnoTexts.get(errno);
    }

    private static DecodeTables load() {
        Map<String, List<Xlat.Entry>> entries = new LinkedHashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, String> texts = new HashMap<>();
        try (InputStream in = DecodeTables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + DecodeTables.class.getPackageName() + "/" + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                try {
                    if (f[0].equals("errno")) {
                        int number = Integer.parseInt(f[2]);
                        names.putIfAbsent(number, f[1]);
                        texts.putIfAbsent(number, f[3]);
                    } else {
                        entries.computeIfAbsent(f[0], k -> new ArrayList<>())
                                .add(new Xlat.Entry(f[1], Long.parseLong(f[2])));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNumber + " is malformed: " + line, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        Map<String, Xlat> groups = new HashMap<>();
        entries.forEach((k, v) -> groups.put(k, new Xlat(k, v)));
        return new DecodeTables(Map.copyOf(groups), Map.copyOf(names), Map.copyOf(texts));
    }
}
