package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceResult;
import dev.syscallassert.junit5.internal.wire.TestOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What came back from one traced child, as values, in the test JVM: how its process ended, how its test ended (when it
 * could say), what the test printed and the events of its method. {@link OutcomeRelay} makes the test's outcome of it.
 *
 * @param process      the tracer's result: exit status or signal, and the whole trace
 * @param timedOutAfter the test's timeout, when it ran out and the child was killed
 * @param test         the child's own account, empty when it ended before it could write one
 * @param stdout       what the test printed (a spare child's warm-up output is not the test's)
 * @param window       the test method's events, noise marked
 * @param hiddenBy     for each of {@code window.allEvents()}, the rule that hid it, or null when it is the code's
 * @param reached      how far the test got, as the markers tell
 * @param windowFailure why the test JVM failed a marker command of the child (writing a snapshot), if it did
 */
public record Outcome(TraceResult process, Optional<Duration> timedOutAfter, Optional<TestOutcome> test,
                      String stdout, String stderr, SyscallTrace window, List<NoiseRule> hiddenBy, Reached reached,
                      Optional<String> windowFailure) {

    public Outcome {
        hiddenBy = Collections.unmodifiableList(new ArrayList<>(hiddenBy)); // nulls: List.copyOf refuses them
    }

    /** Where the child was when it ended, as far as the test method's markers tell. */
    public enum Reached { BEFORE_METHOD, IN_METHOD, AFTER_METHOD }
}
