package dev.syscallassert.core.store;

import dev.syscallassert.Injection;
import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.decode.ReturnValues;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace's recorded calls, each in its slot (entry order), stored as bytes rather than as objects: a call of the
 * file family takes about 40-60 bytes instead of about 500 (the event, its argument arrays and lists, a string per
 * rendered argument), the values it shares with other calls once in a {@link ValuePool}. A million retained events
 * then fit in a 256 MB heap.
 *
 * <p>An event is decoded when it is read. The same slot gives the same object for as long as anyone holds it (a weak
 * cache), so the DSL's identity maps and comparisons see one event, not copies of it; an event nobody holds any more
 * is let go, and decoded again when it is read again.
 *
 * <p>The tracer thread fills the slots; any thread reads: every method is synchronized (the decode itself is quick).
 */
public final class CallStore {
    private static final int CHUNK = 256 * 1024;
    private static final int PAGE = 4096;
    private static final int FINISHED = 1;
    private static final int HARNESS = 2;
    private static final int OPEN_FLAGS = 4;
    private static final int CLONE_FLAGS = 8;
    private static final int SOCKET_ERROR = 16;
    private static final int ARGV = 32;
    private static final int INJECTED = 64;

    private final ValuePool pool = new ValuePool();
    private final ByteSink sink = new ByteSink();
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int used;
    /** Each slot's (chunk index << 32 | offset), or -1 while its call is in flight. */
    private long[] offsets = new long[1024];
    private int slots;
    private boolean anyHarness;
    private long baseNanos;
    private boolean baseKnown;
    private Cached[][] cache = new Cached[0][];
    private final ReferenceQueue<SyscallEvent> released = new ReferenceQueue<>();
    /** What the tracer did to a call it acted on (a fault, a denial), by slot: such calls are few. */
    private final Map<Integer, Injection> injections = new HashMap<>();
    /** The slots below this were forgotten ({@link #forgetBefore}): they read as empty and are never stored again. */
    private int forgotten;

    /** A new slot, empty until {@link #fill}; returns its number. */
    public synchronized int reserve() {
        if (slots == offsets.length) {
            offsets = Arrays.copyOf(offsets, slots * 2);
        }
        offsets[slots] = -1;
        return slots++;
    }

    public synchronized int size() {
        return slots;
    }

    public synchronized boolean isFilled(int slot) {
        return offsets[slot] >= 0;
    }

    /** Whether any stored event is harness noise. */
    public synchronized boolean anyHarness() {
        return anyHarness;
    }

    /** Stores the slot's event (once). */
    public synchronized void fill(int slot, SyscallEvent e) {
        if (slot < forgotten) {
            return; // a call in flight when its place was forgotten: nobody will read it
        }
        encode(e);
        e.injection().ifPresent(injection -> injections.put(slot, injection));
        if (chunk == null || used + sink.length > chunk.length) {
            chunk = new byte[Math.max(CHUNK, sink.length)];
            chunks.add(chunk);
            used = 0;
        }
        System.arraycopy(sink.bytes, 0, chunk, used, sink.length);
        offsets[slot] = ((long) (chunks.size() - 1) << 32) | used;
        used += sink.length;
        anyHarness |= e.harness();
    }

    /**
     * Forgets the events of the slots below {@code slot}: they read as empty from now on (a call in flight among them
     * is not stored when it completes), and the chunks only they used are let go. What a long-lived trace does with
     * the part nobody reads any more (a worker JVM's earlier tests): about 12 bytes of a forgotten call stay, its
     * offset here and its place in the timeline.
     */
    public synchronized void forgetBefore(int slot) {
        int upTo = Math.min(slot, slots);
        if (upTo <= forgotten) {
            return;
        }
        for (int i = forgotten; i < upTo; i++) {
            offsets[i] = -1;
            injections.remove(i);
            Cached[] page = i / PAGE < cache.length ? cache[i / PAGE] : null;
            if (page != null) {
                page[i % PAGE] = null;
            }
        }
        forgotten = upTo;
        // the oldest chunk a kept call is in (calls fill out of entry order, so any of them may be in an old one)
        int oldestKept = chunks.size() - 1;
        for (int i = upTo; i < slots; i++) {
            if (offsets[i] >= 0) {
                oldestKept = Math.min(oldestKept, (int) (offsets[i] >>> 32));
            }
        }
        for (int c = 0; c < oldestKept; c++) {
            chunks.set(c, null); // the list keeps its positions: offsets name chunks by index
        }
    }

    /** The slot's event, or null while its call is in flight. */
    public synchronized SyscallEvent get(int slot) {
        long at = offsets[slot];
        if (at < 0) {
            return null;
        }
        forgetReleased();
        int page = slot / PAGE;
        if (page >= cache.length) {
            cache = Arrays.copyOf(cache, Math.max(page + 1, cache.length * 2));
        }
        if (cache[page] == null) {
            cache[page] = new Cached[PAGE];
        }
        Cached ref = cache[page][slot % PAGE];
        SyscallEvent e = ref == null ? null : ref.get();
        if (e == null) {
            e = decode(new ByteSink.Reader(chunks.get((int) (at >>> 32)), (int) at), slot);
            cache[page][slot % PAGE] = new Cached(e, slot, released);
        }
        return e;
    }

