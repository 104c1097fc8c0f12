package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.UnknownSyscallException;
import dev.syscallassert.assertj.FileAccesses.Access;
import dev.syscallassert.assertj.FileAccesses.Open;
import dev.syscallassert.assertj.FileAccesses.Touch;
import dev.syscallassert.assertj.ProcessCreations.Spawn;
import dev.syscallassert.assertj.SocketUses.Connect;
import dev.syscallassert.assertj.SocketUses.Listen;
import dev.syscallassert.assertj.SocketUses.SocketUse;
import dev.syscallassert.core.syscalls.SyscallTable;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.description.TextDescription;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static dev.syscallassert.assertj.ShouldHaveAccessedFile.shouldHaveAccessedFile;
import static dev.syscallassert.assertj.ShouldHaveCalledInOrder.shouldHaveCalledInOrder;
import static dev.syscallassert.assertj.ShouldHaveCalledSyscall.shouldHaveCalledSyscall;
import static dev.syscallassert.assertj.ShouldHaveCalledSyscallTimes.shouldHaveCalledSyscallTimes;
import static dev.syscallassert.assertj.ShouldHaveConnectedTo.shouldHaveConnectedTo;
import static dev.syscallassert.assertj.ShouldHaveConnectedTo.shouldHaveListenedOn;
import static dev.syscallassert.assertj.ShouldHaveOpenedFile.shouldHaveOpenedFile;
import static dev.syscallassert.assertj.ShouldHaveOpenedFileMatching.shouldHaveOpenedFileMatching;
import static dev.syscallassert.assertj.ShouldHaveRenamedFile.shouldHaveRenamedFile;
import static dev.syscallassert.assertj.ShouldHaveSpawnedProcess.shouldHaveSpawnedProcess;
import static dev.syscallassert.assertj.ShouldNotHaveAccessedFile.shouldNotHaveAccessedFile;
import static dev.syscallassert.assertj.ShouldNotHaveCalledSyscall.shouldNotHaveCalledSyscall;
import static dev.syscallassert.assertj.ShouldNotHaveConnectedTo.shouldNotHaveConnectedTo;
import static dev.syscallassert.assertj.ShouldNotHaveConnectedTo.shouldOnlyHaveConnectedTo;
import static dev.syscallassert.assertj.ShouldNotHaveNetworkCalls.shouldNotHaveNetworkCalls;
import static dev.syscallassert.assertj.ShouldNotHaveNetworkCalls.shouldNotHaveUnixSocketCalls;
import static dev.syscallassert.assertj.ShouldNotHaveSpawnedProcess.shouldNotHaveSpawnedAnyProcess;
import static dev.syscallassert.assertj.ShouldNotHaveSpawnedProcess.shouldNotHaveSpawnedProcess;
import static dev.syscallassert.assertj.ShouldOnlyAccessFilesUnder.shouldOnlyAccessFilesUnder;

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
 */
public class SyscallTraceAssert extends AbstractAssert<SyscallTraceAssert, SyscallTrace> {

    /** Set when this assert comes from soft assertions, so that the asserts it leads to are soft too. */
    private SoftAssertionsProvider soft;

    /**
     * The trace the user asserted on, before any scoping: each check reads it once (a live trace is a round trip to
     * the tracer), then applies {@link #scope} to that reading, so that the launch exec is found on the whole trace
     * and the check and its failure message see the same events.
     */
    private SyscallTrace root;

