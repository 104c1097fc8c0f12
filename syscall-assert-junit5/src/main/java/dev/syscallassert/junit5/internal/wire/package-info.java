/**
 * What crosses between the test JVM and a traced child JVM, one class per format, each holding both of its ends: the
 * work directory and its file names ({@code WorkDirectory}), the child's command line as a value
 * ({@code ChildCommandLine}), the request file ({@code ChildRequest}), the marker commands and their answers
 * ({@code MarkerCommand}, and {@code TraceChannelException} when one fails), the snapshot file (what changed
 * in the window since the previous snapshot: {@code SnapshotDelta}),
 * the outcome file ({@code TestOutcome}), a spare child's output ({@code SpareOutput}) and the list of
 * {@code @TempDir} directories JUnit made in the child ({@code TempDirectories}). Used in both JVMs.
 *
 * <p>Internal: no compatibility promise.
 */
package dev.syscallassert.junit5.internal.wire;
