/**
 * The test JVM's side of a traced test: the extension's part there ({@code HostSide}), the run of one test in a traced
 * child ({@code TracedRun}, {@code ChildLauncher}, {@code InheritedCommandLine}, {@code SpareChildren}) or in a worker
 * JVM that runs one test after another ({@code WorkerPool}, {@code Worker}, {@code WorkerMarkers},
 * {@code EarlierThreads}, {@code WorkerOutput}, {@code ClassUnit}), the marker
 * handler on the tracer thread ({@code TestWindow}, {@code LiveWindow}: what the
 * child holds of the window, {@code SnapshotWriter}), the noise rules it marks the window with
 * ({@code NoiseFilter}, {@code NoiseRule}; {@code CanonicalisationWalks}, {@code RealpathWalk}, {@code JavaHome},
 * {@code ProcessStartNoise}, {@code LookOnly} decide from the facts), and what becomes of
 * the child's outcome ({@code Outcome}, {@code OutcomeRelay}, {@code ReportWriter}, {@code TestNames}). Nothing here
 * runs in the child, and nothing here links against the {@code child} package.
 *
 * <p>Internal: no compatibility promise.
 */
package dev.syscallassert.junit5.internal.host;
