package dev.syscallassert.cli;

import java.nio.file.Path;

/**
 * The options for what a user takes away from a trace (issue 14): a seccomp profile, a check of one, a timeline, the
 * process tree, statistics over runs and per-process, the file and network summaries. Parsed here, apart from
 * {@link CliOptions}, so that the tracer's own options stay one small switch. Main thread only.
 */
final class OutputOptions {
    static final String USAGE = String.join("\n",
            "  --seccomp-profile=FILE  write an OCI/Docker seccomp profile allowing what COMMAND did (every run's",
            "                       calls with --runs); it covers only what the runs exercised",
            "  --seccomp-merge      add to the profile FILE already holds (one this tracer wrote) instead",
            "  --seccomp-runtime=R  runc (default: allow what runc does between the filter and exec) or none",
            "  --enforce-profile=FILE  run COMMAND and list every call that profile would refuse (exit 1 if any)",
            "  --timeline=FILE      write a Chrome trace-event timeline (Perfetto, chrome://tracing)",
            "  --tree               at the end, print the tree of processes and threads",
            "  --runs=N             run COMMAND N times; with -c per syscall min/median/max calls and errors per run",
            "  --per-process        with -c: one table per process",
            "  --summary=WHAT       files (per path: opens, bytes, renames, deletes) or network (per address)");

    Path seccompProfile;
    boolean runtimeSyscalls = true;
    boolean mergeProfile;
    Path enforceProfile;
    Path timeline;
    boolean tree;
    int runs = 1;
    boolean perProcess;
    String summary;

    /** Takes {@code arg} if it is one of these options; false when it is not (then it is CliOptions' to judge). */
    boolean parse(String arg) throws CliOptions.UsageException {
        if (arg.startsWith("--seccomp-profile=")) {
            seccompProfile = Path.of(value(arg));
        } else if (arg.startsWith("--seccomp-runtime=")) {
            String r = value(arg);
            if (!r.equals("runc") && !r.equals("none")) {
                throw new CliOptions.UsageException("--seccomp-runtime takes runc or none, not \"" + r + "\"");
            }
            runtimeSyscalls = r.equals("runc");
        } else if (arg.equals("--seccomp-merge")) {
            mergeProfile = true;
        } else if (arg.startsWith("--enforce-profile=")) {
            enforceProfile = Path.of(value(arg));
        } else if (arg.startsWith("--timeline=")) {
            timeline = Path.of(value(arg));
        } else if (arg.equals("--tree")) {
            tree = true;
        } else if (arg.startsWith("--runs=")) {
            runs = runs(value(arg));
        } else if (arg.equals("--per-process")) {
            perProcess = true;
        } else if (arg.startsWith("--summary=")) {
            summary = value(arg);
            if (!summary.equals("files") && !summary.equals("network")) {
                throw new CliOptions.UsageException("--summary takes files or network, not \"" + summary + "\"");
            }
        } else {
            return false;
        }
        return true;
    }

    /** Once the whole command line is read: combinations that cannot give a right answer. */
    void check(String traceExpression, boolean attach, boolean countSummary) throws CliOptions.UsageException {
        if (traceExpression != null && (seccompProfile != null || enforceProfile != null)) {
            throw new CliOptions.UsageException("--seccomp-profile and --enforce-profile need every syscall: "
                    + "a trace of -e " + traceExpression + " does not show the others");
        }
        if (mergeProfile && seccompProfile == null) {
            throw new CliOptions.UsageException("--seccomp-merge goes with --seccomp-profile=FILE");
        }
        if (attach && runs > 1) {
            throw new CliOptions.UsageException("--runs works only for a command the tracer starts, not with -p");
        }
        if (perProcess && !countSummary) {
            throw new CliOptions.UsageException("--per-process goes with -c");
        }
    }

    /**
     * True when an output here is made from the whole trace after it ended, so the trace must keep its events (the
     * CLI keeps none otherwise: its lines and its -c table need nothing kept): every output that replaces the listing,
     * and the timeline, which goes beside it.
     */
    boolean needsWholeTrace() {
        return replacesListing() || timeline != null;
    }

    /** True when an output here replaces the per-call listing (as -c does); -o FILE still gets the calls. */
    boolean replacesListing() {
        return seccompProfile != null || enforceProfile != null || tree || summary != null || runs > 1
                || perProcess;
    }

    private static String value(String arg) throws CliOptions.UsageException {
        String v = arg.substring(arg.indexOf('=') + 1);
        if (v.isEmpty()) {
            throw new CliOptions.UsageException(arg + " needs a value");
        }
        return v;
    }

    private static int runs(String text) throws CliOptions.UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CliOptions.UsageException("--runs takes a positive number of runs, not \"" + text + "\"");
        }
    }
}
