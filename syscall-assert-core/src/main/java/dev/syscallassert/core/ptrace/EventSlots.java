package dev.syscallassert.core.ptrace;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The trace's events in entry order, and the one store of the recorded calls still in flight. A recorded call gets its
 * slot at its entry stop ({@link #reserve}), so that the events are in the order the calls began, even though calls
 * on other threads may finish in between; its event fills the slot at the exit stop ({@link #complete}),
 * or as unfinished when its task is gone first. Until then the call is in flight: {@link #inFlight()} lists the
 * calls nobody finished when the trace ends.
 *
 * <p>Signals and exits happen at one stop, so they are complete when they come ({@link #record}). Each call slot and
 * each of them also takes the next place in the timeline, the tracer's order of everything: slot numbers count calls
 * only (what {@link #count()} and {@link #completed(int, int)} index, as they always did), timeline places count all
 * ({@link #timelinePosition()}, {@link #timeline(int, int)}).
 *
 * <p>Each event, once complete, goes to the {@link EventPipe} (the trace's consumers), in the order the events
 * complete. The events themselves are kept only when the trace retains them (a {@link RetainedTimeline}); otherwise
 * only the calls in flight and two counters are, so that a trace of any length runs in constant memory.
 *
 * <p>Each event goes to the pipe with the number of traced tasks alive when its line begins in strace's output
 * (strace.c's nprocs at its printleader, which decides the stderr {@code [pid N]} prefix): a call's at its entry, a
 * signal's at its delivery, an end's with the ended task still counted ({@link #recordEnd}).
 *
 * <p>Confined to the tracer thread; the marker handler reads it there too. After the tracer thread has ended, the
 * thread that joined it reads the events ({@link #completed()}, {@link #timeline()}).
 */
final class EventSlots {
    /** Null when the events are not retained. */
    private final RetainedTimeline retained;
    /** The recorded calls in flight, in entry order (insertion order: slots are given in entry order). */
    private final Set<InFlightCall> inFlight = new LinkedHashSet<>();
    private int slotCount;
    private int placeCount;
    /** Null when nobody consumes the events as they come. */
    private final EventPipe pipe;
    /** How many traced tasks are alive now (the task table's size). */
    private final IntSupplier liveTasks;

    /**
     * @param retain    whether the events are kept (for the result and the marker handler's snapshots)
     * @param pipe      where each event goes once complete, or null
     * @param liveTasks how many traced tasks are alive at the moment it is asked
     */
    EventSlots(boolean retain, EventPipe pipe, IntSupplier liveTasks) {
        this.retained = retain ? new RetainedTimeline() : null;
        this.pipe = pipe;
        this.liveTasks = liveTasks;
    }

    /** Gives the call the next slot (and the next timeline place). */
    void reserve(InFlightCall call) {
        call.slot = retained != null ? retained.reserve() : slotCount;
        slotCount++;
        placeCount++;
        call.liveTasksAtEntry = liveTasks.getAsInt();
        inFlight.add(call);
    }

    /** A signal or an exit: complete as it comes, it takes the next timeline place, and the consumers get it. */
    void record(TraceEvent event) {
        record(event, liveTasks.getAsInt());
    }

    /**
     * The end of a task that has already left the task table: strace prints its {@code +++ exited +++} line before
     * it drops the task, so the count includes it when it was counted (it had stopped once, see {@link Tasks#count}).
     */
    void recordEnd(TraceEvent end, boolean wasCounted) {
        record(end, liveTasks.getAsInt() + (wasCounted ? 1 : 0));
    }

    private void record(TraceEvent event, int tasks) {
        if (retained != null) {
            retained.record(event);
        }
        placeCount++;
        tell(event, tasks);
    }

    /** Whether the call has a slot still waiting for its event. */
    boolean isInFlight(InFlightCall call) {
        return call.slot >= 0 && inFlight.contains(call);
    }

    /** Fills the call's slot with its event and hands the event on. */
    void complete(InFlightCall call, SyscallEvent event) {
        if (retained != null) {
            retained.fill(call.slot, event);
        }
        inFlight.remove(call);
        tell(event, call.liveTasksAtEntry);
    }

    private void tell(TraceEvent event, int tasks) {
        if (pipe != null) {
            pipe.put(event, tasks);
        }
    }

    /** The recorded calls still in flight, in entry order. */
    List<InFlightCall> inFlight() {
        return new ArrayList<>(inFlight);
    }

    /** How many slots there are: the index the next recorded call will get. */
    int count() {
        return slotCount;
    }

    /** Every completed event so far, in entry order (calls in flight are left out); none when not retained. */
    List<SyscallEvent> completed() {
        return completed(0, slotCount);
    }

    /** The completed events of the slots in {@code [fromIndex, toIndex)}, clamped to the slots there are. */
    List<SyscallEvent> completed(int fromIndex, int toIndex) {
        return retained == null ? List.of() : retained.completed(fromIndex, toIndex);
    }

    /** How many timeline places there are: the place the next call, signal or exit will take. */
    int timelinePosition() {
        return placeCount;
    }

    /** Forgets the retained events at the places below {@code place} (see {@link RetainedTimeline#forgetBefore}). */
    void forgetBefore(int place) {
        if (retained != null) {
            retained.forgetBefore(place);
        }
    }

    /** Everything in the timeline so far (calls in flight are left out); nothing when not retained. */
    List<TraceEvent> timeline() {
        return timeline(0, placeCount);
    }

    /** Everything in the timeline (calls in flight left out), compactly, for the result; nothing when not retained. */
    List<TraceEvent> result() {
        return retained == null ? List.of() : retained.all();
    }

    /** The timeline's complete entries at the places in {@code [fromPlace, toPlace)}, clamped to the places there are. */
    List<TraceEvent> timeline(int fromPlace, int toPlace) {
        return retained == null ? List.of() : retained.timeline(fromPlace, toPlace);
    }
}