    private void forgetReleased() {
        for (Cached r; (r = (Cached) released.poll()) != null; ) {
            Cached[] page = cache[r.slot / PAGE];
            if (page[r.slot % PAGE] == r) {
                page[r.slot % PAGE] = null;
            }
        }
    }

    private void encode(SyscallEvent e) {
        if (!baseKnown) {
            baseNanos = e.startNanos();
            baseKnown = true;
        }
        ByteSink s = sink;
        s.clear();
        int flags = (e.finished() ? FINISHED : 0) | (e.harness() ? HARNESS : 0)
                | (e.openFlags().isPresent() ? OPEN_FLAGS : 0) | (e.cloneFlags().isPresent() ? CLONE_FLAGS : 0)
                | (e.socketError().isPresent() ? SOCKET_ERROR : 0) | (e.argv().isPresent() ? ARGV : 0)
                | (e.injection().isPresent() ? INJECTED : 0);
        s.unsigned(flags);
        s.unsigned(e.pid());
        s.signed(e.tid() - (long) e.pid());
        s.signed(e.number());
        value(e.syscall());
        value(e.categories());
        value(e.thread());
        for (long arg : e.args()) {
            s.signed(arg);
        }
        values(e.renderedArgs());
        value(e.path().orElse(null));
        value(e.path2().orElse(null));
        value(e.fdPath().orElse(null));
        value(e.address().orElse(null));
        if (e.argv().isPresent()) {
            values(e.argv().get());
        }
        if (e.openFlags().isPresent()) {
            s.signed(e.openFlags().getAsLong());
        }
        if (e.cloneFlags().isPresent()) {
            s.signed(e.cloneFlags().getAsLong());
        }
        if (e.socketError().isPresent()) {
            s.signed(e.socketError().getAsInt());
        }
        s.signed(e.returnValue());
        // as the tracer leaves it: null when it is the one derived from the values (the event derives it again)
        String derived = ReturnValues.derived(e.finished(), e.returnValue(), e.errno().orElse(null));
        value(e.renderedReturn().equals(derived) ? null : e.renderedReturn());
        value(e.errno().orElse(null));
        s.signed(e.startNanos() - baseNanos);
        s.signed(e.endNanos() - e.startNanos());
    }

    /** A pooled value's id + 1, or 0 and the string in place (a value the pool has no room for is a string). */
    private void value(Object v) {
        int id = pool.id(v);
        if (id >= 0) {
            sink.unsigned(id + 1L);
        } else {
            sink.unsigned(0);
            sink.string((String) v);
        }
    }

    private void values(List<String> list) {
        sink.unsigned(list.size());
        for (String v : list) {
            value(v);
        }
    }

    private Object value(ByteSink.Reader r) {
        int id = r.unsignedInt();
        return id == 0 ? r.string() : pool.value(id - 1);
    }

    private List<String> values(ByteSink.Reader r) {
        int n = r.unsignedInt();
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = (String) value(r);
        }
        return Arrays.asList(out);
    }

    @SuppressWarnings("unchecked")
    private SyscallEvent decode(ByteSink.Reader r, int slot) {
        int flags = r.unsignedInt();
        SyscallEvent.Builder b = SyscallEvent.builder().finished((flags & FINISHED) != 0)
                .harness((flags & HARNESS) != 0);
        int pid = r.unsignedInt();
        b.pid(pid).tid((int) (pid + r.signed())).number((int) r.signed());
        b.syscall((String) value(r)).categories((Set<SyscallCategory>) value(r)).thread((String) value(r));
        long[] args = new long[6];
        for (int i = 0; i < args.length; i++) {
            args[i] = r.signed();
        }
        b.args(args).renderedArgs(values(r));
        b.path((String) value(r)).path2((String) value(r)).fdPath((String) value(r)).address((String) value(r));
        if ((flags & ARGV) != 0) {
            b.argv(values(r));
        }
        if ((flags & OPEN_FLAGS) != 0) {
            b.openFlags(r.signed());
        }
        if ((flags & CLONE_FLAGS) != 0) {
            b.cloneFlags(r.signed());
        }
        if ((flags & SOCKET_ERROR) != 0) {
            b.socketError((int) r.signed());
        }
        b.returnValue(r.signed()).renderedReturn((String) value(r)).errno((String) value(r));
        if ((flags & INJECTED) != 0) {
            b.injection(injections.get(slot));
        }
        long start = baseNanos + r.signed();
        return b.startNanos(start).endNanos(start + r.signed()).build();
    }

    /** A decoded event, held only weakly: for as long as someone else holds it, its slot gives this same object. */
    private static final class Cached extends WeakReference<SyscallEvent> {
        final int slot;

        Cached(SyscallEvent e, int slot, ReferenceQueue<SyscallEvent> queue) {
            super(e, queue);
            this.slot = slot;
        }
    }
}
