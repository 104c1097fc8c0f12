package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.assertj.FileAccesses.Open;
import dev.syscallassert.assertj.SocketUses.Connect;

import java.util.List;

/** The text pieces failure messages share, so that every message shows calls the same way. */
final class Render {
    /** More lines than this make a message harder to read than the trace file it points to. */
    static final int MAX_LINES = 15;

    private Render() {
    }

    /** An assertion's description (the user's {@code as(...)}, or none) followed by what it looks at. */
    static String described(String description, String scope) {
        return description == null || description.isEmpty() ? scope : description + ", " + scope;
    }

    /**
     * Who made the call (or received the signal): {@code [pid 12 tid 14 "worker"]}; the tid only when it is not the
     * main thread.
     */
    static String who(TraceEvent e) {
        StringBuilder b = new StringBuilder("[pid ").append(e.pid());
        if (e.tid() != 0 && e.tid() != e.pid()) {
            b.append(" tid ").append(e.tid());
        }
        if (!e.thread().isEmpty()) {
            b.append(" \"").append(e.thread()).append('"');
        }
        return b.append(']').toString();
    }

    /** The call in strace form with who made it. */
    static String call(SyscallEvent e) {
        return who(e) + " " + e;
    }

    /** Nothing for a call that succeeded, else {@code "  (failed: ENOENT)"} or {@code "  (never returned)"}. */
    static String outcome(SyscallEvent e) {
        if (e.succeeded()) {
            return "";
        }
        return e.failed() ? "  (failed: " + e.errno().orElse("?") + ")" : "  (never returned)";
    }

    /** An opened path with the open's outcome: {@code /etc/hosts.allow  (failed: ENOENT)}. */
    static String opened(Open o) {
        return o.path() + outcome(o.event());
    }

    /**
     * A connect: its address, its outcome, the call, and the later call that decided it when it was left under way:
     * {@code 127.0.0.1:80  (in progress, then failed: ECONNREFUSED)  [pid 1 "app"] connect(...) = -1 EINPROGRESS,
     * then getsockopt(SO_ERROR) = ECONNREFUSED}. A connect that decided itself reads as {@link #outcome} shows it.
     */
    static String connect(Connect c) {
        ConnectOutcomes.Outcome o = c.outcome();
        String label = o.label().isEmpty() ? "" : "  (" + o.label() + ")";
        String evidence = o.evidence() == null ? "" : ConnectOutcomes.evidenceText(c.event(), o.evidence());
        return c.endpoint() + label + "  " + call(c.event()) + evidence;
    }

    /** A call shown under a name it concerns: {@code /etc/passwd  [pid 1 "app"] openat(...) = 3}. */
    static String labelled(Object name, SyscallEvent e) {
        return name + "  " + call(e);
    }

    /** Indented lines, cut after {@link #MAX_LINES} with a count of the rest; "(none)" when empty. */
    static String block(List<String> lines) {
        if (lines.isEmpty()) {
            return "  (none)";
        }
        StringBuilder b = new StringBuilder();
        int shown = Math.min(lines.size(), MAX_LINES);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(System.lineSeparator());
            }
            b.append("  ").append(lines.get(i));
        }
        if (lines.size() > shown) {
            b.append(System.lineSeparator()).append("  ... and ").append(lines.size() - shown).append(" more");
        }
        return b.toString();
    }
}
