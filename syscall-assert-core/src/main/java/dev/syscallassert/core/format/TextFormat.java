package dev.syscallassert.core.format;

import dev.syscallassert.Injection;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * strace's text form, one call a line: {@code [pid 1234] openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 3},
 * a delivered signal {@code --- SIGCHLD {si_signo=SIGCHLD, ...} ---}, an end {@code +++ exited with 0 +++}.
 * Immutable; configure with the {@code with...} methods. By default the return is not padded to strace's column 40
 * (these lines end up in assertion messages, where the padding only adds noise); the CLI asks for it.
 */
public final class TextFormat {

    /** When to put strace -f's {@code [pid TID]} prefix in front of a line. */
    public enum PidPrefix {
        /** Only when the trace holds more than one thread, as strace -f does. */
        AUTO,
        ALWAYS,
        NEVER
    }

    /** How the pid prefix reads. */
    public enum PidStyle {
        /** strace -f on stderr: {@code [pid  1234] }. */
        BRACKETS,
        /** strace -f -o FILE: {@code 1234  }, the pid left-aligned in five columns and a space. */
        COLUMN
    }

    /** strace's mark for a call whose line its task's end closed before the call returned. */
    private static final String UNFINISHED = "<unfinished ...>";
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";

    private final PidPrefix pidPrefix;
    private final boolean colour;
    private final PidStyle pidStyle;
    /** strace's -a: the column the "= " of a return starts at, at least one space after the call; 0: one space. */
    private final int returnColumn;

    private TextFormat(PidPrefix pidPrefix, boolean colour, PidStyle pidStyle, int returnColumn) {
        this.pidPrefix = pidPrefix;
        this.colour = colour;
        this.pidStyle = pidStyle;
        this.returnColumn = returnColumn;
    }

    /** Plain text, with the pid prefix only for traces of more than one thread. */
    public static TextFormat plain() {
        return new TextFormat(PidPrefix.AUTO, false, PidStyle.BRACKETS, 0);
    }

    public TextFormat withPidPrefix(PidPrefix prefix) {
        return new TextFormat(prefix, colour, pidStyle, returnColumn);
    }

    public TextFormat withPidStyle(PidStyle style) {
        return new TextFormat(pidPrefix, colour, style, returnColumn);
    }

