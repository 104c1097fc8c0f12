package dev.syscallassert.cli;

import dev.syscallassert.Fault;
import dev.syscallassert.Tracer;
import dev.syscallassert.core.act.NetworkDeny;
import dev.syscallassert.core.format.SummaryFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The command line, parsed; {@link UsageException} carries what was wrong with it. */
final class CliOptions {
    /** strace's default for -a (its DEFAULT_ACOLUMN). */
    static final int STRACE_RETURN_COLUMN = 40;
    static final String USAGE = String.join("\n",
            "usage: java -jar syscall-assert.jar [OPTIONS] -- COMMAND [ARGS...]",
            "       java -jar syscall-assert.jar [OPTIONS] -p PID",
            "",
            "Traces COMMAND (and every process and thread it starts) with ptrace and prints its system calls,",
            "like strace -f. Exits with COMMAND's exit status (128+N when signal N killed it).",
            "",
            "  -o FILE              write the trace to FILE instead of stderr (each line after its pid, as strace -f -o)",
            "  -a COLUMN            align return values in this column (default 40, as strace; 0: no padding)",
            "  --json               one JSON object per syscall (JSON Lines) instead of strace's text",
            "  -c                   print a summary table (calls, errors, system time per syscall) instead of each",
            "                       call, like strace -c",
            "  -w                   with -c: wall-clock time from each call's entry to its exit instead",
            "  -S SORTBY            with -c: sort by time (default), min-time, max-time, avg-time, calls, errors,",
            "                       name or nothing",
            "  -U COLUMNS           with -c: these columns, comma-separated: time-percent, total-time, min-time,",
            "                       max-time, avg-time, calls, errors, name (default:",
            "                       time-percent,total-time,avg-time,calls,errors,name)",
            "  -e trace=EXPR        only these syscalls: names, %classes, !negation (strace's syntax),",
            "                       e.g. -e trace=openat,connect  -e trace=%file,%network  -e trace=!futex",
            "  -e inject=SPEC       inject a fault, strace's syntax: SYSCALLS:error=ERRNO|retval=N|short=FRACTION",
            "                       [:signal=SIG][:delay_enter=D][:delay_exit=D][:when=FIRST[..LAST][+[STEP]]]",
            "                       [:probability=P[:seed=N]][:path=PATTERN][:address=HOST:PORT] (repeatable),",
            "                       e.g. -e inject=write:error=ENOSPC:when=3:path=glob:**/journal.log",
            "  --deny=%network      cut COMMAND off the network: denied calls fail as on an offline machine",
            "  --allow=HOST:PORT    with --deny=%network: addresses still allowed, e.g. --allow=127.0.0.1:*",
            "                       (repeatable, or comma-separated)",
            "  --timeout SECONDS    kill the traced tree (or detach from PID) after this long",
            "  --color=WHEN         auto (default: when the output is a terminal), always, never",
            "  -p PID               attach to a running process instead of starting one; detaches at the end",
            "  --same-cpu           run COMMAND and the tracer on one CPU: much faster stops, but COMMAND sees 1 CPU",
            "  -f                   accepted for strace compatibility: children are always followed",
            OutputOptions.USAGE,
            "  -h, --help           this text");

