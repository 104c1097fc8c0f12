package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code spawnedProcess}: the programs that were executed (failed attempts marked), closest first. */
final class ShouldHaveSpawnedProcess extends TraceErrorMessage {

    static ErrorMessageFactory shouldHaveSpawnedProcess(TraceSnapshot trace, String executable, List<String> execs) {
        return new ShouldHaveSpawnedProcess(trace, executable, execs);
    }

    private ShouldHaveSpawnedProcess(TraceSnapshot trace, String executable, List<String> execs) {
        super(trace, "%nExpecting the traced process to have executed%n  %s%nbut it did not. "
                + "Programs it executed, closest first:%n%s", executable, lines(execs));
    }
}
