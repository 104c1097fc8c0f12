package dev.syscallassert.output;

import dev.syscallassert.ProcessTree;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.fixtures.ThreadedProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process tree of real process trees: the right parents, threads under their process, ends and counts. */
class ProcessTreeTest {

    @Test
    void aNestedShellPipelinesTreeHasTheRightParents() {
        TraceResult r = Tracer.command("/bin/sh", "-c", "sh -c \"ls / | cat\" | wc -l").run();
        ProcessTree tree = r.trace().processTree();
        assertThat(tree.roots()).hasSize(1);
        ProcessTree.Process outer = tree.roots().get(0);
        assertThat(outer.pid()).isEqualTo(r.pid());
        assertThat(outer.commandLine()).isEqualTo("/bin/sh -c sh -c \"ls / | cat\" | wc -l");
        assertThat(outer.children()).extracting(ProcessTree.Process::commandLine)
                .containsExactlyInAnyOrder("sh -c ls / | cat", "wc -l");
        ProcessTree.Process inner = outer.children().stream().filter(c -> c.commandLine().startsWith("sh"))
                .findFirst().orElseThrow();
        assertThat(inner.children()).extracting(ProcessTree.Process::commandLine)
                .containsExactlyInAnyOrder("ls /", "cat");
        assertThat(tree.processes()).hasSize(5).allSatisfy(p -> {
            assertThat(p.exit()).hasValueSatisfying(x -> assertThat(x.exitCode()).hasValue(0));
            assertThat(p.threads()).isEmpty();
            assertThat(p.calls()).isPositive();
        });
        ProcessTree.Process ls = inner.children().stream().filter(c -> c.commandLine().equals("ls /")).findFirst()
                .orElseThrow();
        assertThat(ls.files()).contains("/usr/bin/ls", "/");
        assertThat(ls.calls()).isEqualTo((int) r.trace().allEvents().stream().filter(e -> e.pid() == ls.pid()).count());
        assertThat(tree.parentOf(ls)).contains(inner);

        assertThat(r.trace()).processTree().hasProcessCount(5).hasChild("sh -c ls / | cat", "ls /")
                .hasChild("/bin/sh -c sh -c \"ls / | cat\" | wc -l", "wc -l").everyProcessExitedSuccessfully();
        assertThat(tree.toString()).startsWith(r.pid() + " /bin/sh -c sh -c \"ls / | cat\" | wc -l  [exited with 0, ")
                .contains("\n│   ├── ").contains("\n└── ");
    }

    @Test
    void aWrongParentIsReportedWithTheTree() {
        TraceResult r = Tracer.command("/bin/sh", "-c", "sh -c \"ls / | cat\" | wc -l").run();
        assertThatThrownBy(() -> assertThat(r.trace()).processTree().hasChild("wc -l", "ls /"))
                .hasMessageStartingWith("Expecting \"wc -l\" to have created \"ls /\" but \"ls /\" was created by "
                        + "[\"sh -c ls / | cat\"]. The process tree:\n" + r.pid() + " /bin/sh -c ");
        assertThatThrownBy(() -> assertThat(r.trace()).processTree().hasProcess("ls -l"))
                .hasMessageStartingWith("Expecting a process that ran \"ls -l\" but none did. The process tree:\n");
    }

    @Test
    void aJvmsThreadsAreUnderItsProcess(@TempDir Path dir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        TraceResult r = Tracer.command(java, "-cp", System.getProperty("java.class.path"),
                ThreadedProgram.class.getName(), dir.resolve("out").toString()).run();
        ProcessTree tree = r.trace().processTree();
        assertThat(tree.processes()).hasSize(1);
        ProcessTree.Process jvm = tree.roots().get(0);
        assertThat(jvm.threads()).extracting(ProcessTree.TracedThread::name).contains("worker", "VM Thread");
        assertThat(jvm.files()).contains(dir.resolve("out").toString());
        int threadCalls = jvm.threads().stream().mapToInt(ProcessTree.TracedThread::calls).sum();
        assertThat(jvm.calls()).isEqualTo(r.trace().allEvents().size()).isGreaterThan(threadCalls);
        assertThat(tree.toString()).contains("\n    thread ").contains(" \"worker\"  [exited with 0, ");
        assertThat(List.of(tree.toString().split("\n"))).hasSize(1 + jvm.threads().size());
    }
}
