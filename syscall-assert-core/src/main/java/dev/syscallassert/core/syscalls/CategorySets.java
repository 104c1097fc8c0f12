package dev.syscallassert.core.syscalls;

import dev.syscallassert.SyscallCategory;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared, unmodifiable set for each combination of categories. Every event carries its syscall's categories, and
 * there are only a few dozen combinations: an event built from the syscall table's set takes that very set instead of
 * two copies of it (the tracer builds an event at every call's exit, tens of thousands a second). Any thread.
 */
public final class CategorySets {
    private static final ConcurrentHashMap<Long, Set<SyscallCategory>> BY_MEMBERS = new ConcurrentHashMap<>();
    private static final Set<SyscallCategory> NONE = new Shared(EnumSet.noneOf(SyscallCategory.class));

    static {
        // one bit per category in a long: a category added past 64 must change the key, not silently collide
        if (SyscallCategory.values().length > Long.SIZE) {
            throw new IllegalStateException("more categories than bits in the key");
        }
    }

    private CategorySets() {
    }

    /** The shared set equal to {@code categories}: the same object when it is one already. */
    public static Set<SyscallCategory> of(Set<SyscallCategory> categories) {
        if (categories instanceof Shared) {
            return categories;
        }
        if (categories.isEmpty()) {
            return NONE;
        }
        long members = bits(categories);
        // get, then putIfAbsent rather than computeIfAbsent with a lambda: this runs while the syscall table is
        // parsed at a cold start, where a lambda's first use costs more than the whole lookup
        Set<SyscallCategory> shared = BY_MEMBERS.get(members);
        if (shared == null) {
            Set<SyscallCategory> made = new Shared(EnumSet.copyOf(categories));
            shared = BY_MEMBERS.putIfAbsent(members, made);
            if (shared == null) {
                shared = made;
            }
        }
        return shared;
    }

    /** The categories as one bit each, bit {@code ordinal()}: the key of their shared set. */
    static long bits(Set<SyscallCategory> categories) {
        long bits = 0;
        for (SyscallCategory c : categories) {
            bits |= 1L << c.ordinal();
        }
        return bits;
    }

    public static Set<SyscallCategory> none() {
        return NONE;
    }

    /** An unmodifiable view of a set nobody else holds; AbstractSet gives it Set's equals and hashCode. */
    private static final class Shared extends AbstractSet<SyscallCategory> {
        private final Set<SyscallCategory> members;

        Shared(EnumSet<SyscallCategory> members) {
            this.members = Collections.unmodifiableSet(members);
        }

        @Override
        public Iterator<SyscallCategory> iterator() {
            return members.iterator();
        }

        @Override
        public int size() {
            return members.size();
        }

        @Override
        public boolean contains(Object o) {
            return members.contains(o);
        }
    }
}
