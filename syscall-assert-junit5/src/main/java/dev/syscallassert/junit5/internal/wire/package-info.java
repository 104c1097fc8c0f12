/**
 * What crosses between the test JVM and a traced child JVM, one class per format, each holding both of its ends: the
 * work directory's file names ({@link dev.syscallassert.junit5.internal.wire.WorkDirectory}), the request file
 * ({@link dev.syscallassert.junit5.internal.wire.ChildRequest}), the child's command line
 * ({@link dev.syscallassert.junit5.internal.wire.ChildCommandLine}), the marker commands
 * ({@link dev.syscallassert.junit5.internal.wire.MarkerCommand}). Used on both sides of the boundary.
 *
 * <p>Internal: no compatibility promise.
 */
package dev.syscallassert.junit5.internal.wire;
