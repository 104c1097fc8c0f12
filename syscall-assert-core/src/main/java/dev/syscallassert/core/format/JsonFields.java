package dev.syscallassert.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parsed JSON Lines object with typed reads of its keys: an absent key is null (or the default given), a key of
 * the wrong type throws {@link IllegalArgumentException} naming the key, what it must be, and the line's event.
 * Immutable: any thread.
 */
final class JsonFields {
    private final Map<String, Object> m;
    /** What the line is, for messages: "syscall openat", "signal SIGCHLD". */
    private final String what;

    JsonFields(Map<String, Object> m, String kindKey) {
        this.m = m;
        this.what = kindKey + " " + m.get(kindKey);
    }

    boolean has(String key) {
        return m.get(key) != null;
    }

    Object raw(String key) {
        return m.get(key);
    }

    IllegalArgumentException typeError(String key, String expected) {
        return new IllegalArgumentException("Key \"" + key + "\" must be " + expected + ", got " + m.get(key)
                + " (" + what + ")");
    }

    String requiredString(String key) {
        String s = optionalString(key);
        if (s == null) {
            throw new IllegalArgumentException("Missing key \"" + key + "\" in trace line");
        }
        return s;
    }

    String optionalString(String key) {
        return optional(key, String.class, "a string or null");
    }

    List<String> stringList(String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List)) {
            throw typeError(key, "an array of strings or null");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw typeError(key, "an array of strings or null");
            }
            out.add((String) o);
        }
        return out;
    }

    Long optionalLong(String key) {
        return optional(key, Long.class, "an integer or null");
    }

    Integer optionalInt(String key) {
        Long v = optionalLong(key);
        if (v != null && v != v.intValue()) {
            throw typeError(key, "a 32-bit integer or null");
        }
        return v == null ? null : v.intValue();
    }

    private <T> T optional(String key, Class<T> type, String expected) {
        Object v = m.get(key);
        if (v != null && !type.isInstance(v)) {
            throw typeError(key, expected);
        }
        return type.cast(v);
    }

    long toLong(String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Long)) {
            throw typeError(key, "an integer");
        }
        return (Long) v;
    }

    int toInt(String key) {
        long v = toLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw typeError(key, "a 32-bit integer");
        }
        return (int) v;
    }

    boolean toBoolean(String key, boolean absent) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean)) {
            throw typeError(key, "true or false");
        }
        return (Boolean) v;
    }
}
