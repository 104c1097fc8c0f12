package dev.syscallassert.assertj;

import dev.syscallassert.GroupStop;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.UnknownSyscallException;
import dev.syscallassert.assertj.FileAccesses.Access;
import dev.syscallassert.assertj.SyscallNameChecks.Bound;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Assertions on the system calls of a traced process tree. Every check returns this assert, so checks chain:
 *
 * <pre>{@code
 * assertThat(trace).openedFile("/etc/hosts").noNetworkCalls().neverCalled("fsync");
 * }</pre>
 *
 * <p>File and network checks look at calls that succeeded (a failed one is shown in the failure message);
 * {@link #noNetworkCalls()}, {@link #noUnixSocketCalls()} and the syscall-name checks ({@link #calledSyscall},
 * {@link #neverCalled}, the counts and {@link #calledInOrder}) count every call, whatever its result: they are about
 * what the program tried, not what it achieved.
 *
 * <p>Paths are compared absolute and normalised; a relative path is taken against this JVM's working directory.
 * Symbolic links are not resolved. A syscall name that does not exist on this architecture is a usage error
 * ({@link UnknownSyscallException}, an {@link IllegalArgumentException} that names the nearest valid names).
 *
 * <p>Every check that takes a path also takes a {@link java.nio.file.Path} or a {@link java.io.File}: the same check
 * on its text.
 *
 * <p>Each check reads the trace once: a live trace (a traced test's) is judged, and its failure message built, on one
 * snapshot taken when the check runs.
 */
public class SyscallTraceAssert extends ActAssertions {

    // This class is the facade, as AssertJ's AbstractPathAssert is: each check validates its arguments by making a
    // Check (FileChecks, NetworkChecks, ProcessChecks, SyscallNameChecks decide and rank the candidates), runs it on
    // one snapshot and fails with the Should* message it returns.

    /**
     * Set when this assert comes from soft assertions, so that the asserts it leads to are soft too. AssertJ's
     * SoftProxies only proxies the navigation methods on its own list (METHODS_CHANGING_THE_OBJECT_UNDER_TEST):
     * the asserts that a third-party navigation method ({@link #byThread}, {@link #syscalls()}, ...) returns would
     * be hard ones, so this assert carries the provider itself and proxies them with it.
     */
    private SoftAssertionsProvider soft;

    /**
     * The trace the user asserted on, before any scoping: each check reads it once (a live trace is a round trip to
     * the tracer), then applies {@link #scope} to that reading, so that the launch exec is found on the whole trace
     * and the check and its failure message see the same events.
     */
    private SyscallTrace root;

    /** What {@link #onlyEvents}, {@link #byThread}, ... narrowed the root to; applied to each snapshot. */
    private UnaryOperator<SyscallTrace> scope = UnaryOperator.identity();

    /** The names {@link #byThread} narrowed to: a failure message says how names match when no thread had one. */
    private List<String> threadNames = List.of();

    /** Reads nothing: a live trace is only read when a check runs. */
    public SyscallTraceAssert(SyscallTrace actual) {
        super(actual, SyscallTraceAssert.class);
        this.root = actual;
    }

    SyscallTraceAssert softly(SoftAssertionsProvider provider) {
        this.soft = provider;
        return this;
    }

    // ---- files ---------------------------------------------------------------------------------------------

    /** The process successfully opened {@code path} (open, openat, openat2 or creat), in any mode, O_PATH included. */
    public SyscallTraceAssert openedFile(String path) {
        return verify(FileChecks.openedFile(path));
    }

    /** No successful open of {@code path}; a failed attempt is allowed. */
    public SyscallTraceAssert didNotOpenFile(String path) {
        return verify(FileChecks.didNotOpenFile(path));
    }

    /**
     * A successful open of a path that matches a {@link java.nio.file.FileSystem#getPathMatcher PathMatcher}
     * pattern: {@code "glob:/etc/**"}, {@code "regex:.*\\.conf"}; a pattern without a syntax is a glob.
     */
    public SyscallTraceAssert openedFileMatching(String pattern) {
        return verify(FileChecks.openedFileMatching(pattern));
    }

    /** No successful open of a path that matches the pattern (see {@link #openedFileMatching}). */
    public SyscallTraceAssert openedNoFileMatching(String pattern) {
        return verify(FileChecks.openedNoFileMatching(pattern));
    }

    /** {@code path} was opened for reading (O_RDONLY or O_RDWR), or read through a descriptor that names it. */
    public SyscallTraceAssert readFile(String path) {
        return verify(FileChecks.touched(path, Access.READ));
    }

    /**
     * {@code path} was opened for writing (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC or O_APPEND, or creat), written or
     * truncated through a descriptor that names it, or truncated by name.
     */
    public SyscallTraceAssert wroteFile(String path) {
        return verify(FileChecks.touched(path, Access.WRITE));
    }

    /** No successful write to {@code path}, in any of the ways {@link #wroteFile} counts. */
    public SyscallTraceAssert didNotWriteFile(String path) {
        return verify(FileChecks.didNotWriteFile(path));
    }

    /**
     * {@code path} was made: by creat or an O_CREAT open (which also succeed when the file already existed), mknod,
     * mkdir, as the new name of link or symlink, or as the target of a rename.
     */
    public SyscallTraceAssert createdFile(String path) {
        return verify(FileChecks.touched(path, Access.CREATE));
    }

    /** {@code path} was removed by unlink, unlinkat or rmdir, or renamed away. */
    public SyscallTraceAssert deletedFile(String path) {
        return verify(FileChecks.touched(path, Access.DELETE));
    }

    /** A successful rename, renameat or renameat2 of {@code from} to {@code to}. */
    public SyscallTraceAssert renamedFile(String from, String to) {
        return verify(FileChecks.renamedFile(from, to));
    }

    /** Every successful open was of a path under (or equal to) one of {@code directories}. */
    public SyscallTraceAssert onlyOpenedFilesUnder(String... directories) {
        return verify(FileChecks.onlyOpenedFilesUnder(directories));
    }

    /**
     * Nothing outside {@code directories} was written, created, deleted or renamed (see {@link #wroteFile},
     * {@link #createdFile}, {@link #deletedFile}). Writes to /dev/null, terminals, pipes and sockets do not count.
     */
    public SyscallTraceAssert wroteNoFilesOutside(String... directories) {
        return verify(FileChecks.wroteNoFilesOutside(directories));
    }

    // ---- network -------------------------------------------------------------------------------------------

    /**
     * No network call, successful or not: no socket of family AF_INET, AF_INET6 or AF_PACKET, and no connect, bind,
     * listen, accept, sendto or sendmsg to an internet address or on such a socket. DNS is network (a lookup
     * through systemd-resolved's socket included); other Unix-domain and netlink sockets are not.
     */
    public SyscallTraceAssert noNetworkCalls() {
        return verify(NetworkChecks.noNetworkCalls());
    }

    /** No Unix-domain socket made or used (socket, socketpair, or an address {@code unix:...}), successful or not. */
    public SyscallTraceAssert noUnixSocketCalls() {
        return verify(NetworkChecks.noUnixSocketCalls());
    }

    /**
     * A connect to {@code host:port} that the trace shows connected: it succeeded, or it was left under way
     * (EINPROGRESS on a non-blocking socket, or interrupted by a signal) and a later call on the same socket showed it
     * connected: getsockopt(SO_ERROR) = 0, data read or sent, getpeername, a repeated connect's 0 or EISCONN. One
     * whose outcome the trace does not show does not count, and the failure message says so. The host is an IP
     * address (IPv6 with or without brackets) or {@code localhost} (127.0.0.1); an IPv4-mapped IPv6 address equals its
     * IPv4 form.
     */
    public SyscallTraceAssert connectedTo(String host, int port) {
        return verify(NetworkChecks.connectedTo(host, port));
    }

    /**
     * No connect to {@code host:port} connected or may have: a refused or otherwise failed one is allowed, one left
     * under way whose outcome the trace does not show is not (it may have connected). See {@link #connectedTo}.
     */
    public SyscallTraceAssert didNotConnectTo(String host, int port) {
        return verify(NetworkChecks.didNotConnectTo(host, port));
    }

    /**
     * Every internet connect that connected or may have (as {@link #didNotConnectTo} counts them) went to one of
     * {@code addresses}, written {@code "host:port"} with IPv6 in brackets ({@code "[::1]:8080"}); {@code "host:*"}
     * allows any port. Unix-domain connects are not checked here.
     */
    public SyscallTraceAssert onlyConnectedTo(String... addresses) {
        return verify(NetworkChecks.onlyConnectedTo(addresses));
    }

    /** A successful listen on a socket bound to {@code port} (any address). */
    public SyscallTraceAssert listenedOn(int port) {
        return verify(NetworkChecks.listenedOn(port));
    }

    // ---- processes -----------------------------------------------------------------------------------------

    /**
     * A successful execve (or execveat) of {@code executable}: that path when it has a slash (made absolute), or any
     * program of that file name when it has none ({@code "ls"} matches /usr/bin/ls).
     */
    public SyscallTraceAssert spawnedProcess(String executable) {
        return verify(ProcessChecks.spawnedProcess(executable));
    }

    /** No successful execve of {@code executable} (matched as in {@link #spawnedProcess}). */
    public SyscallTraceAssert didNotSpawnProcess(String executable) {
        return verify(ProcessChecks.didNotSpawnProcess(executable));
    }

    /**
     * No successful fork, vfork, clone of a process (not a thread), clone3 of a process, or execve. The execve that
     * started the traced command (the first event of the trace) is not a spawn, here and in the other process checks.
     */
    public SyscallTraceAssert noProcessSpawned() {
        return verify(ProcessChecks.noProcessSpawned());
    }

    // ---- syscalls by name ----------------------------------------------------------------------------------

    /** At least one call of {@code name}, whatever its result. */
    public SyscallTraceAssert calledSyscall(String name) {
        return verify(SyscallNameChecks.calledSyscall(name));
    }

    /** No call of any of {@code names}, whatever its result. */
    public SyscallTraceAssert neverCalled(String... names) {
        return verify(SyscallNameChecks.neverCalled(names));
    }

    /** Exactly {@code times} calls of {@code name}, whatever their result. */
    public SyscallTraceAssert calledSyscallTimes(String name, int times) {
        return verify(SyscallNameChecks.calledSyscallTimes(name, Bound.EXACTLY, times));
    }

    /** At most {@code times} calls of {@code name}, whatever their result. */
    public SyscallTraceAssert calledSyscallAtMost(String name, int times) {
        return verify(SyscallNameChecks.calledSyscallTimes(name, Bound.AT_MOST, times));
    }

    /** At least {@code times} calls of {@code name}, whatever their result. */
    public SyscallTraceAssert calledSyscallAtLeast(String name, int times) {
        return verify(SyscallNameChecks.calledSyscallTimes(name, Bound.AT_LEAST, times));
    }

    /**
     * The syscalls were called in this order, other calls possibly between them (a subsequence), e.g.
     * {@code calledInOrder("write", "fsync", "rename")}. Calls of any result count.
     */
    public SyscallTraceAssert calledInOrder(String... names) {
        return verify(SyscallNameChecks.calledInOrder(names));
    }

    // ---- scoping -------------------------------------------------------------------------------------------

    /** The checks that follow see only the calls that match {@code predicate} (signals are not calls: all stay). */
    public SyscallTraceAssert onlyEvents(Predicate<? super SyscallEvent> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return scoped(t -> t.filter(predicate::test), "matching events");
    }

    /**
     * The checks that follow see only the calls of threads with this name, and the signals delivered to them. A trace holds the name the kernel keeps
     * ({@code /proc/TID/comm}), its first 15 bytes: a longer Java name is matched by those, cut where the JVM cuts it
     * (after 15 bytes of its modified UTF-8, even inside a character), so every thread whose name starts with the same
     * 15 bytes matches ({@code "HttpClient-1-SelectorManager"} is {@code "HttpClient-1-Se"}). The JVM gives the kernel
     * a thread's name when it starts and when it renames itself, not for a rename by another thread, and not for the
     * main thread, which keeps its program's name ({@code "java"}). When no thread matched, the failure says so and
     * lists the thread names in the trace.
     */
    public SyscallTraceAssert byThread(String name) {
        Objects.requireNonNull(name, "thread name");
        Predicate<TraceEvent> named = ThreadNames.matching(name);
        SyscallTraceAssert scoped = scoped(t -> t.filterTimeline(named), ThreadNames.scopeDescription(name));
        List<String> names = new ArrayList<>(threadNames);
        names.add(name);
        scoped.threadNames = List.copyOf(names);
        return scoped;
    }

    /** The checks that follow see only the calls of process {@code pid} (all its threads), and its signals. */
    public SyscallTraceAssert inProcess(int pid) {
        return scoped(t -> t.filterTimeline(e -> e.pid() == pid), "calls in process " + pid);
    }

    /** The checks that follow also see the test harness's own calls, which are hidden by default. */
    public SyscallTraceAssert withHarnessNoise() {
        return scoped(SyscallTrace::withHarnessNoise, "harness noise included");
    }

    private SyscallTraceAssert scoped(UnaryOperator<SyscallTrace> narrower, String description) {
        isNotNull();
        // The new assert's actual is the narrowed view (lazy when the trace is live, so nothing is read here); its
        // checks read the root once and narrow that reading the same way.
        UnaryOperator<SyscallTrace> outer = scope;
        SyscallTrace view = narrower.apply(actual);
        SyscallTraceAssert scoped = soft != null
                ? soft.proxy(SyscallTraceAssert.class, SyscallTrace.class, view)
                : new SyscallTraceAssert(view);
        scoped.softly(soft);
        scoped.root = root;
        scoped.scope = t -> narrower.apply(outer.apply(t));
        scoped.threadNames = threadNames;
        return scoped.as(new TextDescription("%s", Render.described(descriptionText(), description)));
    }

    // ---- into plain AssertJ --------------------------------------------------------------------------------

    /** The events (harness noise left out), for any check AssertJ's list asserts can make. */
    /** The tree of the processes and threads the trace saw ({@link SyscallTrace#processTree()}), to assert on. */
    public ProcessTreeAssert processTree() { return ProcessTreeAssert.of(root.current(), soft); }

    public ListAssert<SyscallEvent> syscalls() {
        TraceSnapshot trace = snapshot();
        return list(trace, trace.events(), "syscalls");
    }

    /** The distinct paths opened successfully, in the order first opened. */
    public ListAssert<String> openedFiles() {
        TraceSnapshot trace = snapshot();
        return list(trace, FileAccesses.openedPaths(trace.events()), "files opened");
    }

    /**
     * The distinct addresses the trace shows a connection to (see {@link #connectedTo}; a connect whose outcome the
     * trace does not show is left out), Unix-domain ones included, in order.
     */
    public ListAssert<String> connections() {
        TraceSnapshot trace = snapshot();
        return list(trace, SocketUses.connectedAddresses(trace), "connections");
    }

    /** The distinct programs executed successfully, as absolute paths, in order. */
    public ListAssert<String> spawnedProcesses() {
        TraceSnapshot trace = snapshot();
        return list(trace, ProcessCreations.executedPrograms(trace), "programs executed");
    }

    @SuppressWarnings("unchecked")
    <E> ListAssert<E> list(TraceSnapshot trace, List<E> elements, String what) {
        ListAssert<E> list = soft != null ? soft.proxy(ListAssert.class, List.class, elements)
                : new ListAssert<>(elements);
        return list.as(new TextDescription("%s", Render.described(descriptionText(), what)
                + trace.savedTo().map(p -> " (full trace: " + p + ")").orElse("")));
    }

    // ---- the one reading per check -------------------------------------------------------------------------

    /** Runs a check (its arguments already validated) on one snapshot, and fails with its message. */
    SyscallTraceAssert verify(Check check) {
        ErrorMessageFactory failure = check.against(snapshot());
        if (failure != null) {
            throwAssertionError(failure);
        }
        return myself;
    }

    TraceSnapshot snapshot() {
        isNotNull();
        return TraceSnapshot.of(root, scope, threadNames);
    }

    // ---- signals (not syscalls: no check above sees them) -----------------------------------------------------

    /**
     * {@code signal} was delivered to a traced thread at least once ({@code "SIGTERM"}, {@code "SIGCHLD"},
     * real-time ones {@code "SIGRTMIN"}, {@code "SIGRT_2"}, as strace names them), whoever sent it. A failure lists
     * the signals that were delivered, closest name first.
     */
    public SyscallTraceAssert receivedSignal(String signal) {
        return verify(SignalChecks.receivedSignal(signal));
    }

    /** {@code signal} was never delivered to a traced thread; a failure shows each delivery with its siginfo. */
    public SyscallTraceAssert didNotReceiveSignal(String signal) {
        return verify(SignalChecks.didNotReceiveSignal(signal));
    }

    /** The delivered signals (harness noise left out), for any check AssertJ's list asserts can make. */
    public ListAssert<SignalEvent> signals() {
        TraceSnapshot trace = snapshot();
        return list(trace, trace.signals(), "signals");
    }

    /** The traced threads' group-stops ({@code --- stopped by SIGSTOP ---}; noise left out), for list asserts. */
    public ListAssert<GroupStop> groupStops() {
        TraceSnapshot trace = snapshot();
        return list(trace, trace.groupStops(), "group-stops");
    }
}