    Path output;
    boolean json;
    boolean summary;
    boolean wallClock;
    SummaryFormat.SortBy sortBy = SummaryFormat.SortBy.TIME;
    List<SummaryFormat.Column> columns = SummaryFormat.DEFAULT_COLUMNS;
    String traceExpression;
    Duration timeout;
    String color = "auto";
    /** strace's -a: the column the " = " of a call's return is padded to. */
    int returnColumn = STRACE_RETURN_COLUMN;
    int attachPid;
    boolean sameCpu;
    List<String> command = new ArrayList<>();
    final OutputOptions outputs = new OutputOptions();
    /** -e inject=: the faults, in order. */
    List<Fault> faults = new ArrayList<>();
    boolean denyNetwork;
    List<String> allow = new ArrayList<>();

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliOptions parse(String[] args) throws UsageException {
        CliOptions o = new CliOptions();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break; // the command starts here, as in strace
            }
            switch (a) {
                case "-h":
                case "--help":
                    throw new UsageException(null);
                case "-o":
                    o.output = Path.of(value(args, ++i, a));
                    break;
                case "--json":
                    o.json = true;
                    break;
                case "-c":
                case "--summary-only":
                    o.summary = true;
                    break;
                case "-w":
                case "--summary-wall-clock":
                    o.wallClock = true;
                    break;
                case "-S":
                    o.sortBy = sortBy(value(args, ++i, a));
                    break;
                case "-U":
                    o.columns = columns(value(args, ++i, a));
                    break;
                case "-f":
                case "-ff":
                    break;
                case "--same-cpu":
                    o.sameCpu = true;
                    break;
                case "-e":
                    o.expression(value(args, ++i, a));
                    break;
                case "--timeout":
                    o.timeout = seconds(value(args, ++i, a));
                    break;
                case "-p":
                    o.attachPid = pid(value(args, ++i, a));
                    break;
                case "-a":
                    o.returnColumn = column(value(args, ++i, a));
                    break;
                default:
                    if (a.startsWith("--color=") || a.startsWith("--colour=")) {
                        o.color = a.substring(a.indexOf('=') + 1);
                        if (!List.of("auto", "always", "never").contains(o.color)) {
                            throw new UsageException("--color takes auto, always or never, not \"" + o.color + "\"");
                        }
                    } else if (a.startsWith("--timeout=")) {
                        o.timeout = seconds(a.substring("--timeout=".length()));
                    } else if (a.startsWith("-e") && a.length() > 2) {
                        o.expression(a.substring(2));
                    } else if (a.startsWith("--deny=")) {
                        o.deny(a.substring("--deny=".length()));
                    } else if (a.startsWith("--allow=")) {
                        o.allow.addAll(List.of(a.substring("--allow=".length()).split(",")));
                    } else if (a.startsWith("-o") && a.length() > 2) {
                        o.output = Path.of(a.substring(2));
                    } else if (a.startsWith("-a") && a.length() > 2 && !a.startsWith("--")) {
                        o.returnColumn = column(a.substring(2));
                    } else if (a.startsWith("-S") && a.length() > 2) {
                        o.sortBy = sortBy(a.substring(2));
                    } else if (a.startsWith("-U") && a.length() > 2) {
                        o.columns = columns(a.substring(2));
                    } else if (a.startsWith("--summary-sort-by=")) {
                        o.sortBy = sortBy(a.substring(a.indexOf('=') + 1));
                    } else if (a.startsWith("--summary-columns=")) {
                        o.columns = columns(a.substring(a.indexOf('=') + 1));
                    } else if (!o.outputs.parse(a)) {
                        throw new UsageException("unknown option \"" + a + "\"");
                    }
            }
            i++;
        }
        for (; i < args.length; i++) {
            o.command.add(args[i]);
        }
        if (o.attachPid != 0 && !o.command.isEmpty()) {
            throw new UsageException("give either -p PID or a command, not both");
        }
        if (o.attachPid != 0 && o.sameCpu) {
            throw new UsageException("--same-cpu works only for a command the tracer starts, not with -p");
        }
        o.checkActs();
        if (o.attachPid == 0 && o.command.isEmpty()) {
            throw new UsageException("no command to trace: put it after --, e.g. -- ls -l /etc");
        }
        o.outputs.check(o.traceExpression, o.attachPid != 0, o.summary);
        return o;
    }

    /** -e: trace= (or a bare selection) or inject=. */
    private void expression(String e) throws UsageException {
        if (!e.startsWith("inject=")) {
            traceExpression = e;
            return;
        }
        try {
            faults.add(Fault.parse(e));
        } catch (IllegalArgumentException bad) {
            throw new UsageException("-e " + e + ": " + bad.getMessage());
        }
    }

    private void deny(String what) throws UsageException {
        if (!what.equals("%network") && !what.equals("%net")) {
            throw new UsageException("--deny takes %network (the only class that can be denied), not \"" + what
                    + "\"");
        }
        denyNetwork = true;
    }

    /** The deny options' patterns are checked here, before anything runs. */
    private void checkActs() throws UsageException {
        if (!allow.isEmpty() && !denyNetwork) {
            throw new UsageException("--allow names what --deny=%network still allows; give --deny=%network too");
        }
        if (allow.isEmpty()) {
            return; // nothing to check: NetworkDeny's tables are not loaded for a run that denies nothing
        }
        try {
            NetworkDeny.allowing(allow);
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--allow: " + bad.getMessage());
        }
    }

    /** What the tracer is to do to the calls: the faults and deny mode, on {@code tracer}. */
    void applyActs(Tracer tracer) {
        if (!faults.isEmpty()) {
            tracer.inject(faults.toArray(new Fault[0]));
        }
        if (denyNetwork) {
            tracer.denyNetwork(allow.toArray(new String[0]));
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static SummaryFormat.SortBy sortBy(String text) throws UsageException {
        return summaryOption(SummaryFormat.SortBy::parse, text);
    }

    private static List<SummaryFormat.Column> columns(String text) throws UsageException {
        return summaryOption(SummaryFormat.Column::parse, text);
    }

    /** -S and -U are parsed by the summary, which words the errors as strace does. */
    private static <T> T summaryOption(Function<String, T> parser, String text) throws UsageException {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Duration seconds(String text) throws UsageException {
        try {
            double s = Double.parseDouble(text);
            if (!(s > 0)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes a positive number of seconds, not \"" + text + "\"");
        }
    }

    private static int column(String text) throws UsageException {
        try {
            int column = Integer.parseInt(text);
            if (column < 0) {
                throw new NumberFormatException();
            }
            return column;
        } catch (NumberFormatException e) {
            throw new UsageException("-a takes a column, 0 or more, not \"" + text + "\"");
        }
    }

    private static int pid(String text) throws UsageException {
        try {
            int pid = Integer.parseInt(text);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
            return pid;
        } catch (NumberFormatException e) {
            throw new UsageException("-p takes a process id, not \"" + text + "\"");
        }
    }
}
