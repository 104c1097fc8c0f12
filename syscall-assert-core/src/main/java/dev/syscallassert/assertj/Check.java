package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

/**
 * One check with its arguments already validated (a usage error is thrown when the check is made, before the trace
 * is read), judged on one snapshot of the trace: AssertJ's {@code internal} layer, returning the failure instead of
 * throwing it so that the facade decides how to fail (hard or soft).
 */
@FunctionalInterface
interface Check {

    /** Null when the check holds on {@code trace}; else the message of its failure, built from the same snapshot. */
    ErrorMessageFactory against(TraceSnapshot trace);
}