    /** What {@link #onlyEvents}, {@link #byThread}, ... narrowed the root to; applied to each snapshot. */
    private UnaryOperator<SyscallTrace> scope = UnaryOperator.identity();

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
        Path expected = FilePaths.expected(path);
        TraceSnapshot now = snapshot();
        List<Open> opens = FileAccesses.opens(now.events());
        if (opens.stream().anyMatch(o -> o.succeeded() && o.path().equals(expected))) {
            return myself;
        }
        List<String> failed = opens.stream().filter(o -> o.path().equals(expected))
                .map(o -> Render.call(o.event())).collect(Collectors.toList());
        List<Open> others = Nearest.pathsClosestFirst(expected.toString(), distinctOpens(opens),
                o -> o.path().toString());
        throwAssertionError(shouldHaveOpenedFile(now, expected.toString(), failed,
                others.stream().map(SyscallTraceAssert::openLabel).collect(Collectors.toList())));
        return myself;
    }

    /** No successful open of {@code path}; a failed attempt is allowed. */
    public SyscallTraceAssert didNotOpenFile(String path) {
        Path expected = FilePaths.expected(path);
        TraceSnapshot now = snapshot();
        List<String> calls = FileAccesses.opens(now.events()).stream()
                .filter(o -> o.succeeded() && o.path().equals(expected))
                .map(o -> Render.call(o.event())).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveAccessedFile(now, "opened", expected.toString(), calls));
        }
        return myself;
    }

    /**
     * A successful open of a path that matches a {@link java.nio.file.FileSystem#getPathMatcher PathMatcher}
     * pattern: {@code "glob:/etc/**"}, {@code "regex:.*\\.conf"}; a pattern without a syntax is a glob.
     */
    public SyscallTraceAssert openedFileMatching(String pattern) {
        PathMatcher matcher = FilePaths.matcher(pattern);
        TraceSnapshot now = snapshot();
        List<Open> opens = FileAccesses.opens(now.events());
        if (opens.stream().anyMatch(o -> o.succeeded() && matcher.matches(o.path()))) {
            return myself;
        }
        throwAssertionError(shouldHaveOpenedFileMatching(now, pattern,
                Nearest.pathsClosestToPattern(pattern, distinctOpens(opens), o -> o.path().toString()).stream()
                        .map(SyscallTraceAssert::openLabel).collect(Collectors.toList())));
        return myself;
    }

    /** No successful open of a path that matches the pattern (see {@link #openedFileMatching}). */
    public SyscallTraceAssert openedNoFileMatching(String pattern) {
        PathMatcher matcher = FilePaths.matcher(pattern);
        TraceSnapshot now = snapshot();
        List<String> calls = FileAccesses.opens(now.events()).stream()
                .filter(o -> o.succeeded() && matcher.matches(o.path()))
                .map(o -> o.path() + "  " + Render.call(o.event())).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveAccessedFile(now, "opened a file matching", pattern, calls));
        }
        return myself;
    }

    /** {@code path} was opened for reading (O_RDONLY or O_RDWR), or read through a descriptor that names it. */
    public SyscallTraceAssert readFile(String path) {
        return touched(path, Access.READ, "read", "read");
    }

    /**
     * {@code path} was opened for writing (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC or O_APPEND, or creat), written or
     * truncated through a descriptor that names it, or truncated by name.
     */
    public SyscallTraceAssert wroteFile(String path) {
        return touched(path, Access.WRITE, "written", "wrote");
    }

    /** No successful write to {@code path}, in any of the ways {@link #wroteFile} counts. */
    public SyscallTraceAssert didNotWriteFile(String path) {
        Path expected = FilePaths.expected(path);
        TraceSnapshot now = snapshot();
        List<String> calls = FileAccesses.touches(now.events()).stream()
                .filter(t -> t.access() == Access.WRITE && t.event().succeeded() && t.path().equals(expected))
                .map(t -> Render.call(t.event())).distinct().collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveAccessedFile(now, "written", expected.toString(), calls));
        }
        return myself;
    }

    /**
     * {@code path} was made: by creat or an O_CREAT open (which also succeed when the file already existed), mknod,
     * mkdir, as the new name of link or symlink, or as the target of a rename.
     */
    public SyscallTraceAssert createdFile(String path) {
        return touched(path, Access.CREATE, "created", "created");
    }

    /** {@code path} was removed by unlink, unlinkat or rmdir, or renamed away. */
    public SyscallTraceAssert deletedFile(String path) {
        return touched(path, Access.DELETE, "deleted", "deleted");
    }

    /** A successful rename, renameat or renameat2 of {@code from} to {@code to}. */
    public SyscallTraceAssert renamedFile(String from, String to) {
        Path expectedFrom = FilePaths.expected(from);
        Path expectedTo = FilePaths.expected(to);
        TraceSnapshot now = snapshot();
        List<SyscallEvent> renames = FileAccesses.renames(now.events());
        for (SyscallEvent e : renames) {
            if (e.succeeded() && expectedFrom.equals(FilePaths.actual(e.path().orElse(null)))
                    && expectedTo.equals(FilePaths.actual(e.path2().orElse(null)))) {
                return myself;
            }
        }
        String wanted = expectedFrom + " -> " + expectedTo;
        List<SyscallEvent> closest = Nearest.pathsClosestFirst(wanted, renames,
                e -> e.path().orElse("?") + " -> " + e.path2().orElse("?"));
        throwAssertionError(shouldHaveRenamedFile(now, expectedFrom.toString(), expectedTo.toString(),
                closest.stream().map(e -> e.path().orElse("?") + " -> " + e.path2().orElse("?")
                        + outcome(e) + "  " + Render.call(e)).collect(Collectors.toList())));
        return myself;
    }

    /** Every successful open was of a path under (or equal to) one of {@code directories}. */
    public SyscallTraceAssert onlyOpenedFilesUnder(String... directories) {
        List<Path> dirs = directories(directories);
        Map<Path, SyscallEvent> outside = new LinkedHashMap<>();
        TraceSnapshot now = snapshot();
        for (Open o : FileAccesses.opens(now.events())) {
            if (o.succeeded() && dirs.stream().noneMatch(d -> FilePaths.isUnder(o.path(), d))) {
                outside.putIfAbsent(o.path(), o.event());
            }
        }
        if (!outside.isEmpty()) {
            throwAssertionError(shouldOnlyAccessFilesUnder(now, "opened files", strings(dirs),
                    labelled(outside)));
        }
        return myself;
    }

    /**
     * Nothing outside {@code directories} was written, created, deleted or renamed (see {@link #wroteFile},
     * {@link #createdFile}, {@link #deletedFile}). Writes to /dev/null, terminals, pipes and sockets do not count.
     */
    public SyscallTraceAssert wroteNoFilesOutside(String... directories) {
        List<Path> dirs = directories(directories);
        Map<Path, SyscallEvent> outside = new LinkedHashMap<>();
        TraceSnapshot now = snapshot();
        for (Touch t : FileAccesses.touches(now.events())) {
            if (t.access() != Access.READ && t.event().succeeded() && !FilePaths.isDeviceSink(t.path())
                    && dirs.stream().noneMatch(d -> FilePaths.isUnder(t.path(), d))) {
                outside.putIfAbsent(t.path(), t.event());
            }
        }
        if (!outside.isEmpty()) {
            throwAssertionError(shouldOnlyAccessFilesUnder(now, "changed files", strings(dirs),
                    labelled(outside)));
        }
        return myself;
    }

    private SyscallTraceAssert touched(String path, Access access, String participle, String past) {
        Path expected = FilePaths.expected(path);
        TraceSnapshot now = snapshot();
        List<SyscallEvent> events = now.events();
        List<Touch> touches = FileAccesses.touches(events);
        if (touches.stream().anyMatch(t -> t.access() == access && t.event().succeeded()
                && t.path().equals(expected))) {
            return myself;
        }
        // Why it did not count: the same path, touched in another way or by a call that failed.
        Set<SyscallEvent> samePath = new LinkedHashSet<>();
        FileAccesses.opens(events).stream().filter(o -> o.path().equals(expected)).forEach(o -> samePath.add(o.event()));
        touches.stream().filter(t -> t.path().equals(expected)).forEach(t -> samePath.add(t.event()));
        Map<Path, Touch> candidates = new LinkedHashMap<>();
        touches.stream().filter(t -> t.access() == access && t.event().succeeded())
                .forEach(t -> candidates.putIfAbsent(t.path(), t));
        List<Touch> closest = Nearest.pathsClosestFirst(expected.toString(), new ArrayList<>(candidates.values()),
                t -> t.path().toString());
        throwAssertionError(shouldHaveAccessedFile(now, participle, past, expected.toString(),
                samePath.stream().map(e -> Render.call(e) + OpenMode.of(e).map(m -> "  (" + m.describe() + ")")
                        .orElse("")).collect(Collectors.toList()),
                closest.stream().map(t -> t.path().toString()).collect(Collectors.toList())));
        return myself;
    }

    /** One line per distinct path and outcome: a file opened a hundred times is one entry. */
    private static List<Open> distinctOpens(List<Open> opens) {
        Map<String, Open> distinct = new LinkedHashMap<>();
        for (Open o : opens) {
            distinct.putIfAbsent(o.path() + outcome(o.event()), o);
        }
        return new ArrayList<>(distinct.values());
    }

    private static String openLabel(Open o) {
        return o.path() + outcome(o.event());
    }

    private static String outcome(SyscallEvent e) {
        if (e.succeeded()) {
            return "";
        }
        return e.failed() ? "  (failed: " + e.errno().orElse("?") + ")" : "  (never returned)";
    }

    private static List<Path> directories(String... directories) {
        Objects.requireNonNull(directories, "directories");
        if (directories.length == 0) {
            throw new IllegalArgumentException("Give at least one directory");
        }
        return Arrays.stream(directories).map(FilePaths::expected).collect(Collectors.toList());
    }

    private static List<String> labelled(Map<Path, SyscallEvent> byPath) {
        return byPath.entrySet().stream().map(en -> en.getKey() + "  " + Render.call(en.getValue()))
                .collect(Collectors.toList());
    }

    // ---- network -------------------------------------------------------------------------------------------

    /**
     * No network call, successful or not: no socket of family AF_INET, AF_INET6 or AF_PACKET, and no connect, bind,
     * listen, accept, sendto or sendmsg to an internet address or on such a socket. DNS is network (a lookup
     * through systemd-resolved's socket included); other Unix-domain and netlink sockets are not.
     */
    public SyscallTraceAssert noNetworkCalls() {
        TraceSnapshot now = snapshot();
        List<String> calls = SocketUses.socketUses(now.events()).stream().filter(SocketUse::network)
                .map(c -> Render.call(c.event()) + "  <- " + why(c)).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveNetworkCalls(now, calls));
        }
        return myself;
    }

    /** No Unix-domain socket made or used (socket, socketpair, or an address {@code unix:...}), successful or not. */
    public SyscallTraceAssert noUnixSocketCalls() {
        TraceSnapshot now = snapshot();
        List<String> calls = SocketUses.socketUses(now.events()).stream()
                .filter(c -> c.family() == SocketUses.AF_UNIX)
                .map(c -> Render.call(c.event()) + (c.endpoint() != null ? "  <- " + c.endpoint() : ""))
                .collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveUnixSocketCalls(now, calls));
        }
        return myself;
    }

    /**
     * A connect to {@code host:port} that succeeded, or that was under way on a non-blocking socket (EINPROGRESS).
     * The host is an IP address (IPv6 with or without brackets) or {@code localhost} (127.0.0.1); an IPv4-mapped
     * IPv6 address equals its IPv4 form.
     */
    public SyscallTraceAssert connectedTo(String host, int port) {
        Endpoint expected = Endpoint.ofUser(host, port);
        TraceSnapshot now = snapshot();
        List<Connect> connects = SocketUses.connects(now.events());
        if (connects.stream().anyMatch(c -> c.connected() && expected.matches(c.endpoint()))) {
            return myself;
        }
        List<Connect> closest = new ArrayList<>(connects);
        closest.sort(Comparator.<Connect>comparingInt(c -> c.endpoint().port() == port ? 0 : 1)
                .thenComparingInt(c -> Nearest.editDistance(expected.toString(), c.endpoint().toString())));
        throwAssertionError(shouldHaveConnectedTo(now, expected.toString(),
                closest.stream().map(SyscallTraceAssert::label).collect(Collectors.toList())));
        return myself;
    }

    /** No connect to {@code host:port} succeeded or was under way (see {@link #connectedTo}). */
    public SyscallTraceAssert didNotConnectTo(String host, int port) {
        Endpoint expected = Endpoint.ofUser(host, port);
        TraceSnapshot now = snapshot();
        List<String> calls = SocketUses.connects(now.events()).stream()
                .filter(c -> c.connected() && expected.matches(c.endpoint()))
                .map(SyscallTraceAssert::label).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveConnectedTo(now, expected.toString(), calls));
        }
        return myself;
    }

    /**
     * Every internet connect went to one of {@code addresses}, written {@code "host:port"} with IPv6 in brackets
     * ({@code "[::1]:8080"}); {@code "host:*"} allows any port. Unix-domain connects are not checked here.
     */
    public SyscallTraceAssert onlyConnectedTo(String... addresses) {
        Objects.requireNonNull(addresses, "addresses");
        List<Endpoint> allowed = Arrays.stream(addresses).map(Endpoint::ofUser).collect(Collectors.toList());
        TraceSnapshot now = snapshot();
        List<String> calls = SocketUses.connects(now.events()).stream()
                .filter(c -> c.endpoint().isInet() && c.connected()
                        && allowed.stream().noneMatch(a -> a.matches(c.endpoint())))
                .map(SyscallTraceAssert::label).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldOnlyHaveConnectedTo(now, strings(allowed), calls));
        }
        return myself;
    }

    /** A successful listen on a socket bound to {@code port} (any address). */
    public SyscallTraceAssert listenedOn(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a port number: " + port);
        }
        TraceSnapshot now = snapshot();
        List<Listen> listens = SocketUses.listens(now.events());
        if (listens.stream().anyMatch(l -> l.address().filter(a -> a.isInet() && a.port() == port).isPresent())) {
            return myself;
        }
        throwAssertionError(shouldHaveListenedOn(now, port, listens.stream()
                .map(l -> l.address().map(Endpoint::toString).orElse("(address unknown)") + "  "
                        + Render.call(l.event())).collect(Collectors.toList())));
        return myself;
    }

    private static String label(Connect c) {
        return c.endpoint() + outcome(c.event()) + "  " + Render.call(c.event());
    }

    private static String why(SocketUse u) {
        switch (u.use()) {
            case NETWORK_SOCKET: return "an " + SocketUses.familyName(u.family()) + " socket";
            case DNS: return "DNS to " + u.endpoint();
            case INTERNET_ADDRESS: return "internet address " + u.endpoint();
            case RESOLVED_DNS: return "DNS through systemd-resolved";
            case ON_NETWORK_SOCKET: return "on an " + SocketUses.familyName(u.family()) + " socket";
            default: throw new IllegalArgumentException("not a network call: " + u);
        }
    }

    // ---- processes -----------------------------------------------------------------------------------------

    /**
     * A successful execve (or execveat) of {@code executable}: that path when it has a slash (made absolute), or any
     * program of that file name when it has none ({@code "ls"} matches /usr/bin/ls).
     */
    public SyscallTraceAssert spawnedProcess(String executable) {
        Predicate<String> matches = executableMatcher(executable);
        TraceSnapshot now = snapshot();
        List<SyscallEvent> execs = ProcessCreations.execs(now);
        if (execs.stream().anyMatch(e -> ProcessCreations.execSucceeded(e) && matches.test(e.path().get()))) {
            return myself;
        }
        String expected = executable.contains("/") ? FilePaths.expected(executable).toString() : executable;
        List<SyscallEvent> closest = Nearest.pathsClosestFirst(expected, execs, e -> e.path().get());
        throwAssertionError(shouldHaveSpawnedProcess(now, expected, closest.stream()
                .map(e -> e.path().get() + outcome(e) + "  " + Render.call(e)).collect(Collectors.toList())));
        return myself;
    }

    /** No successful execve of {@code executable} (matched as in {@link #spawnedProcess}). */
    public SyscallTraceAssert didNotSpawnProcess(String executable) {
        Predicate<String> matches = executableMatcher(executable);
        TraceSnapshot now = snapshot();
        List<String> calls = ProcessCreations.execs(now).stream()
                .filter(e -> ProcessCreations.execSucceeded(e) && matches.test(e.path().get()))
                .map(Render::call).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveSpawnedProcess(now, executable, calls));
        }
        return myself;
    }

    /**
     * No successful fork, vfork, clone of a process (not a thread), clone3 of a process, or execve. The execve that
     * started the traced command (the first event of the trace) is not a spawn, here and in the other process checks.
     */
    public SyscallTraceAssert noProcessSpawned() {
        TraceSnapshot now = snapshot();
        List<String> calls = ProcessCreations.spawns(now).stream().map(SyscallTraceAssert::label)
                .collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveSpawnedAnyProcess(now, calls));
        }
        return myself;
    }

    private static String label(Spawn s) {
        switch (s.creation()) {
            case EXEC: return Render.call(s.event());
            case FORK: return Render.call(s.event()) + "  <- " + s.event().syscall();
            case CLONE_WITHOUT_THREAD: return Render.call(s.event()) + "  <- clone without CLONE_THREAD";
            case CLONE3_WITHOUT_THREAD: return Render.call(s.event()) + "  <- clone3 without CLONE_THREAD";
            case CLONE3_CHILD_IS_PROCESS: return Render.call(s.event()) + "  <- clone3 (the child is a process)";
            default: return Render.call(s.event()) + "  <- clone3 (flags unreadable)";
        }
    }

    private static Predicate<String> executableMatcher(String executable) {
        Objects.requireNonNull(executable, "executable");
        if (executable.contains("/")) {
            Path expected = FilePaths.expected(executable);
            return p -> expected.equals(FilePaths.actual(p));
        }
        if (executable.isEmpty()) {
            throw new IllegalArgumentException("The executable is empty");
        }
        return p -> executable.equals(Nearest.fileName(p));
    }

    // ---- syscalls by name ----------------------------------------------------------------------------------

    /** At least one call of {@code name}, whatever its result. */
    public SyscallTraceAssert calledSyscall(String name) {
        requireSyscall(name);
        TraceSnapshot now = snapshot();
        List<SyscallEvent> events = now.events();
        if (events.stream().anyMatch(e -> e.syscall().equals(name))) {
            return myself;
        }
        Map<String, Long> counts = events.stream()
                .collect(Collectors.groupingBy(SyscallEvent::syscall, LinkedHashMap::new, Collectors.counting()));
        List<String> lines = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(en -> en.getKey() + ": " + en.getValue()).collect(Collectors.toList());
        throwAssertionError(shouldHaveCalledSyscall(now, name, lines));
        return myself;
    }

    /** No call of any of {@code names}, whatever its result. */
    public SyscallTraceAssert neverCalled(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("Give at least one syscall name");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String name : names) {
            set.add(requireSyscall(name));
        }
        TraceSnapshot now = snapshot();
        List<String> calls = now.events().stream().filter(e -> set.contains(e.syscall()))
                .map(Render::call).collect(Collectors.toList());
        if (!calls.isEmpty()) {
            throwAssertionError(shouldNotHaveCalledSyscall(now, new ArrayList<>(set), calls));
        }
        return myself;
    }

    /** Exactly {@code times} calls of {@code name}, whatever their result. */
    public SyscallTraceAssert calledSyscallTimes(String name, int times) {
        return count(name, times, "exactly", n -> n == times);
    }

    /** At most {@code times} calls of {@code name}, whatever their result. */
    public SyscallTraceAssert calledSyscallAtMost(String name, int times) {
        return count(name, times, "at most", n -> n <= times);
    }

    /** At least {@code times} calls of {@code name}, whatever their result. */
    public SyscallTraceAssert calledSyscallAtLeast(String name, int times) {
        return count(name, times, "at least", n -> n >= times);
    }

    private SyscallTraceAssert count(String name, int times, String bound, Predicate<Integer> ok) {
        requireSyscall(name);
        if (times < 0) {
            throw new IllegalArgumentException("A count cannot be negative: " + times);
        }
        TraceSnapshot now = snapshot();
        List<SyscallEvent> calls = now.events().stream().filter(e -> e.syscall().equals(name))
                .collect(Collectors.toList());
        if (ok.test(calls.size())) {
            return myself;
        }
        Map<String, Long> perThread = calls.stream()
                .collect(Collectors.groupingBy(Render::who, LinkedHashMap::new, Collectors.counting()));
        throwAssertionError(shouldHaveCalledSyscallTimes(now, name, bound, times, calls.size(),
                perThread.entrySet().stream().map(en -> en.getKey() + ": " + en.getValue())
                        .collect(Collectors.toList()),
                calls.stream().map(Render::call).collect(Collectors.toList())));
        return myself;
    }

    /**
     * The syscalls were called in this order, other calls possibly between them (a subsequence), e.g.
     * {@code calledInOrder("write", "fsync", "rename")}. Calls of any result count.
     */
    public SyscallTraceAssert calledInOrder(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("Give at least one syscall name");
        }
        for (String name : names) {
            requireSyscall(name);
        }
        TraceSnapshot now = snapshot();
        List<SyscallEvent> events = now.events();
        int matched = 0;
        for (SyscallEvent e : events) {
            if (matched < names.length && e.syscall().equals(names[matched])) {
                matched++;
            }
        }
        if (matched == names.length) {
            return myself;
        }
        Set<String> set = Set.of(names);
        throwAssertionError(shouldHaveCalledInOrder(now, List.of(names), matched, events.stream()
                .filter(e -> set.contains(e.syscall())).map(Render::call).collect(Collectors.toList())));
        return myself;
    }

    private static String requireSyscall(String name) {
        Objects.requireNonNull(name, "syscall name");
        SyscallTable table = SyscallTable.current();
        if (table.contains(name)) {
            return name;
        }
        List<String> nearest = table.nearestNames(name, 3);
        if (nearest.isEmpty()) {
            nearest = Nearest.closest(name, table.names(), 3);
        }
        throw new UnknownSyscallException("\"" + name + "\" is not a syscall on " + table.architecture()
                + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?"), name, nearest);
    }

    // ---- scoping -------------------------------------------------------------------------------------------

    /** The checks that follow see only the events that match {@code predicate}. */
    public SyscallTraceAssert onlyEvents(Predicate<? super SyscallEvent> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return scoped(t -> t.filter(predicate::test), "matching events");
    }

    /** The checks that follow see only the calls of threads with this name ({@code /proc/TID/comm}). */
    public SyscallTraceAssert byThread(String name) {
        Objects.requireNonNull(name, "thread name");
        return scoped(t -> t.filter(e -> e.thread().equals(name)), "calls by thread \"" + name + "\"");
    }

    /** The checks that follow see only the calls of process {@code pid} (all its threads). */
    public SyscallTraceAssert inProcess(int pid) {
        return scoped(t -> t.filter(e -> e.pid() == pid), "calls in process " + pid);
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
        UnaryOperator<SyscallTrace> narrowed = t -> narrower.apply(outer.apply(t));
        SyscallTrace view = narrower.apply(actual);
        SyscallTraceAssert scoped = soft != null
                ? soft.proxy(SyscallTraceAssert.class, SyscallTrace.class, view)
                : new SyscallTraceAssert(view);
        scoped.softly(soft);
        scoped.root = root;
        scoped.scope = narrowed;
        return scoped.as(new TextDescription("%s", join(descriptionText(), description)));
    }

    // ---- into plain AssertJ --------------------------------------------------------------------------------

    /** The events (harness noise left out), for any check AssertJ's list asserts can make. */
    public ListAssert<SyscallEvent> syscalls() {
        TraceSnapshot now = snapshot();
        return list(now, now.events(), "syscalls");
    }

    /** The distinct paths opened successfully, in the order first opened. */
    public ListAssert<String> openedFiles() {
        TraceSnapshot now = snapshot();
        return list(now, FileAccesses.opens(now.events()).stream().filter(Open::succeeded).map(o -> o.path().toString())
                .distinct().collect(Collectors.toList()), "files opened");
    }

    /** The distinct addresses connected to (see {@link #connectedTo}), Unix-domain ones included, in order. */
    public ListAssert<String> connections() {
        TraceSnapshot now = snapshot();
        return list(now, SocketUses.connects(now.events()).stream().filter(c -> c.connected())
                .map(c -> c.endpoint().toString()).distinct().collect(Collectors.toList()), "connections");
    }

    /** The distinct programs executed successfully, as absolute paths, in order. */
    public ListAssert<String> spawnedProcesses() {
        TraceSnapshot now = snapshot();
        return list(now, ProcessCreations.execs(now).stream().filter(ProcessCreations::execSucceeded).map(e -> e.path().get())
                .distinct().collect(Collectors.toList()), "programs executed");
    }

    @SuppressWarnings("unchecked")
    private <E> ListAssert<E> list(TraceSnapshot now, List<E> elements, String what) {
        ListAssert<E> list = soft != null
                ? soft.proxy(ListAssert.class, List.class, elements)
                : new ListAssert<>(elements);
        String text = join(descriptionText(), what)
                + now.savedTo().map(p -> " (full trace: " + p + ")").orElse("");
        return list.as(new TextDescription("%s", text));
    }

    private static String join(String description, String scope) {
        return description == null || description.isEmpty() ? scope : description + ", " + scope;
    }

    /** The one reading of the trace a check or navigation method makes. */
    private TraceSnapshot snapshot() {
        isNotNull();
        return TraceSnapshot.of(root, scope);
    }

    private static <T> List<String> strings(List<T> values) {
        return values.stream().map(String::valueOf).collect(Collectors.toList());
    }
}
