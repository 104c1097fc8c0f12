package dev.syscallassert;

import dev.syscallassert.core.output.ProcessFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processes and threads a trace saw, as a tree: who created whom (from the kernel's answers to clone, clone3,
 * fork and vfork and their flags), each process's execs, its end, and how many calls it made and files and
 * addresses they named. A process whose creation the trace did not see (the traced command, an attached process, a
 * process created before a traced test's window) is a root. Immutable; any thread.
 */
public final class ProcessTree {

    /** A traced thread other than its process's leader. */
    public record TracedThread(int tid, String name, Optional<ProcessExit> exit, int calls, int failedCalls) {
    }

    /**
     * A process: its pid, the argument vector of each successful exec in order (none for a process that only
     * forked), its end, its calls (all its threads'; harness calls included) and the distinct paths and socket
     * addresses they named, its other threads and the processes it created.
     */
    public record Process(int pid, List<List<String>> execs, String commandLine, Optional<ProcessExit> exit,
                          int calls, int failedCalls, Set<String> files, Set<String> addresses,
                          List<TracedThread> threads, List<Process> children) {
    }

    private final List<Process> roots;

    private ProcessTree(List<Process> roots) {
        this.roots = roots;
    }

    /** The tree of the trace's whole recording ({@link SyscallTrace#allTimeline()}). */
    public static ProcessTree of(SyscallTrace trace) {
        ProcessFamily family = ProcessFamily.of(trace.allTimeline());
        List<Process> roots = new ArrayList<>();
        for (ProcessFamily.Task root : family.roots()) {
            roots.add(node(family, root));
        }
        return new ProcessTree(List.copyOf(roots));
    }

    private static Process node(ProcessFamily family, ProcessFamily.Task leader) {
        int calls = leader.calls();
        int failed = leader.failedCalls();
        Set<String> files = new TreeSet<>(leader.paths());
        Set<String> addresses = new TreeSet<>(leader.addresses());
        List<TracedThread> threads = new ArrayList<>();
        for (ProcessFamily.Task t : family.threads(leader)) {
            threads.add(new TracedThread(t.tid(), family.threadName(t), t.exit(), t.calls(), t.failedCalls()));
            calls += t.calls();
            failed += t.failedCalls();
            files.addAll(t.paths());
            addresses.addAll(t.addresses());
        }
        List<Process> children = new ArrayList<>();
        for (ProcessFamily.Task c : family.children(leader)) {
            children.add(node(family, c));
        }
        List<List<String>> execs = leader.execs().stream().map(ProcessFamily.Exec::argv).toList();
        return new Process(leader.pid(), execs, family.commandLine(leader), leader.exit(), calls, failed,
                Set.copyOf(files), Set.copyOf(addresses), List.copyOf(threads), List.copyOf(children));
    }

    /** The processes whose creation the trace did not see, in the order it first saw them. */
    public List<Process> roots() {
        return roots;
    }

    /** Every process, each before the processes it created. */
    public List<Process> processes() {
        List<Process> all = new ArrayList<>();
        roots.forEach(r -> collect(r, all));
        return all;
    }

    private static void collect(Process p, List<Process> into) {
        into.add(p);
        p.children().forEach(c -> collect(c, into));
    }

    public Optional<Process> process(int pid) {
        return processes().stream().filter(p -> p.pid() == pid).findFirst();
    }

    /** The process that created {@code child}, when the trace saw its creation. */
    public Optional<Process> parentOf(Process child) {
        return processes().stream().filter(p -> p.children().contains(child)).findFirst();
    }

    /** The tree drawn as {@code pstree} draws one, a process per line with its end and counts. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Process r : roots) {
            draw(sb, r, "", "");
        }
        return sb.toString();
    }

    private static void draw(StringBuilder sb, Process p, String first, String rest) {
        sb.append(first).append(p.pid()).append(' ').append(p.commandLine());
        if (p.execs().size() > 1) {
            sb.append("  (").append(p.execs().size()).append(" execs)");
        }
        sb.append("  [").append(end(p.exit())).append(", ").append(counts(p.calls(), p.failedCalls()));
        sb.append(", ").append(p.files().size()).append(p.files().size() == 1 ? " file" : " files");
        if (!p.addresses().isEmpty()) {
            sb.append(", ").append(p.addresses().size())
                    .append(p.addresses().size() == 1 ? " address" : " addresses");
        }
        sb.append("]\n");
        String below = p.children().isEmpty() ? "    " : "│   ";
        for (TracedThread t : p.threads()) {
            sb.append(rest).append(below).append("thread ").append(t.tid())
                    .append(t.name().isEmpty() ? "" : " \"" + t.name() + "\"").append("  [").append(end(t.exit()))
                    .append(", ").append(counts(t.calls(), t.failedCalls())).append("]\n");
        }
        for (int i = 0; i < p.children().size(); i++) {
            boolean last = i == p.children().size() - 1;
            draw(sb, p.children().get(i), rest + (last ? "└── " : "├── "), rest + (last ? "    " : "│   "));
        }
    }

    private static String end(Optional<ProcessExit> exit) {
        return exit.map(x -> x.toString().replace("+++ ", "").replace(" +++", "")).orElse("end not traced");
    }

    private static String counts(int calls, int failed) {
        return calls + (calls == 1 ? " call" : " calls") + (failed > 0 ? " (" + failed + " failed)" : "");
    }
}