    /**
     * Pads each call to {@code column} before its {@code = } as strace does (its {@code -a}, 40 by default), counting
     * the pid prefix and not the colour codes; 0 pads nothing (one space).
     */
    public TextFormat withReturnColumn(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("the return column is 0 or more, not " + column);
        }
        return new TextFormat(pidPrefix, colour, pidStyle, column);
    }

    /** ANSI colours for a terminal: syscall names bold, string arguments (paths) green, failed returns red. */
    public TextFormat withColour(boolean colour) {
        return new TextFormat(pidPrefix, colour, pidStyle, returnColumn);
    }

    /** One event, prefixed only when the prefix is {@link PidPrefix#ALWAYS} (a single event has no other threads). */
    public String format(SyscallEvent event) {
        return format(event, pidPrefix == PidPrefix.ALWAYS);
    }

    /** One call, signal or exit, prefixed only when the prefix is {@link PidPrefix#ALWAYS}. */
    public String format(TraceEvent event) {
        return format(event, pidPrefix == PidPrefix.ALWAYS);
    }

    /** One call, signal or exit, with or without the {@code [pid TID]} prefix regardless of the configured policy. */
    public String format(TraceEvent event, boolean withPid) {
        if (event instanceof SyscallEvent) {
            return format((SyscallEvent) event, withPid);
        }
        StringBuilder sb = new StringBuilder(96);
        prefix(sb, event, withPid);
        String line = event.toString(); // SignalEvent's and ProcessExit's text is strace's line
        return (colour ? sb.append(BOLD).append(line).append(RESET) : sb.append(line)).toString();
    }

    /**
     * strace -f names the thread that made the call, received the signal or ended, which is the tid. Returns how many
     * columns the prefix takes on screen.
     */
    private int prefix(StringBuilder sb, TraceEvent event, boolean withPid) {
        if (!withPid) {
            return 0;
        }
        if (colour) {
            sb.append(DIM);
        }
        int start = sb.length();
        // strace's "%-5d " and "[pid %5d] ", written out: String.format costs microseconds a line, on every line
        String tid = Integer.toString(event.tid());
        if (pidStyle == PidStyle.COLUMN) {
            sb.append(tid);
            pad(sb, 5 - tid.length());
            sb.append(' ');
        } else {
            sb.append("[pid ");
            pad(sb, 5 - tid.length());
            sb.append(tid).append("] ");
        }
        int columns = sb.length() - start;
        if (colour) {
            sb.append(RESET);
        }
        return columns;
    }

    private static void pad(StringBuilder sb, int spaces) {
        for (int i = 0; i < spaces; i++) {
            sb.append(' ');
        }
    }

    /** One event, with or without the {@code [pid TID]} prefix regardless of the configured policy. */
    public String format(SyscallEvent event, boolean withPid) {
        StringBuilder sb = new StringBuilder(96);
        int columns = prefix(sb, event, withPid);
        if (colour) {
            sb.append(BOLD).append(event.syscall()).append(RESET);
        } else {
            sb.append(event.syscall());
        }
        sb.append('(');
        columns += event.syscall().length() + 1;
        List<String> args = event.renderedArgs();
        // a call that never returned shows what strace printed at its entry (see UnfinishedCalls)
        UnfinishedCalls.EntryPart entryPart = event.finished() ? null : UnfinishedCalls.entryPart(event);
        int shown = entryPart == null ? args.size() : Math.min(entryPart.args(), args.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
                columns += 2;
            }
            String arg = args.get(i);
            if (colour && arg.startsWith("\"")) {
                sb.append(GREEN).append(arg).append(RESET);
            } else {
                sb.append(arg);
            }
            columns += arg.length();
        }
        if (entryPart != null) {
            String rest = (entryPart.separator() && shown > 0 ? ", " : "") + " " + UNFINISHED;
            sb.append(rest);
            columns += rest.length();
        }
        sb.append(") ");
        columns += 2;
        // strace's tabto(): the "= " starts at the return column when the call is shorter
        pad(sb, returnColumn - columns);
        sb.append("= ");
        if (colour && event.failed()) {
            sb.append(RED).append(event.renderedReturn()).append(RESET);
        } else {
            sb.append(event.renderedReturn());
        }
        injectedNote(sb, event);
        return sb.toString();
    }

    /** strace's print_injected_note after the return: " (INJECTED)", " (INJECTED: args)", " (DELAYED)". */
    private static void injectedNote(StringBuilder sb, SyscallEvent event) {
        event.injection().map(Injection::note).filter(n -> !n.isEmpty()).ifPresent(n -> sb.append(' ').append(n));
    }

    /**
     * The whole timeline of the trace, harness noise included (as {@link SyscallTrace#allTimeline()}), one a line:
     * calls in entry order, with the signals and exits where they happened.
     */
    public String format(SyscallTrace trace) {
        StringBuilder sb = new StringBuilder();
        writeTimeline(trace.allTimeline(), sb);
        return sb.toString();
    }

    public void write(SyscallTrace trace, Writer out) {
        writeTimeline(trace.allTimeline(), out);
    }

    /** Writes the events one a line; the prefix decision ({@link PidPrefix#AUTO}) looks at all of them. */
    public void write(List<SyscallEvent> events, Appendable out) {
        writeTimeline(events, out);
    }

    /** Writes calls, signals and exits one a line; the prefix decision ({@link PidPrefix#AUTO}) looks at all. */
    public void writeTimeline(List<? extends TraceEvent> events, Appendable out) {
        boolean withPid = pidPrefix == PidPrefix.ALWAYS
                || (pidPrefix == PidPrefix.AUTO && events.stream().mapToInt(TraceEvent::tid).distinct().count() > 1);
        try {
            for (TraceEvent e : events) {
                out.append(format(e, withPid)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the trace", e);
        }
    }
}
