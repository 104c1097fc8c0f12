package dev.syscallassert.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the stored events share, each kept once: thread and syscall names, paths, rendered arguments (the same
 * {@code "/etc/hostname"}, {@code AT_FDCWD} or {@code O_RDONLY|O_CLOEXEC} in a million events is one string), the
 * category sets. Id 0 is null. A trace of many distinct values (the bytes each read returned) would make the pool
 * grow with them, for values used once: past {@link #MAX_SHARED} values, a new string is not pooled and
 * {@link #id} says so (-1), so the encoder writes it in place (other values, the few category sets, always are).
 *
 * <p>Written by the tracer thread (under the store's lock), read by any thread through the store.
 */
final class ValuePool {
    static final int MAX_SHARED = 1 << 16;

    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    ValuePool() {
        values.add(null);
    }

    /** The value's id (0 for null), pooling it now if there is room; -1 when it is not pooled. */
    int id(Object value) {
        if (value == null) {
            return 0;
        }
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        if (values.size() > MAX_SHARED && value instanceof String) {
            return -1;
        }
        values.add(value);
        ids.put(value, values.size() - 1);
        return values.size() - 1;
    }

    Object value(int id) {
        return values.get(id);
    }
}
