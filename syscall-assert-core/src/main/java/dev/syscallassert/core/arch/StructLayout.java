package dev.syscallassert.core.arch;

import dev.syscallassert.core.xlat.GeneratedTable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout of one C struct the tracer reads or writes in a tracee (offsets and sizes in bytes), as the generated
 * architecture table gives it ({@code tools/decode-tables/generate.sh}: offsetof and sizeof over the real headers),
 * so that no offset is typed into code. Immutable; a missing field is a generator bug and throws.
 */
public final class StructLayout {

    private record Field(int offset, int size) {
    }

    private final String struct;
    private final int size;
    private final Map<String, Field> fields;

    private StructLayout(String struct, int size, Map<String, Field> fields) {
        this.struct = struct;
        this.size = size;
        this.fields = Map.copyOf(fields);
    }

    /** sizeof the struct. */
    public int size() {
        return size;
    }

    /** offsetof a field ("msg_iov", or "entry.args" for a member of a union member). */
    public int offset(String field) {
        return field(field).offset;
    }

    /** sizeof a field. */
    public int size(String field) {
        return field(field).size;
    }

    private Field field(String name) {
        Field f = fields.get(name);
        if (f == null) {
            throw new IllegalStateException("The architecture table has no field " + name + " of struct " + struct
                    + "; rerun tools/decode-tables/generate.sh");
        }
        return f;
    }

    /** Reads every struct of an architecture table resource next to this class. */
    static Map<String, StructLayout> load(String resource) {
        Map<String, Map<String, Field>> fields = new LinkedHashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (GeneratedTable.Row row : GeneratedTable.rows(StructLayout.class, resource, "The architecture table")) {
            String[] f = row.fields();
            if (f.length != 5 || !f[0].equals("layout")) {
                throw row.malformed("expected layout, struct, field, offset and size");
            }
            try {
                if (f[2].equals("(size)")) {
                    sizes.put(f[1], Integer.parseInt(f[4]));
                } else {
                    fields.computeIfAbsent(f[1], k -> new HashMap<>())
                            .put(f[2], new Field(Integer.parseInt(f[3]), Integer.parseInt(f[4])));
                }
            } catch (NumberFormatException e) {
                throw row.malformed(e.getMessage());
            }
        }
        Map<String, StructLayout> layouts = new HashMap<>();
        fields.forEach((struct, f) -> layouts.put(struct, new StructLayout(struct, sizes.getOrDefault(struct, -1), f)));
        sizes.forEach((struct, size) -> layouts.putIfAbsent(struct, new StructLayout(struct, size, Map.of())));
        return layouts;
    }
}
