/**
 * The traced child JVM's side: its main class ({@code ChildMain}), the extension's part there ({@code ChildSide}), the
 * one test's session with its markers and its live trace ({@code ChildSession}, {@code SnapshotReader},
 * {@code HeldWindow}: the window's events the snapshots brought), its outcome
 * ({@code OutcomeListener}, {@code OutcomeWriter}), the {@code @TempDir} factory that lists what JUnit will delete
 * ({@code RecordingTempDirFactory}), what it runs before it has a test ({@code WarmUp}, {@code SpareWarmUp}) and a
 * worker JVM's tests one after another ({@code WorkerLoop}, {@code WorkerGate}, {@code WorkerState}). Nothing here
 * runs in the test JVM but {@code ChildSession.current()}, which is empty there.
 *
 * <p>Internal: no compatibility promise.
 */
package dev.syscallassert.junit5.internal.child;
