package dev.syscallassert.cli;

import dev.syscallassert.ProcessLimitExceededException;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.TraceKilledException;
import dev.syscallassert.TraceResult;
import dev.syscallassert.TraceTimeoutException;
import dev.syscallassert.Tracer;
import dev.syscallassert.TracerException;
import dev.syscallassert.UnknownSyscallException;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.format.SummaryFormat;
import dev.syscallassert.core.format.TextFormat;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.spawn.StartState;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The command-line tracer: strace's everyday options on top of {@link Tracer}. */
public final class Main {
    private Main() {
    }

    /**
     * The arguments are taken with the bytes the kernel passed ({@link StartState#jvmMainArguments}): a command
     * argument that is not valid in the locale's encoding reaches the program unchanged, as under strace.
     */
    public static void main(String[] args) {
        FastStart.prepare();
        System.exit(run(StartState.jvmMainArguments(args), System.err, EndingSignals.install()));
    }

    /** Runs the tracer and returns the exit status to use (in process: this JVM's signals are left alone). */
    static int run(String[] args, PrintStream err) {
        return run(args, err, null);
    }

    /** @param signals the signals that end the trace, or null */
    private static int run(String[] args, PrintStream err, EndingSignals signals) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            if (e.getMessage() == null) {
                err.println(CliOptions.USAGE);
                return 0;
            }
            err.println("syscall-assert: " + e.getMessage());
            err.println(CliOptions.USAGE);
            return 2;
        }
        Writer out = null;
        try {
            // a FileOutputStream, not Files.newBufferedWriter, whose channel classes a start need not load; its
            // error says why ("(Permission denied)") after the path
            out = options.output != null
                    ? new BufferedWriter(new OutputStreamWriter(new FileOutputStream(options.output.toString()),
                            StandardCharsets.UTF_8))
                    : new BufferedWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
            boolean colour = !options.json && options.output == null && (options.color.equals("always")
                    || options.color.equals("auto") && LibC.isatty(2) == 1);
            Writer sink = out;
            // strace -f -o puts each line after its pid; on stderr, [pid N] while more than one task lives
            TextFormat text = TextFormat.plain().withColour(colour).withReturnColumn(options.returnColumn)
                    .withPidStyle(options.output != null ? TextFormat.PidStyle.COLUMN : TextFormat.PidStyle.BRACKETS);
            boolean everyLineHasItsPid = options.output != null;
            boolean live = options.output == null;
            if (options.outputs.runs > 1) {
                return Outputs.repeated(options, out, err);
            }
            Tracer tracer = tracer(options);
            // Nothing is kept per event unless an output is made from the whole trace afterwards: each line is
            // written as it comes, the -c table counts as the calls come.
            tracer.retainEvents(options.outputs.needsWholeTrace());
            WallClockCounts wallClock = new WallClockCounts();
            if (!options.summary && (!options.outputs.replacesListing() || options.output != null)) {
                tracer.onTraceEventWithLiveTasks((e, liveTasks) -> print(sink, e, options.json, text,
                        everyLineHasItsPid || liveTasks > 1, live));
            } else if (options.wallClock) {
                tracer.onTraceEvent(wallClock);
            }
            TraceResult result;
            try {
                RunningTrace running = tracer.start();
                if (signals != null) {
                    signals.endOnSignal(running);
                }
                result = running.await();
            } catch (TraceTimeoutException e) {
                finish(out, e.partialResult(), options, wallClock);
                Outputs.after(java.util.List.of(e.partialResult()), options, out, err, 0);
                err.println("syscall-assert: " + e.getMessage());
                return e.partialResult().exitCode() >= 0 ? e.partialResult().exitCode() : 124;
            } catch (ProcessLimitExceededException e) {
                finish(out, e.partialResult(), options, wallClock);
                err.println("syscall-assert: " + e.getMessage());
                return 125;
            } catch (TraceKilledException e) {
                if (signals == null || !signals.ended()) {
                    throw e;
                }
                err.println("syscall-assert: " + signals.name() + ": " + (options.attachPid != 0
                        ? "detached from " + options.attachPid + ", which goes on running"
                        : "the traced processes were killed"));
                finish(out, e.partialResult(), options, wallClock);
                // what was asked for from the whole trace (profile, timeline, tree) is made from what was traced
                Outputs.after(java.util.List.of(e.partialResult()), options, out, err, 0);
                return signals.exitStatus();
            }
            finish(out, result, options, wallClock);
            int status = Outputs.after(java.util.List.of(result), options, out, err, result.exitCode());
            if (result.crashed() && (options.summary || options.output != null)) {
                // the trace (its last line says so) went elsewhere or is a table: say it where the user looks
                err.println("+++ killed by " + result.terminatingSignal().orElse("?") + " +++");
            }
            return options.attachPid != 0 ? 0 : status;
        } catch (UnknownSyscallException e) {
            err.println("syscall-assert: " + e.getMessage());
            return 2;
        } catch (TracerException | IllegalArgumentException e) {
            err.println("syscall-assert: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("syscall-assert: cannot write the trace: " + e.getMessage());
            return 1;
        } catch (LinkageError e) {
            // the engine's native library could not be loaded: its own error says what was tried and why
            Throwable cause = FastStart.failure() != null ? FastStart.failure() : e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("syscall-assert: " + cause.getMessage());
            return 1;
        } finally {
            if (out != null) {
                try {
                    out.flush();
                    if (options.output != null) {
                        out.close();
                    }
                } catch (IOException ignored) {
                    // nothing sensible left to do with a broken output at exit
                }
            }
        }
    }

    /** The tracer the options ask for: the command or the pid, and how it is traced. */
    static Tracer tracer(CliOptions options) {
        Tracer tracer = options.attachPid != 0 ? Tracer.attach(options.attachPid) : Tracer.command(options.command);
        tracer.inheritIO();
        if (options.traceExpression != null) {
            tracer.trace(options.traceExpression);
        }
        options.applyActs(tracer);
        if (options.timeout != null) {
            tracer.timeout(options.timeout);
        }
        if (options.sameCpu) {
            tracer.sameCpu();
        }
        if (options.summary && !options.wallClock && !options.outputs.perProcess) {
            tracer.countSystemTime(); // per process the times are wall-clock: the rusage is per trace
        }
        return tracer;
    }

    /**
     * One call, signal or exit as it happens, with its pid when {@code withPid}: on stderr strace prefixes a line
     * exactly while more than one traced task is alive where the line begins (strace.c's printleader: {@code nprocs >
     * 1}), with -o every line.
     */
    private static void print(Writer out, TraceEvent e, boolean json, TextFormat text, boolean withPid,
                              boolean flush) {
        try {
            if (json) {
                out.write(JsonLinesFormat.format(e));
            } else {
                out.write(text.format(e, withPid));
            }
            out.write('\n');
            if (flush) {
                out.flush();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** After the trace: the -c table (the live lines, the exits among them, were printed as they came). */
    private static void finish(Writer out, TraceResult result, CliOptions options, WallClockCounts wallClock)
            throws IOException {
        if (options.summary && !options.outputs.perProcess) {
            SyscallSummary summary = result.systemTimes().orElseGet(wallClock::summary);
            out.write(SummaryFormat.format(summary, options.sortBy, options.columns));
        }
    }
}
