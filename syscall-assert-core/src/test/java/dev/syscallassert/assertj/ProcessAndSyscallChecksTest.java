package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.UnknownSyscallException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.syscallassert.assertj.Events.*;
import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessAndSyscallChecksTest {

    @Test
    void theExecThatLaunchedTheCommandIsNotASpawn() {
        SyscallTrace t = trace(execve("/usr/bin/app", "app").build(), openat("/etc/hosts", O_RDONLY).build());
        assertThat(t).noProcessSpawned().didNotSpawnProcess("app").spawnedProcesses().isEmpty();
    }

    @Test
    void spawnedProcessByNameOrPathAndOnlyWhenTheExecSucceeded() {
        SyscallTrace t = trace(openat("/etc/hosts", O_RDONLY).build(),
                call("vfork").returnValue(101).build(),
                fail(execve("/usr/local/bin/git", "git", "status"), "ENOENT").pid(101).tid(101).build(),
                execve("/usr/bin/git", "git", "status").pid(101).tid(101).build());
        assertThat(t).spawnedProcess("git").spawnedProcess("/usr/bin/git").spawnedProcess("/usr/bin/../bin/git")
                .didNotSpawnProcess("/usr/local/bin/git").didNotSpawnProcess("curl");
        assertThatThrownBy(() -> assertThat(t).spawnedProcess("/usr/local/bin/git"))
                .hasMessage(String.format("%nExpecting the traced process to have executed%n  \"/usr/local/bin/git\"%n"
                        + "but it did not. Programs it executed, closest first:%n"
                        + "  /usr/local/bin/git  (failed: ENOENT)  [pid 101 \"app\"] execve(\"/usr/local/bin/git\", [git, status], 0x7ffd /* 20 vars */) = -1 ENOENT%n"
                        + "  /usr/bin/git  [pid 101 \"app\"] execve(\"/usr/bin/git\", [git, status], 0x7ffd /* 20 vars */) = 0"));
        assertThatThrownBy(() -> assertThat(t).noProcessSpawned())
                .hasMessageContaining("vfork() = 101  <- vfork")
                .hasMessageContaining("execve(\"/usr/bin/git\"")
                .hasMessageContaining("these 2 calls");
        assertThatThrownBy(() -> assertThat(t).didNotSpawnProcess("git"))
                .hasMessageContaining(String.format("not to have executed%n  \"git\"%nbut it made this call:"));
    }

    @Test
    void threadsAreNotProcesses() {
        SyscallTrace t = trace(openat("/x", O_RDONLY).build(),
                call("clone").args(THREAD_FLAGS).cloneFlags(THREAD_FLAGS).returnValue(101).build(),
                call("clone3").args(0x7f00, 88).cloneFlags(THREAD_FLAGS).renderedArgs(List.of("0x7f00", "88"))
                        .returnValue(102).build(),
                // no decoded flags: decided by what the child did: tid 103 in pid 100 is a thread
                call("clone3").args(0x7f00, 88).renderedArgs(List.of("0x7f00", "88")).returnValue(103).build(),
                call("futex").tid(103).build());
        assertThat(t).noProcessSpawned();
        long vfork = cloneFlags("CLONE_VM", "CLONE_VFORK");
        SyscallTrace forked = trace(openat("/x", O_RDONLY).build(),
                call("clone").args(FORK_FLAGS).cloneFlags(FORK_FLAGS).returnValue(200).build(),
                call("clone3").args(0x7f00, 88).cloneFlags(vfork).renderedArgs(List.of("0x7f00", "88"))
                        .returnValue(201).build());
        assertThatThrownBy(() -> assertThat(forked).noProcessSpawned())
                .hasMessageContaining("<- clone without CLONE_THREAD")
                .hasMessageContaining("<- clone3 without CLONE_THREAD");
    }

    /**
     * The symptom of a thread that had made no recorded call yet when the assertion ran (a pool thread, a thread
     * waiting on a latch): with the clone3 flags on the event, the answer no longer depends on the child's calls.
     */
    @Test
    void theDecodedCloneFlagsDecideWhateverTheChildDid() {
        SyscallTrace idleThread = trace(openat("/x", O_RDONLY).build(),
                call("clone3").args(0x7f00, 88).cloneFlags(THREAD_FLAGS).renderedArgs(List.of("0x7f00", "88"))
                        .returnValue(21839).build());
        assertThat(idleThread).noProcessSpawned().spawnedProcesses().isEmpty();
        SyscallTrace idleChild = trace(
                call("clone3").args(0x7f00, 88).cloneFlags(FORK_FLAGS).renderedArgs(List.of("0x7f00", "88"))
                        .returnValue(300).build());
        assertThatThrownBy(() -> assertThat(idleChild).noProcessSpawned())
                .hasMessage(String.format("%nExpecting the traced process to spawn no process, but it made this call:%n"
                        + "  [pid 100 \"app\"] clone3(0x7f00, 88) = 300  <- clone3 without CLONE_THREAD"));
        // clone: the decoded flags, not the register, when both are there
        assertThat(trace(call("clone").args(FORK_FLAGS).cloneFlags(THREAD_FLAGS).returnValue(301).build()))
                .noProcessSpawned();
    }

    /** Events without decoded flags (built by hand, read from an older trace file, an unreadable struct). */
    @Test
    void withoutDecodedFlagsClone3IsJudgedByItsChild() {
        SyscallTrace ownProcess = trace(
                call("clone3").args(0x7f00, 88).renderedArgs(List.of("0x7f00", "88")).returnValue(400).build(),
                call("getpid").pid(400).tid(400).returnValue(400).build());
        assertThatThrownBy(() -> assertThat(ownProcess).noProcessSpawned())
                .hasMessageContaining("clone3(0x7f00, 88) = 400  <- clone3 (the child is a process)");
        SyscallTrace silentChild = trace(
                call("clone3").args(0x7f00, 88).renderedArgs(List.of("0x7f00", "88")).returnValue(401).build());
        assertThatThrownBy(() -> assertThat(silentChild).noProcessSpawned())
                .hasMessageContaining("clone3(0x7f00, 88) = 401  <- clone3 (flags unreadable)");
        // clone keeps its flags in a register: an event without decoded flags is judged by it
        assertThat(trace(call("clone").args(THREAD_FLAGS).returnValue(402).build())).noProcessSpawned();
        assertThatThrownBy(() -> assertThat(trace(call("clone").args(FORK_FLAGS).returnValue(403).build()))
                .noProcessSpawned()).hasMessageContaining("<- clone without CLONE_THREAD");
    }

    private static final SyscallTrace FSYNCS = trace(
            openat("/db/wal", O_WRONLY).build(),
            fdCall("write", 3, "/db/wal").build(),
            fdCall("fsync", 3, "/db/wal").tid(101).thread("flusher").build(),
            fdCall("fsync", 3, "/db/wal").tid(101).thread("flusher").build(),
            fail(fdCall("fsync", 3, "/db/wal"), "EIO").build(),
            rename("/db/wal.tmp", "/db/wal").build());

    @Test
    void countsCountEveryCallAndShowWhereTheyHappened() {
        assertThat(FSYNCS).calledSyscall("fsync").calledSyscallTimes("fsync", 3).calledSyscallAtMost("fsync", 3)
                .calledSyscallAtLeast("fsync", 3).calledSyscallTimes("fdatasync", 0).neverCalled("fdatasync", "sync");
        assertThatThrownBy(() -> assertThat(FSYNCS).calledSyscallAtMost("fsync", 1))
                .hasMessage(String.format("%nExpecting the traced process to have called%n  fsync%n"
                        + "at most 1 time but it called it 3 times.%n"
                        + "Calls per thread:%n"
                        + "  [pid 100 tid 101 \"flusher\"]: 2%n"
                        + "  [pid 100 \"app\"]: 1%n"
                        + "The calls:%n"
                        + "  [pid 100 tid 101 \"flusher\"] fsync(3, \"...\", 5) = 5%n"
                        + "  [pid 100 tid 101 \"flusher\"] fsync(3, \"...\", 5) = 5%n"
                        + "  [pid 100 \"app\"] fsync(3, \"...\", 5) = -1 EIO"));
        assertThatThrownBy(() -> assertThat(FSYNCS).calledSyscallTimes("fdatasync", 1))
                .hasMessage(String.format("%nExpecting the traced process to have called%n  fdatasync%n"
                        + "exactly 1 time but it called it 0 times."));
        assertThatThrownBy(() -> assertThat(FSYNCS).calledSyscallAtLeast("write", 2))
                .hasMessageContaining("at least 2 times but it called it 1 time.");
        assertThatThrownBy(() -> assertThat(FSYNCS).calledSyscall("fdatasync"))
                .hasMessageContaining(String.format("it never did. Syscalls it made (calls, most first):%n"
                        + "  fsync: 3%n  openat: 1%n"));
        assertThatThrownBy(() -> assertThat(FSYNCS).neverCalled("sync", "fsync"))
                .hasMessageContaining(String.format("never to call%n  sync, fsync%nbut it made these 3 calls:"));
    }

    @Test
    void calledInOrderIsASubsequence() {
        assertThat(FSYNCS).calledInOrder("fsync", "rename").calledInOrder("openat", "write", "fsync", "fsync")
                .calledInOrder("rename");
        assertThatThrownBy(() -> assertThat(FSYNCS).calledInOrder("rename", "fsync"))
                .hasMessage(String.format("%nExpecting the traced process to have called, in this order (other calls "
                        + "may come between)%n  rename, fsync%nbut after rename it never called fsync.%n"
                        + "Calls of those syscalls, in order:%n"
                        + "  [pid 100 tid 101 \"flusher\"] fsync(3, \"...\", 5) = 5%n"
                        + "  [pid 100 tid 101 \"flusher\"] fsync(3, \"...\", 5) = 5%n"
                        + "  [pid 100 \"app\"] fsync(3, \"...\", 5) = -1 EIO%n"
                        + "  [pid 100 \"app\"] rename(\"/db/wal.tmp\", \"/db/wal\") = 0"));
        assertThatThrownBy(() -> assertThat(FSYNCS).calledInOrder("fdatasync"))
                .hasMessageContaining("but it never called fdatasync.");
        // a name may come twice in the sequence, also when the check fails
        assertThatThrownBy(() -> assertThat(FSYNCS).calledInOrder("rename", "fsync", "fsync"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but after rename it never called fsync.");
    }

    @Test
    void aNameThatIsNotASyscallIsAUsageErrorNamingTheNearestOnes() {
        assertThatExceptionOfType(UnknownSyscallException.class)
                .isThrownBy(() -> assertThat(FSYNCS).neverCalled("fsync", "fsnyc"))
                .withMessageStartingWith("Unknown syscall \"fsnyc\" on x86_64; did you mean ")
                .withMessageContaining("fsync")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.suggestions()).contains("fsync"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> assertThat(FSYNCS).calledSyscall("opne"))
                .withMessageContaining("open");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> assertThat(FSYNCS).calledSyscallTimes("fsync", -1));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> assertThat(FSYNCS).calledInOrder("rename", "renamee"));
        // Checked before the trace is looked at: a usage error even when the check would have passed.
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> assertThat(SyscallTrace.empty()).neverCalled("forkk"));
    }

    @Test
    void scopingByThreadProcessOrPredicate() {
        assertThat(FSYNCS).byThread("flusher").calledSyscallTimes("fsync", 2).neverCalled("write");
        assertThat(FSYNCS).inProcess(100).calledSyscallTimes("fsync", 3);
        assertThat(FSYNCS).inProcess(999).syscalls().isEmpty();
        assertThat(FSYNCS).onlyEvents(e -> e.failed()).calledSyscallTimes("fsync", 1);
        assertThatThrownBy(() -> assertThat(FSYNCS).as("db").byThread("app").calledSyscall("rename")
                .calledSyscallAtLeast("fsync", 2))
                .hasMessageStartingWith("[db, calls by thread \"app\"] ");
    }
}
