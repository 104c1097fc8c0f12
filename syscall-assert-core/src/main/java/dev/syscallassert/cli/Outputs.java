package dev.syscallassert.cli;

import dev.syscallassert.ChromeTimeline;
import dev.syscallassert.SeccompProfile;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.TraceResult;
import dev.syscallassert.core.format.TextFormat;
import dev.syscallassert.SyscallSummary;
import dev.syscallassert.core.format.SummaryFormat;
import dev.syscallassert.core.output.FileSummary;
import dev.syscallassert.core.output.NetworkSummary;
import dev.syscallassert.core.output.ProcessFamily;
import dev.syscallassert.core.output.ProfileCheck;
import dev.syscallassert.core.output.RunStatistics;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the CLI writes after the trace for {@link OutputOptions}: the seccomp profile, the enforcement report, and
 * (with {@code --runs}) the repeated runs they are made from. Main thread, after the tracer thread has ended.
 */
final class Outputs {
    private static final TextFormat TEXT = TextFormat.plain().withPidPrefix(TextFormat.PidPrefix.ALWAYS);

    private Outputs() {
    }

    /** {@code --runs=N}: the command N times, one after the other, then the outputs over all of them. */
    static int repeated(CliOptions options, Writer out, PrintStream err) throws IOException {
        List<TraceResult> results = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < options.outputs.runs; i++) {
            TraceResult result = Main.tracer(options).run();
            results.add(result);
            status = result.exitCode(); // a shell's: the last run's
        }
        return after(results, options, out, err, status);
    }

    /**
     * Writes the outputs the options ask for from these runs and returns the exit status to use: {@code status},
     * or 1 when {@code --enforce-profile} found a call the profile refuses and the command itself succeeded.
     */
    static int after(List<TraceResult> runs, CliOptions options, Writer out, PrintStream err, int status)
            throws IOException {
        OutputOptions o = options.outputs;
        if (o.seccompProfile != null) {
            SeccompProfile profile = o.mergeProfile && Files.exists(o.seccompProfile)
                    ? SeccompProfile.read(o.seccompProfile) : SeccompProfile.empty();
            for (TraceResult r : runs) {
                profile = profile.merge(r.seccompProfile());
            }
            if (!o.runtimeSyscalls) {
                profile = profile.withoutRuntimeSyscalls();
            }
            profile.writeTo(o.seccompProfile);
            err.println("syscall-assert: wrote " + o.seccompProfile + ": " + profile.syscalls().size()
                    + " syscalls seen in " + profile.runs() + (profile.runs() == 1 ? " run" : " runs")
                    + "; it allows only what " + (profile.runs() == 1 ? "this run" : "these runs") + " exercised");
        }
        if (o.timeline != null) {
            List<TraceEvent> all = new ArrayList<>();
            runs.forEach(r -> all.addAll(r.trace().allTimeline()));
            ChromeTimeline.of(SyscallTrace.ofTimeline(all)).writeTo(o.timeline);
        }
        if (options.summary) {
            statistics(runs, options, out);
        }
        if ("files".equals(o.summary) || "network".equals(o.summary)) {
            List<SyscallEvent> calls = new ArrayList<>();
            runs.forEach(r -> calls.addAll(r.trace().events()));
            out.write(o.summary.equals("files") ? FileSummary.format(calls) : NetworkSummary.format(calls));
        }
        if (o.tree) {
            for (TraceResult r : runs) {
                out.write(r.trace().processTree().toString());
            }
        }
        if (o.enforceProfile != null && enforce(runs, o, out) > 0 && status == 0) {
            status = 1;
        }
        out.flush();
        return status;
    }

    /**
     * {@code -c} over several runs (the single run's table is Main's), and {@code -c --per-process}: a table per
     * process, of wall-clock times, since the system time is counted per trace, not per process.
     */
    private static void statistics(List<TraceResult> runs, CliOptions options, Writer out) throws IOException {
        if (options.outputs.perProcess) {
            for (int i = 0; i < runs.size(); i++) {
                SyscallTrace trace = runs.get(i).trace();
                ProcessFamily family = ProcessFamily.of(trace.timeline());
                for (ProcessFamily.Task p : family.tasks()) {
                    if (p.isThread()) {
                        continue;
                    }
                    out.write((runs.size() > 1 ? "run " + (i + 1) + ", " : "") + "pid " + p.pid() + ": "
                            + family.commandLine(p) + " (wall-clock time)\n");
                    out.write(SummaryFormat.format(SyscallSummary.wallClock(trace.events().stream()
                            .filter(e -> e.pid() == p.pid()).toList()), options.sortBy, options.columns));
                }
            }
        } else if (runs.size() > 1) {
            List<SyscallSummary> summaries = new ArrayList<>();
            for (TraceResult r : runs) {
                summaries.add(r.systemTimes().orElseGet(() -> SyscallSummary.wallClock(r.trace().events())));
            }
            out.write(runs.size() + " runs of " + String.join(" ", options.command) + "\n");
            out.write(RunStatistics.format(summaries));
        }
    }

    /** Lists each call the profile refuses, then a count per syscall; returns how many it refused. */
    private static int enforce(List<TraceResult> runs, OutputOptions o, Writer out) throws IOException {
        ProfileCheck check = ProfileCheck.parse(Files.readString(o.enforceProfile, StandardCharsets.UTF_8),
                System.getProperty("os.version"));
        Map<String, Integer> refused = new TreeMap<>();
        int total = 0;
        for (TraceResult r : runs) {
            for (SyscallEvent e : r.trace().allEvents()) {
                ProfileCheck.Verdict v = check.verdict(e);
                if (!v.allowed()) {
                    out.write(TEXT.format(e, true) + "  # refused: " + v.refusal() + " by " + v.rule() + "\n");
                    refused.merge(e.syscall() + " (" + v.refusal() + ")", 1, Integer::sum);
                    total++;
                }
            }
        }
        if (total == 0) {
            out.write("syscall-assert: " + o.enforceProfile + " allows every call of the trace\n");
        } else {
            out.write("syscall-assert: " + o.enforceProfile + " would refuse " + total
                    + (total == 1 ? " call:" : " calls:"));
            for (Map.Entry<String, Integer> e : refused.entrySet()) {
                out.write(" " + e.getKey() + " x" + e.getValue());
            }
            out.write("\n");
        }
        return total;
    }
}
