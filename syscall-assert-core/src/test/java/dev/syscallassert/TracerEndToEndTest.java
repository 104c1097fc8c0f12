package dev.syscallassert;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.fixtures.ExecFromThreadProgram;
import dev.syscallassert.fixtures.FileAndSocketProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Traces real programs with real ptrace and checks what was recorded; and that nothing is left behind. */
class TracerEndToEndTest {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String CLASS_PATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    @AfterEach
    void leavesNothingBehind() throws Exception {
        assertNothingLeftBehind();
    }

    /** No child process of this JVM, no tracer thread: given the tracer thread its final microseconds first. */
    static void assertNothingLeftBehind() throws Exception {
        for (int i = 0; i < 50 && (!childrenOfThisJvm().isEmpty() || tracerThreads() > 0); i++) {
            Thread.sleep(20);
        }
        assertThat(childrenOfThisJvm()).as("child processes left by the tracer").isEmpty();
        assertThat(tracerThreads()).as("tracer threads still alive").isZero();
    }

    static List<String> childrenOfThisJvm() throws IOException {
        List<String> children = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.collect(Collectors.toList())) {
                String listed;
                try {
                    listed = Files.readString(task.resolve("children"));
                } catch (NoSuchFileException threadEnded) {
                    continue; // a JVM thread ended between the listing and the read: it has no children
                }
                for (String pid : listed.trim().split("\\s+")) {
                    if (!pid.isEmpty()) {
                        children.add(pid + " " + comm(pid));
                    }
                }
            }
        }
        return children;
    }

    private static String comm(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static long tracerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("syscall-assert-tracer")).count();
    }

    static List<String> names(SyscallTrace trace) {
        return trace.stream().map(SyscallEvent::syscall).collect(Collectors.toList());
    }

    @Test
    void tracesLsFromItsExecveOn() {
        TraceResult result = Tracer.command("ls", "-l", "/etc/hostname").run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("/etc/hostname");
        SyscallEvent first = result.trace().events().get(0);
        assertThat(first.syscall()).isEqualTo("execve");
        assertThat(first.path()).hasValue("/usr/bin/ls");
        assertThat(first.argv()).hasValue(List.of("ls", "-l", "/etc/hostname"));
        assertThat(first.succeeded()).isTrue();
        assertThat(result.trace().stream().filter(e -> e.syscall().equals("execve"))).hasSize(1);
        assertThat(names(result.trace())).contains("openat", "exit_group").doesNotContain("kill");
        assertThat(result.trace().stream().map(e -> e.path().orElse("")))
                .contains("/etc/ld.so.cache").noneMatch(p -> p.startsWith("/bin/sh"));
        SyscallEvent exit = result.trace().events().get(result.trace().size() - 1);
        assertThat(exit.syscall()).isEqualTo("exit_group");
        assertThat(exit.finished()).isFalse();
    }

    @Test
    void followsAShellPipelineThroughForksAndExecs() {
        TraceResult result = Tracer.command("/bin/sh", "-c", "cat /etc/hostname | wc -c; ls /no/such/dir; exit 3")
                .trace(SyscallCategory.FILE, SyscallCategory.PROCESS)
                .run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("/no/such/dir");
        SyscallTrace trace = result.trace();
        List<SyscallEvent> execs = trace.stream().filter(e -> e.syscall().equals("execve")).collect(Collectors.toList());
        assertThat(execs).extracting(e -> e.argv().orElseThrow())
                .containsExactlyInAnyOrder(List.of("/bin/sh", "-c", "cat /etc/hostname | wc -c; ls /no/such/dir; exit 3"),
                        List.of("cat", "/etc/hostname"), List.of("wc", "-c"), List.of("ls", "/no/such/dir"));
        assertThat(execs.stream().map(SyscallEvent::pid).distinct()).hasSize(4);
        assertThat(trace.stream().filter(e -> e.path().orElse("").equals("/etc/hostname") && e.syscall().equals("openat")))
                .singleElement().satisfies(e -> assertThat(e.thread()).isEqualTo("cat"));
        assertThat(trace.stream().filter(e -> e.path().orElse("").equals("/no/such/dir")))
                .isNotEmpty().allMatch(e -> e.errno().orElse("").equals("ENOENT"));
        // only what was asked for: no memory or descriptor-only calls
        assertThat(names(trace)).doesNotContain("mmap", "brk", "read", "write");
        assertThat(names(trace)).contains("clone", "wait4");
    }

    @Test
    void makesRelativeAndDirfdPathsAbsolute(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(tree.resolve("leaf.txt"), "x");
        TraceResult result = Tracer.command("/bin/sh", "-c", "cd /etc && cat ./hostname ../etc/passwd > /dev/null; "
                        + "cd " + dir + " && rm -r tree")
                .trace("%file").run();
        SyscallTrace trace = result.trace();
        assertThat(trace.stream().filter(e -> e.syscall().equals("openat") && e.succeeded())
                .map(e -> e.path().orElse(""))).contains("/etc/hostname", "/etc/passwd");
        // rm -r removes entries relative to a directory fd: unlinkat(4, "leaf.txt", 0)
        assertThat(trace.stream().filter(e -> e.syscall().equals("unlinkat")).map(e -> e.path().orElse("")))
                .contains(tree.resolve("leaf.txt").toString(), tree.toString(), dir.resolve("tree").toString());
    }

    @Test
    void aFilteredTraceRecordsTheSameCallsAsAnUnfilteredOne() {
        List<String> all = Tracer.command("cat", "/etc/hostname").run().trace().stream()
                .filter(e -> e.syscall().equals("openat")).map(e -> e.path().orElse("?")).collect(Collectors.toList());
        List<String> filtered = Tracer.command("cat", "/etc/hostname").trace("openat").run().trace().stream()
                .map(e -> e.path().orElse("?")).collect(Collectors.toList());
        assertThat(filtered).isEqualTo(all).contains("/etc/hostname");
    }

    @Test
    void passesTheEnvironmentAndWorkingDirectoryExactly(@TempDir Path dir) throws IOException {
        TraceResult result = Tracer.command("/usr/bin/env").environment(Map.of("ONLY", "this")).workingDirectory(dir)
                .trace("execve").run();
        assertThat(result.stdout()).isEqualTo("ONLY=this\n");
        TraceResult pwd = Tracer.command("/bin/pwd").workingDirectory(dir).run();
        assertThat(pwd.stdout().trim()).isEqualTo(dir.toRealPath().toString().trim());
    }

    @Test
    void tracesAChildJvmOpeningFilesAndALoopbackSocket(@TempDir Path dir) {
        TraceResult result = Tracer.command(JAVA, "-Xshare:auto", "-cp", CLASS_PATH, FileAndSocketProgram.class.getName(),
                        dir.toString())
                .trace(SyscallCategory.FILE, SyscallCategory.NETWORK)
                .timeout(Duration.ofSeconds(60))
                .run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("read 42");
        SyscallTrace trace = result.trace();
        assertThat(trace.stream().filter(e -> e.syscall().equals("openat") && e.succeeded())
                .map(e -> e.path().orElse(""))).contains("/etc/hostname", dir.resolve("out.txt").toString());
        int port = Integer.parseInt(result.stdout().replaceAll("(?s).*port (\\d+).*", "$1"));
        assertThat(trace.stream().filter(e -> e.syscall().equals("connect")).map(e -> e.address().orElse("")))
                .contains("127.0.0.1:" + port);
        // bound to port 0; the listen shows the port the kernel chose
        assertThat(trace.stream().filter(e -> e.syscall().equals("bind")).map(e -> e.address().orElse("")))
                .contains("127.0.0.1:0");
        assertThat(trace.stream().filter(e -> e.syscall().equals("listen")).map(e -> e.address().orElse("")))
                .containsExactly("127.0.0.1:" + port);
        assertThat(trace.stream().filter(e -> e.syscall().startsWith("accept")).map(SyscallEvent::thread))
                .contains("acceptor");
        assertThat(trace.stream().map(SyscallEvent::tid).distinct().count()).isGreaterThan(2);
    }

    /** Thread or process is the kernel's fact: the clone flags travel on the event, clone3's read from memory. */
    @Test
    void carriesTheCloneFlagsAndOpenFlagsTheKernelSaw(@TempDir Path dir) {
        long cloneThread = Constants.value("clone_flags", "CLONE_THREAD");
        long oCreat = Constants.value("open_flags", "O_CREAT");
        TraceResult result = Tracer.command("/usr/bin/python3", "-c", String.join("\n",
                        "import os, threading",
                        "t = threading.Thread(target=lambda: None); t.start(); t.join()",
                        "pid = os.fork()",
                        "if pid == 0: os._exit(0)",
                        "os.waitpid(pid, 0)",
                        "open('made.txt', 'w').close()"))
                .workingDirectory(dir).trace("clone,clone3,fork,vfork,openat").run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<SyscallEvent> creations = result.trace().stream()
                .filter(e -> e.syscall().startsWith("clone")).collect(Collectors.toList());
        assertThat(creations).as("glibc: pthread_create uses clone3, fork uses clone").hasSize(2);
        SyscallEvent thread = creations.get(0);
        SyscallEvent process = creations.get(1);
        assertThat(thread.syscall()).isEqualTo("clone3");
        assertThat(thread.cloneFlags()).as(thread.toString()).isPresent();
        assertThat(thread.cloneFlags().getAsLong() & cloneThread).isEqualTo(cloneThread);
        assertThat(process.syscall()).isEqualTo("clone");
        assertThat(process.cloneFlags()).hasValue(process.arg(0));
        assertThat(process.cloneFlags().getAsLong() & cloneThread).isZero();
        SyscallEvent made = result.trace().stream()
                .filter(e -> e.path().orElse("").equals(dir.resolve("made.txt").toString())).findFirst().orElseThrow();
        assertThat(made.openFlags()).hasValue(made.arg(2) & 0xffffffffL);
        assertThat(made.openFlags().getAsLong() & oCreat).isEqualTo(oCreat);
    }

    /** A refused non-blocking connect: EINPROGRESS, then the kernel's verdict as getsockopt(SO_ERROR)'s value. */
    @Test
    void carriesTheSocketErrorANonBlockingConnectLearns() {
        TraceResult result = Tracer.command("/usr/bin/python3", "-c", String.join("\n",
                        "import errno, select, socket",
                        "closed = socket.socket(); closed.bind(('127.0.0.1', 0))  # bound, never listening: refuses",
                        "s = socket.socket(); s.setblocking(False)",
                        "assert s.connect_ex(closed.getsockname()) == errno.EINPROGRESS",
                        "select.select([], [s], [], 5)",
                        "print(s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))"))
                .trace("connect,getsockopt").run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        int refused = Constants.errno("ECONNREFUSED");
        assertThat(result.stdout().trim()).isEqualTo(Integer.toString(refused));
        SyscallEvent connect = result.trace().stream().filter(e -> e.syscall().equals("connect")).findFirst()
                .orElseThrow();
        assertThat(connect.errno()).hasValue("EINPROGRESS");
        SyscallEvent verdict = result.trace().stream().filter(e -> e.syscall().equals("getsockopt")
                && e.socketError().isPresent()).findFirst().orElseThrow();
        assertThat(verdict.socketError()).hasValue(refused);
        assertThat(verdict.fdPath()).isEqualTo(connect.fdPath());
    }

    @Test
    void followsAnExecFromANonLeaderThread() {
        TraceResult result = Tracer.command(JAVA, "-Xshare:auto", "-cp", CLASS_PATH,
                        ExecFromThreadProgram.class.getName(), "/bin/echo", "replaced")
                .trace(SyscallCategory.PROCESS, SyscallCategory.FILE)
                .timeout(Duration.ofSeconds(60))
                .run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("replaced\n");
        // (JNA may run ldconfig in a child process of its own: only the traced program's own execs count here)
        List<SyscallEvent> execs = result.trace().stream()
                .filter(e -> e.syscall().equals("execve") && e.pid() == result.pid()).collect(Collectors.toList());
        assertThat(execs).hasSize(2);
        SyscallEvent echo = execs.get(1);
        assertThat(echo.argv()).hasValue(List.of("/bin/echo", "replaced"));
        assertThat(echo.succeeded()).as(echo.toString()).isTrue();
        // the exec'ing thread took over the leader's id; what echo did afterwards is recorded under that id
        assertThat(result.trace().stream().filter(e -> e.tid() == result.pid() && e.thread().equals("echo")))
                .isNotEmpty();
    }

    @Test
    void aProgramStoppedAndContinuedWithSigstopCarriesOn() {
        TraceResult result = Tracer.command("/bin/sh", "-c", "kill -STOP $$; echo resumed")
                .trace(SyscallCategory.SIGNAL, SyscallCategory.PROCESS)
                .timeout(Duration.ofSeconds(20))
                .onEvent(e -> {
                    if (e.syscall().equals("kill") && e.arg(1) == 19) {
                        // continue it from outside, as a user's shell would
                        try {
                            new ProcessBuilder("kill", "-CONT", Integer.toString(e.pid())).inheritIO().start();
                        } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }
                })
                .run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("resumed\n");
        assertThat(names(result.trace())).contains("kill");
    }

    @Test
    void reportsACrashAsTheKillingSignal() {
        TraceResult result = Tracer.command("/bin/sh", "-c", "kill -SEGV $$").run();
        assertThat(result.crashed()).isTrue();
        assertThat(result.terminatingSignal()).hasValue("SIGSEGV");
        assertThat(result.exitCode()).isEqualTo(128 + 11);
    }

    @Test
    void killsTheWholeTreeWhenTheTimeoutPasses() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Tracer.command("/bin/sh", "-c", "sleep 100 & sleep 100; wait")
                .timeout(Duration.ofMillis(1500)).run())
                .isInstanceOfSatisfying(TraceTimeoutException.class, e -> {
                    assertThat(e.getMessage()).contains("did not finish within 1500 ms", "killed");
                    assertThat(e.partialResult().trace().stream().map(SyscallEvent::syscall)).contains("execve");
                    assertThat(e.partialResult().terminatingSignal()).hasValue("SIGKILL");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void startReturnsWhileTheTreeRunsAndKillEndsAllOfIt() throws Exception {
        RunningTrace running = Tracer.command("/bin/sh", "-c", "sleep 100 & sleep 100; wait").start();
        assertThat(running.pid()).isPositive();
        assertThat(running.isAlive()).isTrue();
        for (int i = 0; i < 100 && childrenOfThisJvm().size() < 1; i++) {
            Thread.sleep(10);
        }
        assertThat(childrenOfThisJvm()).as("the traced shell runs").hasSize(1);
        long start = System.nanoTime();
        running.kill();
        assertThatThrownBy(running::await).isInstanceOfSatisfying(TraceCancelledException.class, e -> {
            assertThat(e.getMessage()).contains("killed on request");
            assertThat(e.partialResult().terminatingSignal()).hasValue("SIGKILL");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(running.isAlive()).isFalse();
        // the same answer again, not a second wait
        assertThatThrownBy(running::await).isInstanceOf(TraceCancelledException.class);
    }

    @Test
    void aSuspendedTreeMakesNoProgressUntilResumed(@TempDir Path dir) throws Exception {
        Path counter = dir.resolve("counter");
        try (RunningTrace running = Tracer.command("/bin/sh", "-c",
                "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo $i > " + counter + "; sleep 0.01; done")
                .timeout(Duration.ofMinutes(2)).start()) {
            awaitCount(counter, 3);
            running.suspend();
            Thread.sleep(100); // a step under way finishes stopping
            long stopped = count(counter);
            Thread.sleep(400);
            assertThat(count(counter)).as("suspended for 400 ms").isEqualTo(stopped);
            String state = state(running.pid());
            if (state.equals("D")) {
                // dash starts a command with vfork: caught between its vfork and the child's execve, the shell waits
                // (uninterruptibly) for its child, and the child is the one stopped
                String children = Files.readString(Path.of("/proc/" + running.pid() + "/task/" + running.pid()
                        + "/children")).trim();
                assertThat(children).as("the vforked child the shell waits for").isNotEmpty();
                assertThat(state(Integer.parseInt(children.split(" ")[0]))).as("its child's state").isIn("T", "t");
            } else {
                assertThat(state).as("the shell's state").isIn("T", "t");
            }

            running.resume();
            awaitCount(counter, stopped + 5);
            assertThat(running.isAlive()).isTrue();
            running.kill();
            assertThatThrownBy(running::await).isInstanceOf(TraceCancelledException.class);
            running.resume(); // after the end: nothing to do, no error
        }
    }

    /** The process's state letter in /proc/PID/stat (after the parenthesised name, which has no space here). */
    private static String state(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ")[2];
    }

    private static void awaitCount(Path counter, long atLeast) throws Exception {
        for (int i = 0; i < 1000 && count(counter) < atLeast; i++) {
            Thread.sleep(10);
        }
        assertThat(count(counter)).isGreaterThanOrEqualTo(atLeast);
    }

    private static long count(Path counter) throws IOException {
        try {
            String text = Files.readString(counter).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
    }

    @Test
    void awaitWithATimeoutCountsFromTheCallAndKillsTheTree() {
        RunningTrace running = Tracer.command("/bin/sh", "-c", "sleep 100 & sleep 100; wait")
                .timeout(Duration.ofMinutes(5)).start();
        assertThatThrownBy(() -> running.await(Duration.ofMillis(300)))
                .isInstanceOfSatisfying(TraceTimeoutException.class, e -> {
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(e.getMessage()).contains("did not finish within 300 ms");
                    assertThat(e.partialResult().terminatingSignal()).hasValue("SIGKILL");
                });
    }

    @Test
    void startedTraceEndsOnItsOwnAndCloseAfterwardsChangesNothing() {
        try (RunningTrace running = Tracer.command("/bin/echo", "hello").start()) {
            TraceResult result = running.await(Duration.ofSeconds(30));
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEqualTo("hello\n");
            running.kill(); // too late to matter
            assertThat(running.await()).isSameAs(result);
        }
    }

    @Test
    void startFailsAtOnceForAMissingProgram() {
        assertThatThrownBy(() -> Tracer.command("no-such-program-xyz").start())
                .isInstanceOf(ExecutableNotFoundException.class);
    }

    @Test
    void stopsAForkBomb() {
        assertThatThrownBy(() -> Tracer.command("/bin/sh", "-c", "while true; do sleep 10 & done")
                .maxProcesses(40).timeout(Duration.ofSeconds(60)).run())
                .isInstanceOf(ProcessLimitExceededException.class)
                .isInstanceOf(TraceKilledException.class)
                .hasMessageContaining("more than 40 processes and threads");
    }

    @Test
    void tellsWhatIsWrongWithTheCommand(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Tracer.command("no-such-program-xyz").run())
                .isInstanceOf(ExecutableNotFoundException.class)
                .hasMessageContaining("\"no-such-program-xyz\": no such program on the PATH");
        Path notExecutable = Files.writeString(dir.resolve("script.sh"), "echo hi\n");
        assertThatThrownBy(() -> Tracer.command(notExecutable.toString()).run())
                .isInstanceOf(ExecutableNotFoundException.class).hasMessageContaining("not executable");
        assertThatThrownBy(() -> Tracer.command("/tmp").run())
                .isInstanceOf(ExecutableNotFoundException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> Tracer.command(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Tracer.command("ls").workingDirectory(dir.resolve("missing")).run())
                .isInstanceOf(TracerException.class).hasMessageContaining("does not exist");
    }

    @Test
    void rejectsUnknownSyscallNamesWithSuggestions() {
        assertThatThrownBy(() -> Tracer.command("ls").trace("opne,connect"))
                .isInstanceOf(UnknownSyscallException.class)
                .hasMessageContaining("\"opne\"").hasMessageContaining("open");
        assertThatThrownBy(() -> Tracer.command("ls").trace("%files"))
                .isInstanceOf(UnknownSyscallException.class).hasMessageContaining("%file");
    }

    @Test
    void attachesToARunningProcessAndDetachesAtTheTimeout(@TempDir Path dir) throws Exception {
        // A grandchild, not a child: the JDK reaps its own children and would steal their ptrace stops.
        Path pidFile = dir.resolve("pid");
        Process starter = new ProcessBuilder("/bin/sh", "-c", "(while true; do cat /etc/hostname > /dev/null; "
                + "sleep 0.05; done) >/dev/null 2>&1 & echo $! > " + pidFile).start();
        starter.waitFor();
        int pid = Integer.parseInt(Files.readString(pidFile).trim());
        try {
            assertThatThrownBy(() -> Tracer.attach(pid).timeout(Duration.ofMillis(800)).run())
                    .isInstanceOfSatisfying(TraceTimeoutException.class, e -> assertThat(e.partialResult().trace()
                            .stream().map(SyscallEvent::syscall)).contains("execve", "wait4")
                            .containsAnyOf("clone", "vfork", "fork"));
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertThat(status).as("an attached process is detached, never killed").contains("TracerPid:\t0");
        } finally {
            new ProcessBuilder("kill", "-9", Integer.toString(pid)).start().waitFor();
        }
    }

    @Test
    void refusesToAttachToAChildOfThisJvm() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> Tracer.attach((int) child.pid()).run())
                    .isInstanceOf(TracerException.class).hasMessageContaining("child of this JVM");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void explainsWhyAttachingToAnAlreadyTracedProcessIsRefused(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Process strace = new ProcessBuilder("strace", "-o", "/dev/null", "/bin/sh", "-c", "echo $$ > " + pidFile
                + "; exec sleep 30").start();
        try {
            for (int i = 0; i < 200 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()); i++) {
                Thread.sleep(10);
            }
            int pid = Integer.parseInt(Files.readString(pidFile).trim());
            assertThatThrownBy(() -> Tracer.attach(pid).timeout(Duration.ofSeconds(5)).run())
                    .isInstanceOf(TracingNotPermittedException.class)
                    .hasMessageContaining("ptrace refused to attach to pid " + pid)
                    .hasMessageContaining("already be traced");
        } finally {
            strace.destroyForcibly().waitFor();
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                new ProcessBuilder("kill", "-9", Files.readString(pidFile).trim()).start().waitFor();
            }
        }
    }

    @Test
    void refusesToAttachToAMissingProcess() {
        assertThatThrownBy(() -> Tracer.attach(999_999_9).run())
                .isInstanceOf(TracerException.class).hasMessageContaining("no such process");
    }

    @Test
    void leaksNoFileDescriptorsOrThreads() throws Exception {
        Tracer.command("/bin/sh", "-c", "cat /etc/hostname").trace("%file").run(); // loads what is loaded once
        Map<String, String> fds = openFileDescriptors();
        // (other processes on this machine may hold such files: only ours must not remain)
        List<String> outputFilesBefore = outputFiles();
        int threads = Thread.activeCount();
        for (int i = 0; i < 20; i++) {
            Tracer.command("/bin/sh", "-c", "cat /etc/hostname").trace(i % 2 == 0 ? "%file" : "all").run();
        }
        assertThatThrownBy(() -> Tracer.command("sleep", "5").timeout(Duration.ofMillis(100)).run())
                .isInstanceOf(TraceTimeoutException.class);
        // a leak is a descriptor that was not open before; one closed meanwhile is not (a GC's cleaners close those
        // an earlier test's processes left unclosed), and a count would let it hide a leak
        assertThat(openFileDescriptors().entrySet()).as("descriptors left open").isSubsetOf(fds.entrySet());
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads);
        assertThat(outputFiles()).as("captured-output temp files left behind").isSubsetOf(outputFilesBefore);
    }

    private static List<String> outputFiles() throws IOException {
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("syscall-assert-std"))
                    .collect(Collectors.toList());
        }
    }

    /** This JVM's open descriptors and what each names (its /proc/self/fd link), without the listing's own. */
    private static Map<String, String> openFileDescriptors() throws IOException {
        List<Path> links;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            links = fds.collect(Collectors.toList());
        }
        Map<String, String> open = new TreeMap<>();
        for (Path link : links) {
            try {
                open.put(link.getFileName().toString(), Files.readSymbolicLink(link).toString());
            } catch (IOException e) {
                // closed since the listing: the listing's own descriptor, or one a cleaner just closed
            }
        }
        return open;
    }

    @Test
    void sameCpuRunsTheProgramOnOneCpuAndLeavesThisJvmAlone() {
        TraceResult pinned = Tracer.command("nproc").sameCpu().trace("%file").run();
        assertThat(pinned.stdout().trim()).isEqualTo("1");
        assertThat(pinned.trace().stream().map(SyscallEvent::syscall)).contains("execve");
        TraceResult free = Tracer.command("nproc").trace("%file").run();
        assertThat(free.stdout().trim()).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void runsSeveralTracesAtOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        Set<String> outputs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                TraceResult r = Tracer.command("/bin/sh", "-c", "echo run" + n + "; cat /etc/hostname >/dev/null")
                        .trace("openat,execve").run();
                if (r.trace().stream().anyMatch(e -> e.path().orElse("").equals("/etc/hostname"))) {
                    outputs.add(r.stdout().trim());
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(outputs).containsExactlyInAnyOrder("run0", "run1", "run2", "run3");
    }
}
