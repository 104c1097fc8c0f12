package dev.syscallassert.junit5.internal.wire;

import dev.syscallassert.junit5.internal.child.ChildMain;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The child's command line as a value: both of its ends, and the main class the test JVM names without linking it. */
class ChildCommandLineTest {

    private final WorkDirectory work = WorkDirectory.at(Path.of("/tmp/syscall-assert-1"));
    private final ChildCommandLine line = ChildCommandLine.of(List.of("-Xmx64m"), "/a.jar:/b", ChildCommandLine.CHILD_MAIN);

    @Test
    void theTestJvmStartsTheChildsMainClassByItsName() {
        assertThat(ChildCommandLine.CHILD_MAIN).isEqualTo(ChildMain.class.getName());
    }

    @Test
    void optionsComeBeforeTheClassPathAndTheWorkDirectoryLast() {
        assertThat(line.withJvmOptionsAdded(List.of("-Xshare:auto")).withClassPath("/c.jar").forTest(work).toList())
                .containsExactly("-Xmx64m", "-Xshare:auto", "-cp", "/c.jar", ChildCommandLine.CHILD_MAIN,
                        "/tmp/syscall-assert-1");
        assertThat(line.forTest(work)).as("a command line for a test is not the one a spare is kept under")
                .isNotEqualTo(line);
        assertThat(line.withJvmOptionsRemoved(o -> o.startsWith("-Xmx")).jvmOptions()).isEmpty();
    }

    @Test
    void theChildReadsWhatTheTestJvmWrote() {
        ChildCommandLine.ProgramArguments test = ChildCommandLine.parse(
                line.forTest(work).programArguments().toArray(String[]::new));
        assertThat(test.rehearsal()).isFalse();
        assertThat(test.workDirectory().path()).isEqualTo(work.path());
        ChildCommandLine.ProgramArguments rehearsal = ChildCommandLine.parse(
                line.forRehearsal(work).programArguments().toArray(String[]::new));
        assertThat(rehearsal.rehearsal()).isTrue();
        assertThat(rehearsal.workDirectory().path()).isEqualTo(work.path());
    }

    @Test
    void theClassLoadersEntriesAreTheClassPathsTheAgentsJarsAndTheBootClassPathsAppendix() {
        ChildCommandLine withAgents = line.withJvmOptionsAdded(List.of(
                "-javaagent:/m2/jacoco.jar=destfile=/tmp/j.exec,append=true", "-javaagent:/plain.jar",
                "-Xbootclasspath/a:/boot1.jar:/boot2"));
        assertThat(withAgents.classLoaderEntries())
                .containsExactly("/a.jar", "/b", "/m2/jacoco.jar", "/plain.jar", "/boot1.jar", "/boot2");
    }
}
