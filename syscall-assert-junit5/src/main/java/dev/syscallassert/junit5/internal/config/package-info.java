/**
 * What a traced test is configured with: the plan's configuration parameters, parsed once per test plan and kept in
 * the root context's store ({@link dev.syscallassert.junit5.internal.config.PlanConfiguration}), and the settings of
 * one test from its nearest {@code @TraceSyscalls}, computed once per test in its method context's store
 * ({@link dev.syscallassert.junit5.internal.config.TestSettings}). Mistakes are reported as
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}s that name what to change. Used in the test
 * JVM (and, for the trace fields, in the child).
 *
 * <p>Internal: no compatibility promise.
 */
package dev.syscallassert.junit5.internal.config;
