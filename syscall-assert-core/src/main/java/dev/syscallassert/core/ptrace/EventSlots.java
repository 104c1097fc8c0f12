package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The trace's events in entry order, the one store of the recorded calls still in flight. A recorded call gets its
 * slot at its entry stop ({@link #reserve}), so that the events are in the order the calls began, even though calls
 * on other threads may finish in between; its event fills the slot at the exit stop ({@link #complete}),
 * or as unfinished when its task is gone first. Until then the slot holds the call itself, for the calls nobody
 * finishes: {@link #inFlight()} lists them when the trace ends.
 *
 * <p>Confined to the tracer thread; the marker handler reads it there too. After the tracer thread has ended, the
 * thread that joined it reads the events ({@link #completed()}).
 */
final class EventSlots {
    /** The event of each slot; null while its call is in flight. */
    private final List<SyscallEvent> events = new ArrayList<>();
    /** The call of each slot while it is in flight; null once its event is in. */
    private final List<InFlightCall> calls = new ArrayList<>();
    private final Consumer<SyscallEvent> listener;

    /** @param listener told of each event as its slot is filled, or null */
    EventSlots(Consumer<SyscallEvent> listener) {
        this.listener = listener;
    }

    /** Gives the call the next slot. */
    void reserve(InFlightCall call) {
        call.slot = events.size();
        events.add(null);
        calls.add(call);
    }

    /** Whether the call has a slot still waiting for its event. */
    boolean isInFlight(InFlightCall call) {
        return call.slot >= 0 && calls.get(call.slot) != null;
    }

    /** Fills the call's slot with its event and tells the listener. */
    void complete(InFlightCall call, SyscallEvent event) {
        events.set(call.slot, event);
        calls.set(call.slot, null);
        if (listener != null) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener's failure must not break the trace
            }
        }
    }

    /** The recorded calls still in flight, in entry order. */
    List<InFlightCall> inFlight() {
        List<InFlightCall> open = new ArrayList<>();
        for (InFlightCall call : calls) {
            if (call != null) {
                open.add(call);
            }
        }
        return open;
    }

    /** How many slots there are: the index the next recorded call will get. */
    int count() {
        return events.size();
    }

    /** Every completed event so far, in entry order (calls in flight are left out). */
    List<SyscallEvent> completed() {
        return completed(0, events.size());
    }

    /** The completed events of the slots in {@code [fromIndex, toIndex)}, clamped to the slots there are. */
    List<SyscallEvent> completed(int fromIndex, int toIndex) {
        int from = Math.max(0, fromIndex);
        int to = Math.min(events.size(), toIndex);
        List<SyscallEvent> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            SyscallEvent e = events.get(i);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
