package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.junit5.internal.wire.TestOutcome;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Keeps the outcome of the one test the child runs, or of the container that kept it from running. Child JVM only,
 * called by its launcher.
 */
final class OutcomeListener implements TestExecutionListener {
    private final String target;
    private TestOutcome outcome;
    private TestOutcome containerFailure;
    private String skippedAncestor;

    OutcomeListener(String target) {
        this.target = target;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.getUniqueId().equals(target)) {
            outcome = TestOutcome.of(TestOutcome.Status.SKIPPED, reason);
        } else if (target.startsWith(id.getUniqueId())) {
            skippedAncestor = id.getDisplayName() + ": " + reason;
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
        if (id.getUniqueId().equals(target)) {
            switch (r.getStatus()) {
                case SUCCESSFUL:
                    outcome = TestOutcome.of(TestOutcome.Status.SUCCESSFUL, "");
                    break;
                case ABORTED:
                    outcome = TestOutcome.of(TestOutcome.Status.ABORTED, r.getThrowable().orElse(null));
                    break;
                default:
                    outcome = TestOutcome.of(TestOutcome.Status.FAILED, r.getThrowable().orElse(null));
            }
        } else if (r.getStatus() == TestExecutionResult.Status.FAILED && containerFailure == null
                && target.startsWith(id.getUniqueId())) {
            // @BeforeAll, a constructor or a class-level extension failed: the test never ran
            containerFailure = TestOutcome.of(TestOutcome.Status.FAILED, r.getThrowable().orElse(null));
        }
    }

    TestOutcome outcome() {
        if (outcome != null) {
            return outcome;
        }
        if (containerFailure != null) {
            return containerFailure;
        }
        if (skippedAncestor != null) {
            return TestOutcome.of(TestOutcome.Status.SKIPPED, skippedAncestor);
        }
        return TestOutcome.of(TestOutcome.Status.NOT_FOUND, "The JUnit launcher in the traced child JVM found no "
                + "test with unique id " + target + ". Argument sources of parameterized tests must give the "
                + "same arguments in every JVM, and the class must be on the test JVM's class path.");
    }
}
