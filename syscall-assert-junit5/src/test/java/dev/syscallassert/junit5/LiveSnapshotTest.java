package dev.syscallassert.junit5;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.junit5.internal.child.ChildSession;
import dev.syscallassert.junit5.internal.host.RealpathWalks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced test's live trace is sent as deltas (issue 13): after any number of incremental snapshots the child holds
 * exactly what a whole cut of the window gives at the same tracer stop, event by event and mark by mark, with calls
 * that completed out of entry order in their place, marks that a later event changed re-sent, and a worker's next
 * test starting from nothing. The fixtures take both at once ({@link ChildSession#checkedSnapshot()}) and compare
 * their JSON lines.
 */
class LiveSnapshotTest {

    @Test
    void afterManyIncrementalSnapshotsTheChildHoldsWhatAWholeCutGivesEvenWithThreadsSocketsAndProcesses() {
        Kit.assertAllPassed(Kit.run(BusyWindow.class), 1);
    }

    @Test
    void aReadlinkWalkThatCompletesOrGrowsAfterASnapshotIsReMarkedInTheChild() {
        Kit.assertAllPassed(Kit.run(Walks.class), 1);
    }

    @Test
    void aWorkersSecondTestStartsItsSnapshotsFromNothing() {
        Kit.assertAllPassed(Kit.run(TwoTestsOneWorker.class), 2);
    }

    /** The window's JSON lines, harness marks included: what must be equal. */
    static List<String> lines(SyscallTrace trace) {
        return trace.allTimeline().stream().map(JsonLinesFormat::format).collect(Collectors.toList());
    }

    /** Takes a checked snapshot and fails unless the live trace's reading is the whole cut. */
    static ChildSession.Checked check() {
        ChildSession.Checked c = ChildSession.current().orElseThrow().checkedSnapshot();
        List<String> live = lines(c.live());
        List<String> whole = lines(c.whole());
        if (!live.equals(whole)) { // a loop, not AssertJ's diff of thousands of lines: say where they part
            int i = 0;
            while (i < Math.min(live.size(), whole.size()) && live.get(i).equals(whole.get(i))) {
                i++;
            }
            throw new AssertionError("the incremental trace (" + live.size() + " events) differs from the whole cut ("
                    + whole.size() + ") at event " + i + ":\n  incremental: "
                    + (i < live.size() ? live.get(i) : "(none)") + "\n  whole cut:   "
                    + (i < whole.size() ? whole.get(i) : "(none)"));
        }
        return c;
    }

    private static int indexOf(List<TraceEvent> timeline, java.util.function.Predicate<SyscallEvent> which) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i) instanceof SyscallEvent call && which.test(call)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAccept(SyscallEvent e) {
        return e.syscall().equals("accept") || e.syscall().equals("accept4");
    }

    /** Waits until the thread named {@code name} is blocked in one of these syscalls (its /proc syscall file). */
    private static void awaitInSyscall(String name, String... syscalls) throws Exception {
        List<String> numbers = new ArrayList<>();
        for (String s : syscalls) {
            numbers.add(String.valueOf(SyscallTable.current().requireNumber(s)));
        }
        for (int tries = 0; tries < 2000; tries++) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path task : tasks) {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)
                            && numbers.contains(Files.readString(task.resolve("syscall")).split(" ")[0])) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError(name + " never blocked in " + String.join("/", syscalls));
    }

    @TraceSyscalls
    static class BusyWindow {
        @TempDir
        Path dir;
        private final Semaphore pace = new Semaphore(0);

        @Test
        void incrementalSnapshotsAreWholeCuts(SyscallTrace trace) throws Exception {
            int checks = 0;
            // A call that entered before other threads' calls and completed after them: the accept.
            try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Thread acceptor = new Thread(() -> {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write(s.getInputStream().read());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "snap-acceptor");
                acceptor.start();
                awaitInSyscall("snap-acceptor", "accept", "accept4");
                Files.writeString(dir.resolve("while-accept-waits"), "x");
                ChildSession.Checked waiting = check();
                checks++;
                assertThat(indexOf(waiting.live().allTimeline(), LiveSnapshotTest::isAccept))
                        .as("the accept in flight is not in the trace yet").isEqualTo(-1);
                try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    s.getOutputStream().write(7);
                    assertThat(s.getInputStream().read()).isEqualTo(7);
                }
                acceptor.join();
                ChildSession.Checked accepted = check();
                checks++;
                List<TraceEvent> timeline = accepted.live().allTimeline();
                assertThat(indexOf(timeline, LiveSnapshotTest::isAccept)).as("the accept, where it entered")
                        .isNotNegative().isLessThan(indexOf(timeline,
                                e -> e.path().filter(p -> p.endsWith("while-accept-waits")).isPresent()));
            }

            SyscallTrace.Mark mark = trace.mark();
            // Then many snapshots while threads write files, talk over the loopback, start processes and
            // canonicalise a class-path entry (a realpath walk: hidden once whole, shown while in progress).
            // the threads take a step per permit, and the snapshots give out a few at a time: they interleave
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                List<Future<?>> work = new ArrayList<>();
                work.add(pool.submit(() -> files("a", 80)));
                work.add(pool.submit(() -> files("b", 80)));
                work.add(pool.submit(() -> echoes(echo, 30)));
                work.add(pool.submit(() -> {
                    Path entry = Path.of(BusyWindow.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    for (int i = 0; i < 4; i++) {
                        pace.acquire();
                        new ProcessBuilder("/bin/true").start().waitFor();
                        entry.toRealPath();
                    }
                    return null;
                }));
                while (!work.stream().allMatch(Future::isDone)) {
                    check();
                    checks++;
                    trace.events(); // a plain read between checks: it takes its delta too
                    pace.release(6);
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ChildSession.Checked last = check(); // the pool's threads' ends too
            assertThat(checks).as("snapshots taken while the threads worked").isGreaterThan(20);
            assertThat(last.live().signals()).as("the programs' SIGCHLD").isNotEmpty();
            assertThat(last.live().exits()).as("the programs' and the threads' ends").hasSizeGreaterThan(4);
            List<String> paths = trace.since(mark).events().stream().map(e -> e.path().orElse(""))
                    .collect(Collectors.toList());
            assertThat(paths).as("since the mark: the threads' files, not what came before")
                    .anyMatch(p -> p.endsWith("a-79")).noneMatch(p -> p.endsWith("while-accept-waits"));
        }

        private Void files(String prefix, int n) throws IOException, InterruptedException {
            for (int i = 0; i < n; i++) {
                pace.acquire();
                Path p = dir.resolve(prefix + "-" + i);
                Files.writeString(p, prefix);
                Files.readString(p);
                Files.move(p, dir.resolve(prefix + "-moved"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.delete(dir.resolve(prefix + "-moved"));
                Files.writeString(p, "");
            }
            return null;
        }

        private Void echoes(ServerSocket server, int n) throws IOException, InterruptedException {
            Thread side = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write(s.getInputStream().read());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "snap-echo");
            side.start();
            for (int i = 0; i < n; i++) {
                pace.acquire();
                try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    out.write(i);
                    if (in.read() != i) {
                        throw new IOException("echo " + i);
                    }
                }
            }
            return null;
        }
    }

    @TraceSyscalls
    static class Walks {
        private static List<String> walk;

        @BeforeEach
        void warmUp() throws Exception {
            Path entry = Path.of(Walks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            walk = RealpathWalks.of(entry.toAbsolutePath().normalize().toString());
            readlink("/"); // loads what a readlink needs, before the window
            readlink("/proc/self/not-there");
        }

        private static void readlink(String path) throws IOException {
            try {
                Files.readSymbolicLink(Path.of(path));
            } catch (NotLinkException | NoSuchFileException notALink) {
                // what realpath's readlinks get too (EINVAL, ENOENT)
            }
        }

        @Test
        void aWalkIsShownWhileInProgressHiddenWhenWholeAndShownAgainWhenItGoesOn(SyscallTrace trace)
                throws Exception {
            check(); // the reading's own code loaded before the walk
            assertThat(walk).as("the class-path directory's realpath walk").hasSizeGreaterThan(1);
            for (String p : walk.subList(0, walk.size() - 1)) {
                readlink(p);
            }
            ChildSession.Checked inProgress = check();
            readlink(walk.get(walk.size() - 1));
            ChildSession.Checked whole = check();
            readlink(walk.get(walk.size() - 1) + "/not-there");
            ChildSession.Checked past = check();

            assertThat(readlinks(inProgress, false)).as("in progress: shown").containsExactlyElementsOf(
                    walk.subList(0, walk.size() - 1));
            assertThat(readlinks(whole, false)).as("whole: the JVM's canonicalisation, hidden").isEmpty();
            assertThat(readlinks(whole, true)).as("after the JVM's own, such as AssertJ's jar's")
                    .endsWith(walk.toArray(String[]::new));
            List<String> grown = new ArrayList<>(walk.subList(0, walk.size() - 1));
            grown.add(walk.get(walk.size() - 1) + "/not-there");
            assertThat(readlinks(past, false)).as("one more component: no entry's walk, shown again (the entry's "
                    + "own readlink stays hidden, by class-path-entry)").containsExactlyElementsOf(grown);
        }

        private static List<String> readlinks(ChildSession.Checked c, boolean hidden) {
            return c.live().allEvents().stream().filter(e -> e.syscall().startsWith("readlink"))
                    .filter(e -> e.harness() == hidden).map(e -> e.path().orElse("?"))
                    .filter(p -> !p.equals("/")).collect(Collectors.toList());
        }
    }

    @TraceSyscalls
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TwoTestsOneWorker {
        /** This JVM's pid, taken when the class is loaded, before any window. */
        private static final long PID = ProcessHandle.current().pid();
        private static long firstPid;

        @Test
        @Order(1)
        void first(SyscallTrace trace) throws Exception {
            firstPid = PID;
            for (int i = 0; i < 5; i++) {
                Files.exists(Path.of("/proc/self/first-" + i));
                check();
            }
            assertThat(Kit.paths(trace)).isEmpty(); // stats, not opens
            assertThat(trace.events()).hasSize(5);
        }

        @Test
        @Order(2)
        void second(SyscallTrace trace) throws Exception {
            assertThat(firstPid).as("the same worker").isEqualTo(PID);
            Files.exists(Path.of("/proc/self/second"));
            ChildSession.Checked c = check();
            assertThat(c.live().events()).as("this test's window only").hasSize(1)
                    .allSatisfy(e -> assertThat(e.path()).hasValue("/proc/self/second"));
            assertThat(trace.events()).hasSize(1);
        }
    }
}
