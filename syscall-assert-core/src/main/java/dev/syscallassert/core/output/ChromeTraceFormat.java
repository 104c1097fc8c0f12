package dev.syscallassert.core.output;

import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.format.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A trace in the Chrome trace-event format (the JSON object form that Perfetto and {@code chrome://tracing} open):
 * one track per thread, grouped per process (pid and tid are the kernel's), each call a complete slice ({@code "X"},
 * entry to exit, its decoded arguments and return value in {@code args}), and as instants ({@code "i"}, thread
 * scope) a process's or thread's start (when its creating call returned), each exec, each signal delivered, each
 * end, and the caller's own marks (a test's begin and end). Times are microseconds since the first event, with
 * nanosecond decimals. Written as it goes, one event per line, so a long trace is never held as one string. Any
 * thread; one writer per instance.
 */
public final class ChromeTraceFormat {

    /** A point the caller wants on the timeline, e.g. a test's begin: on the track of {@code tid} of {@code pid}. */
    public record Mark(String name, long timeNanos, int pid, int tid) {
    }

    /**
     * The hook for injected faults: what was injected into a call (the fault-injection helper's description of it),
     * empty for a call the kernel answered itself. A call with a fault gets {@code args.injected} and the slice
     * colour {@code "terrible"}, and an instant {@code injected: ...} at its entry.
     */
    @FunctionalInterface
    public interface InjectedFaults extends Function<SyscallEvent, Optional<String>> {
        InjectedFaults NONE = e -> Optional.empty();
    }

    private final Writer out;
    private final InjectedFaults faults;
    private long origin;
    private boolean first = true;

    private ChromeTraceFormat(Writer out, InjectedFaults faults) {
        this.out = out;
        this.faults = faults;
    }

    /** Writes the whole timeline of {@code events} (in the tracer's order) with {@code marks} to {@code out}. */
    public static void write(List<? extends TraceEvent> events, List<Mark> marks, InjectedFaults faults, Writer out)
            throws IOException {
        try {
            new ChromeTraceFormat(out, faults).all(events, marks);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void all(List<? extends TraceEvent> events, List<Mark> marks) throws IOException {
        origin = Long.MAX_VALUE;
        for (TraceEvent e : events) {
            origin = Math.min(origin, time(e));
        }
        for (Mark m : marks) {
            origin = Math.min(origin, m.timeNanos());
        }
        out.write("{\"displayTimeUnit\": \"ms\", \"otherData\": {\"origin_epoch_ns\": "
                + (origin == Long.MAX_VALUE ? 0 : origin) + "}, \"traceEvents\": [");
        ProcessFamily family = ProcessFamily.of(events);
        for (ProcessFamily.Task t : family.tasks()) {
            if (!t.isThread()) {
                metadata("process_name", t.pid(), t.tid(), "pid " + t.pid() + ": " + family.commandLine(t));
            }
            metadata("thread_name", t.pid(), t.tid(), family.threadName(t) + " (" + t.tid() + ")");
            if (t.startNanos() >= 0) {
                instant(t.isThread() ? "thread start" : "process start", t.startNanos(), t.pid(), t.tid(),
                        t.creator() >= 0 ? "\"created_by\": " + t.creator() : "");
            }
        }
        for (TraceEvent e : events) {
            if (e instanceof SyscallEvent call) {
                call(call);
            } else if (e instanceof SignalEvent s) {
                StringBuilder args = new StringBuilder("\"siginfo\": ");
                Json.string(args, s.siginfo());
                instant(s.signal(), s.timeNanos(), s.pid(), s.tid(), args.toString());
            } else if (e instanceof GroupStop g) {
                instant(g.toString().replace("--- ", "").replace(" ---", ""), g.timeNanos(), g.pid(), g.tid(), "");
            } else {
                ProcessExit x = (ProcessExit) e;
                instant(x.toString().replace("+++ ", "").replace(" +++", ""), x.timeNanos(), x.pid(), x.tid(), "");
            }
        }
        for (Mark m : marks) {
            instant(m.name(), m.timeNanos(), m.pid(), m.tid(), "");
        }
        out.write("\n]}\n");
    }

    private void call(SyscallEvent e) throws IOException {
        StringBuilder sb = new StringBuilder("{\"ph\": \"X\", \"name\": ");
        Json.string(sb, e.syscall());
        sb.append(", \"cat\": ");
        // the format's categories are comma-separated: every strace class of the call
        Json.string(sb, e.categories().isEmpty() ? "other" : e.categories().stream()
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")));
        sb.append(", \"pid\": ").append(e.pid()).append(", \"tid\": ").append(e.tid())
                .append(", \"ts\": ").append(micros(e.startNanos()))
                .append(", \"dur\": ").append(micros(origin + Math.max(0, e.endNanos() - e.startNanos())));
        Optional<String> fault = faults.apply(e);
        if (fault.isPresent()) {
            sb.append(", \"cname\": \"terrible\"");
        }
        sb.append(", \"args\": {\"args\": ");
        Json.string(sb, String.join(", ", e.renderedArgs()));
        sb.append(", \"return\": ");
        Json.string(sb, e.renderedReturn());
        if (e.harness()) {
            sb.append(", \"harness\": true");
        }
        if (fault.isPresent()) {
            sb.append(", \"injected\": ");
            Json.string(sb, fault.get());
        }
        sb.append("}}");
        event(sb);
        if (fault.isPresent()) {
            instant("injected: " + fault.get(), e.startNanos(), e.pid(), e.tid(), "");
        }
        if (e.succeeded() && e.syscall().startsWith("execve") && e.argv().isPresent()) {
            StringBuilder args = new StringBuilder("\"argv\": ");
            Json.string(args, String.join(" ", e.argv().get()));
            instant("exec", e.endNanos(), e.pid(), e.tid(), args.toString());
        }
    }

    private void instant(String name, long nanos, int pid, int tid, String args) throws IOException {
        StringBuilder sb = new StringBuilder("{\"ph\": \"i\", \"s\": \"t\", \"name\": ");
        Json.string(sb, name);
        sb.append(", \"pid\": ").append(pid).append(", \"tid\": ").append(tid).append(", \"ts\": ")
                .append(micros(nanos)).append(", \"args\": {").append(args).append("}}");
        event(sb);
    }

    private void metadata(String kind, int pid, int tid, String name) throws IOException {
        StringBuilder sb = new StringBuilder("{\"ph\": \"M\", \"name\": \"").append(kind).append("\", \"pid\": ")
                .append(pid).append(", \"tid\": ").append(tid).append(", \"args\": {\"name\": ");
        Json.string(sb, name);
        event(sb.append("}}"));
    }

    private void event(CharSequence json) throws IOException {
        out.write(first ? "\n" : ",\n");
        first = false;
        out.append(json);
    }

    /** Microseconds since the origin, with the nanoseconds as three decimals (the format's ts is a double). */
    private String micros(long nanos) {
        long ns = nanos - origin;
        long whole = Math.floorDiv(ns, 1000);
        long rest = Math.floorMod(ns, 1000);
        return whole + "." + (rest < 10 ? "00" : rest < 100 ? "0" : "") + rest;
    }

    private static long time(TraceEvent e) {
        if (e instanceof SyscallEvent c) {
            return c.startNanos();
        }
        if (e instanceof GroupStop g) {
            return g.timeNanos();
        }
        return e instanceof SignalEvent s ? s.timeNanos() : ((ProcessExit) e).timeNanos();
    }
}
