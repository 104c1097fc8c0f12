package dev.syscallassert.assertj;

import dev.syscallassert.ProcessTree;
import dev.syscallassert.SyscallTrace;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Assertions on a trace's {@link ProcessTree}, from {@code assertThat(trace).processTree()}. A command line is a
 * process's last exec's arguments joined with spaces, as {@link ProcessTree.Process#commandLine()} has it. Each
 * failure shows the whole tree, and where the full trace is when it was saved. Any thread.
 */
public class ProcessTreeAssert extends AbstractAssert<ProcessTreeAssert, ProcessTree> {

    private final Optional<Path> savedTo;

    public ProcessTreeAssert(ProcessTree actual) {
        this(actual, Optional.empty());
    }

    ProcessTreeAssert(ProcessTree actual, Optional<Path> savedTo) {
        super(actual, ProcessTreeAssert.class);
        this.savedTo = savedTo;
    }

    /** The assert on one reading of {@code trace}'s tree, soft when it comes from soft assertions. */
    static ProcessTreeAssert of(SyscallTrace trace, SoftAssertionsProvider soft) {
        ProcessTree tree = trace.processTree();
        return soft != null ? soft.proxy(ProcessTreeAssert.class, ProcessTree.class, tree)
                : new ProcessTreeAssert(tree, trace.savedTo());
    }

    /** The tree holds exactly {@code expected} processes (threads not counted). */
    public ProcessTreeAssert hasProcessCount(int expected) {
        int n = actual.processes().size();
        if (n != expected) {
            fail("Expecting the trace to have " + expected + (expected == 1 ? " process" : " processes") + " but it had "
                    + n);
        }
        return this;
    }

    /** Some process ran {@code commandLine}. */
    public ProcessTreeAssert hasProcess(String commandLine) {
        Objects.requireNonNull(commandLine, "commandLine");
        if (actual.processes().stream().noneMatch(p -> p.commandLine().equals(commandLine))) {
            fail("Expecting a process that ran \"" + commandLine + "\" but none did");
        }
        return this;
    }

    /** A process that ran {@code parentCommandLine} created one that ran {@code childCommandLine}. */
    public ProcessTreeAssert hasChild(String parentCommandLine, String childCommandLine) {
        List<ProcessTree.Process> children = actual.processes().stream()
                .filter(p -> p.commandLine().equals(childCommandLine)).toList();
        boolean found = children.stream().anyMatch(c -> actual.parentOf(c)
                .filter(parent -> parent.commandLine().equals(parentCommandLine)).isPresent());
        if (!found) {
            String seen = children.isEmpty() ? "no process ran \"" + childCommandLine + "\""
                    : "\"" + childCommandLine + "\" was created by " + children.stream().map(c -> actual.parentOf(c)
                            .map(p -> "\"" + p.commandLine() + "\"").orElse("a process the trace did not see"))
                            .distinct().toList();
            fail("Expecting \"" + parentCommandLine + "\" to have created \"" + childCommandLine + "\" but " + seen);
        }
        return this;
    }

    /** Every process the trace saw end exited with 0 (none was killed). */
    public ProcessTreeAssert everyProcessExitedSuccessfully() {
        List<String> bad = actual.processes().stream()
                .filter(p -> p.exit().isPresent() && !p.exit().get().exitCode().equals(java.util.OptionalInt.of(0)))
                .map(p -> p.pid() + " " + p.commandLine() + ": " + p.exit().get()).toList();
        if (!bad.isEmpty()) {
            fail("Expecting every process to exit with 0 but " + String.join("; ", bad));
        }
        return this;
    }

    private void fail(String what) {
        StringBuilder sb = new StringBuilder(what).append(". The process tree:\n").append(actual);
        savedTo.ifPresent(p -> sb.append("The full trace is in ").append(p));
        // the tree may hold '%': no format arguments
        failWithMessage("%s", sb.toString());
    }
}
