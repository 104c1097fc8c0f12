package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.core.format.Durations;
import dev.syscallassert.junit5.internal.wire.TestOutcome;
import dev.syscallassert.junit5.internal.wire.TraceChannelException;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Turns what came back from the child into the test's outcome in the test JVM: its output re-printed here, and the
 * child's own throwable (or a precise account of why there is none: a crash, System.exit, the timeout) to throw.
 */
final class OutcomeRelay {

    private static final int LAST_EVENTS_SHOWN = 10;
    private static final int STDERR_LINES_SHOWN = 15;

    private OutcomeRelay() {
    }

    /**
     * Prints the child's stdout and stderr through this JVM's System.out and System.err: written straight to the
     * inherited descriptors they would corrupt Surefire's channel to its forked JVM, and miss JUnit's capture.
     */
    static void printOutput(Outcome outcome) {
        if (!outcome.stdout().isEmpty()) {
            System.out.print(outcome.stdout());
            System.out.flush();
        }
        if (!outcome.stderr().isEmpty()) {
            System.err.print(outcome.stderr());
            System.err.flush();
        }
    }

    /**
     * What the test JVM must throw for this outcome; null when the test passed. When this JVM failed to answer one of
     * the child's markers (a snapshot it could not write), the failure says why: the child only learnt an errno.
     */
    static Throwable failure(Outcome outcome, String testName, Path reportFile, ClassLoader loader) {
        Throwable failure = whatFailed(outcome, testName, reportFile, loader);
        if (failure == null || outcome.windowFailure().isEmpty()) {
            return failure;
        }
        return withNote(failure, outcome.windowFailure().get());
    }

    private static Throwable whatFailed(Outcome outcome, String testName, Path reportFile, ClassLoader loader) {
        TraceResult result = outcome.process();
        SyscallTrace window = outcome.window();
        if (outcome.timedOutAfter().isPresent()) {
            TimeoutException t = new TimeoutException(testName + " timed out after "
                    + Durations.text(outcome.timedOutAfter().get()) + " in its traced child JVM, which was "
                    + "killed" + where(outcome.reached()) + ". " + lastEvents(window) + "\nFull trace: " + reportFile);
            t.setStackTrace(new StackTraceElement[0]);
            return t;
        }
        if (outcome.test().isPresent()) {
            TestOutcome child = outcome.test().get();
            switch (child.status()) {
                case SUCCESSFUL:
                    return null;
                case FAILED:
                case ABORTED:
                    Throwable thrown = child.throwable(loader);
                    return thrown != null ? thrown
                            : new TracedChildException(testName + " failed in its traced child JVM: " + child.reason());
                case SKIPPED:
                    return new TestAbortedException(testName + " was skipped in its traced child JVM: "
                            + child.reason());
                case EXITED:
                    Throwable exit = child.throwable(loader);
                    TracedChildException e = new TracedChildException(
                            (exit != null ? exit.getMessage() : child.reason()).replace("System.exit",
                                    "System.exit(" + result.exitCode() + ")")
                                    + ". " + lastEvents(window) + "\nFull trace: " + reportFile);
                    if (exit != null) {
                        e.setStackTrace(exit.getStackTrace());
                    }
                    return e;
                default:
                    return new TracedChildException(child.reason() + stderrTail(outcome));
            }
        }
        String how = result.crashed()
                ? "was killed by " + result.terminatingSignal().orElse("a signal")
                : "exited with status " + result.exitCode();
        TracedChildException e = new TracedChildException("The traced child JVM of " + testName + " " + how
                + " before the test reported a result" + where(outcome.reached()) + ". " + lastEvents(window)
                + "\nFull trace: " + reportFile + stderrTail(outcome));
        e.setStackTrace(new StackTraceElement[0]);
        return e;
    }

    private static String where(Outcome.Reached reached) {
        switch (reached) {
            case BEFORE_METHOD:
                return " (before the test method began: in JVM start-up, class set-up or @BeforeEach)";
            case IN_METHOD:
                return " (in the test method)";
            default:
                return " (after the test method: in @AfterEach or class tear-down)";
        }
    }

    private static String lastEvents(SyscallTrace window) {
        List<SyscallEvent> events = window.events();
        if (events.isEmpty()) {
            return "The test method had made no recorded syscall.";
        }
        int from = Math.max(0, events.size() - LAST_EVENTS_SHOWN);
        return "Its last recorded syscalls (" + (events.size() - from) + " of " + events.size() + "):\n"
                + events.subList(from, events.size()).stream().map(ev -> "  " + ReportWriter.line(ev))
                .collect(Collectors.joining("\n"));
    }

    private static String stderrTail(Outcome outcome) {
        String err = outcome.stderr().strip();
        if (err.isEmpty()) {
            return "";
        }
        String[] lines = err.split("\n");
        int from = Math.max(0, lines.length - STDERR_LINES_SHOWN);
        StringBuilder b = new StringBuilder("\nThe child's stderr ended with:");
        for (int i = from; i < lines.length; i++) {
            b.append("\n  ").append(lines[i]);
        }
        return b.toString();
    }

    /** The same failure, its message naming the trace file (unless it does already: a timeout's, a crash's). */
    static Throwable namingReport(Throwable failure, Path reportFile) {
        String message = failure.getMessage();
        if (message != null && message.contains(reportFile.toString())) {
            return failure;
        }
        return withNote(failure, "Syscall trace of this test: " + reportFile);
    }

    /**
     * The same failure with {@code note} on a line after its message. An {@link AssertionFailedError} is rebuilt with
     * its expected and actual values so IDE diffs survive; types that cannot be rebuilt faithfully carry the note in
     * a suppressed exception instead.
     */
    private static Throwable withNote(Throwable failure, String note) {
        if (failure.getClass() == TraceChannelException.class) {
            return ((TraceChannelException) failure).withReason(note);
        }
        String message = failure.getMessage();
        String amended = (message == null ? "" : message + "\n") + note;
        Throwable rebuilt = null;
        if (failure.getClass() == AssertionFailedError.class) {
            AssertionFailedError a = (AssertionFailedError) failure;
            rebuilt = a.isExpectedDefined() || a.isActualDefined()
                    ? new AssertionFailedError(amended, a.getExpected(), a.getActual(), a.getCause())
                    : new AssertionFailedError(amended, a.getCause());
        } else if (failure.getClass() == AssertionError.class) {
            rebuilt = new AssertionError(amended, failure.getCause());
        } else if (failure.getClass() == TracedChildException.class) {
            rebuilt = new TracedChildException(amended);
        }
        if (rebuilt == null) {
            failure.addSuppressed(new TraceNote(note));
            return failure;
        }
        rebuilt.setStackTrace(failure.getStackTrace());
        for (Throwable s : failure.getSuppressed()) {
            rebuilt.addSuppressed(s);
        }
        return rebuilt;
    }

    /** Why a traced test failed when the child could not say it itself. */
    static final class TracedChildException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TracedChildException(String message) {
            super(message);
        }
    }

    /** Carries a note on a failure whose message cannot be changed: the trace file's name, why a snapshot failed. */
    static final class TraceNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TraceNote(String message) {
            super(message, null, false, false);
        }
    }
}
