package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code spawnedProcess}: the programs that were executed (failed attempts marked), closest first. */
final class ShouldHaveSpawnedProcess extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveSpawnedProcess(TraceSnapshot trace, String executable,
                                                        List<SyscallEvent> execsClosestFirst) {
        return new ShouldHaveSpawnedProcess(trace, executable, execsClosestFirst);
    }

    private ShouldHaveSpawnedProcess(TraceSnapshot trace, String executable, List<SyscallEvent> execs) {
        super(trace, "%nExpecting the traced process to have executed%n  %s%nbut it did not. "
                        + "Programs it executed, closest first:%n%s", executable,
                lines(execs, e -> e.path().get() + Render.outcome(e) + "  " + Render.call(e)));
    }
}
