package dev.syscallassert;

import dev.syscallassert.fixtures.ActPrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the act tests share: the C program they fail, shorten, delay and deny ({@link ActPrograms}, compiled once per
 * class), a directory of the test's own, and the check that nothing is left running.
 */
abstract class ActProgramTest {
    @TempDir
    static Path programs;
    static Path act;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() throws Exception {
        act = ActPrograms.compile(programs);
    }

    @AfterEach
    void leavesNothingBehind() throws Exception {
        TracerEndToEndTest.assertNothingLeftBehind();
    }
}
