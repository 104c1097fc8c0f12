package dev.syscallassert.cli;

import dev.syscallassert.ProcessLimitExceededException;
import dev.syscallassert.RunningTrace;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.TraceEvent;
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
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/** The command-line tracer: strace's everyday options on top of {@link Tracer}. */
public final class Main {
    private Main() {
    }

    /**
     * The arguments are taken with the bytes the kernel passed ({@link StartState#jvmMainArguments}): a command
     * argument that is not valid in the locale's encoding reaches the program unchanged, as under strace.
     */
    public static void main(String[] args) {
        System.exit(run(StartState.jvmMainArguments(args), System.err));
    }

    /** Runs the tracer and returns the exit status to use. */
    static int run(String[] args, PrintStream err) {
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
            out = options.output != null
                    ? Files.newBufferedWriter(options.output, StandardCharsets.UTF_8)
                    : new BufferedWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
            boolean colour = !options.json && options.output == null && (options.color.equals("always")
                    || options.color.equals("auto") && LibC.isatty(2) == 1);
            Writer sink = out;
            TextFormat text = TextFormat.plain().withColour(colour);
            MainPid mainPid = new MainPid();
            boolean live = options.output == null;
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
            if (options.summary && !options.wallClock) {
                tracer.countSystemTime();
            }
            if (!options.summary) {
                tracer.onTraceEvent(e -> print(sink, e, options.json, text, mainPid.await(), live));
            }
            TraceResult result;
            try {
                RunningTrace running = tracer.start();
                mainPid.known(running.pid());
                result = running.await();
            } catch (TraceTimeoutException e) {
                finish(out, e.partialResult(), options);
                err.println("syscall-assert: " + e.getMessage());
                return e.partialResult().exitCode() >= 0 ? e.partialResult().exitCode() : 124;
            } catch (ProcessLimitExceededException e) {
                finish(out, e.partialResult(), options);
                err.println("syscall-assert: " + e.getMessage());
                return 125;
            }
            finish(out, result, options);
            if (result.crashed() && (options.summary || options.output != null)) {
                // the trace (its last line says so) went elsewhere or is a table: say it where the user looks
                err.println("+++ killed by " + result.terminatingSignal().orElse("?") + " +++");
            }
            return options.attachPid != 0 ? 0 : result.exitCode();
        } catch (UnknownSyscallException e) {
            err.println("syscall-assert: " + e.getMessage());
            return 2;
        } catch (TracerException | IllegalArgumentException e) {
            err.println("syscall-assert: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("syscall-assert: cannot write the trace: " + e.getMessage());
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

    /**
     * One call, signal or exit as it happens, with strace -f's {@code [pid N]} prefix on every line but the main
     * process's main thread's ({@code +++ exited with N +++} included).
     */
    private static void print(Writer out, TraceEvent e, boolean json, TextFormat text, int mainPid, boolean flush) {
        try {
            if (json) {
                out.write(JsonLinesFormat.format(e));
            } else {
                out.write(text.format(e, e.tid() != mainPid));
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
    private static void finish(Writer out, TraceResult result, CliOptions options) throws IOException {
        if (options.summary) {
            SyscallSummary summary = result.systemTimes()
                    .orElseGet(() -> SyscallSummary.wallClock(result.trace().events()));
            out.write(SummaryFormat.format(summary, options.sortBy, options.columns));
        }
    }

    /**
     * The traced program's pid, for the prefix: known once {@link Tracer#start()} returns, which the tracer thread
     * may not wait for before its first event, so the listener waits for it (once, microseconds).
     */
    private static final class MainPid {
        private final CountDownLatch known = new CountDownLatch(1);
        private volatile int pid;

        void known(int pid) {
            this.pid = pid;
            known.countDown();
        }

        int await() {
            boolean interrupted = false;
            while (known.getCount() > 0) {
                try {
                    known.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return pid;
        }
    }
}
