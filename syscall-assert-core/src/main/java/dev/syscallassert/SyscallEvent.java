package dev.syscallassert;

import dev.syscallassert.core.decode.ReturnValues;
import dev.syscallassert.core.format.TextFormat;

import dev.syscallassert.core.syscalls.CategorySets;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One system call made by a traced thread: who made it, what it was called with (raw and decoded), and how it ended.
 * Immutable. Decoded values are absent when the call has no such argument or it could not be read; an argument whose
 * memory could not be read is shown in {@link #renderedArgs()} as its address, as strace shows it.
 */
public final class SyscallEvent implements TraceEvent {

    private final int pid;
    private final int tid;
    private final String thread;
    private final String syscall;
    private final int number;
    private final Set<SyscallCategory> categories;
    private final long[] args;
    private final List<String> renderedArgs;
    private final String path;
    private final String path2;
    private final String fdPath;
    private final String address;
    private final List<String> argv;
    private final Long openFlags;
    private final Long cloneFlags;
    private final Integer socketError;
    private final boolean finished;
    private final long returnValue;
    private final String renderedReturn;
    private final String errno;
    private final long startNanos;
    private final long endNanos;
    private final boolean harness;
    private final Injection injection;

    private SyscallEvent(Builder b) {
        this.pid = b.pid;
        this.tid = b.tid;
        this.thread = b.thread == null ? "" : b.thread;
        this.syscall = Objects.requireNonNull(b.syscall, "syscall");
        this.number = b.number;
        this.categories = b.categories;
        this.args = Arrays.copyOf(b.args, 6);
        this.renderedArgs = List.copyOf(b.renderedArgs);
        this.path = b.path;
        this.path2 = b.path2;
        this.fdPath = b.fdPath;
        this.address = b.address;
        this.argv = b.argv == null ? null : List.copyOf(b.argv);
        this.openFlags = b.openFlags;
        this.cloneFlags = b.cloneFlags;
        this.socketError = b.socketError;
        this.finished = b.finished;
        this.returnValue = b.returnValue;
        this.renderedReturn = b.renderedReturn;
        this.errno = b.errno;
        this.startNanos = b.startNanos;
        this.endNanos = b.endNanos;
        this.harness = b.harness;
        this.injection = b.injection;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this event's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pid = pid;
        b.tid = tid;
        b.thread = thread;
        b.syscall = syscall;
        b.number = number;
        b.categories = categories;
        b.args = args.clone();
        b.renderedArgs = renderedArgs;
        b.path = path;
        b.path2 = path2;
        b.fdPath = fdPath;
        b.address = address;
        b.argv = argv;
        b.openFlags = openFlags;
        b.cloneFlags = cloneFlags;
        b.socketError = socketError;
        b.finished = finished;
        b.returnValue = returnValue;
        b.renderedReturn = renderedReturn;
        b.errno = errno;
        b.startNanos = startNanos;
        b.endNanos = endNanos;
        b.harness = harness;
        b.injection = injection;
        return b;
    }

    /** The process (thread group) id. */
    public int pid() { return pid; }

    /** The id of the thread that made the call. */
    public int tid() { return tid; }

    /** The thread's name ({@code /proc/TID/comm}) when it made the call. */
    public String thread() { return thread; }

    /** The syscall's name on this architecture, e.g. {@code "openat"}. */
    public String syscall() { return syscall; }

    /** The syscall's number on this architecture. */
    public int number() { return number; }

    /** The strace classes the syscall belongs to. */
    public Set<SyscallCategory> categories() { return categories; }

    public boolean isIn(SyscallCategory category) { return categories.contains(category); }

    /** The six raw argument registers. */
    public long[] args() { return args.clone(); }

    public long arg(int index) { return args[index]; }

    /** Each argument as strace would print it, e.g. {@code ["AT_FDCWD", "\"/etc/hosts\"", "O_RDONLY|O_CLOEXEC"]}. */
    public List<String> renderedArgs() { return renderedArgs; }

    /** The (first) path argument, made absolute against the cwd or the dirfd. */
    public Optional<String> path() { return Optional.ofNullable(path); }

    /** The second path argument (rename's target, link's new name, symlink's link path). */
    public Optional<String> path2() { return Optional.ofNullable(path2); }

    /** What the call's file descriptor argument named when the call was made ({@code /proc/TID/fd/N}). */
    public Optional<String> fdPath() { return Optional.ofNullable(fdPath); }

    /**
     * The socket address the call used: {@code "127.0.0.1:8080"}, {@code "[::1]:8080"} (an IPv4-mapped IPv6
     * address is shown in its IPv4 form), {@code "unix:/run/x.sock"} or {@code "unix:@abstract"}.
     */
    public Optional<String> address() { return Optional.ofNullable(address); }

    /** The argument vector of an execve/execveat. */
    public Optional<List<String>> argv() { return Optional.ofNullable(argv); }

    /**
     * The open flags the call used ({@code O_WRONLY|O_CREAT|...} as the kernel saw them): the flags argument of
     * open and openat, creat's implied {@code O_CREAT|O_WRONLY|O_TRUNC}, openat2's {@code open_how.flags} as read
     * from the tracee. Empty for other calls, or when openat2's struct could not be read.
     */
    public OptionalLong openFlags() { return openFlags == null ? OptionalLong.empty() : OptionalLong.of(openFlags); }

    /**
     * The clone flags of a call that creates a process or thread: clone's flags argument, clone3's
     * {@code clone_args.flags} as read from the tracee at the call, fork's {@code SIGCHLD} and vfork's
     * {@code CLONE_VM|CLONE_VFORK|SIGCHLD}. {@code CLONE_THREAD} among them means a thread, not a process. Empty for
     * other calls, or when clone3's struct could not be read.
     */
    public OptionalLong cloneFlags() { return cloneFlags == null ? OptionalLong.empty() : OptionalLong.of(cloneFlags); }

    /**
     * For a successful {@code getsockopt(fd, SOL_SOCKET, SO_ERROR, ...)}: the socket's pending error as the kernel
     * reported (and cleared) it, 0 for none. This is how non-blocking code (NIO, the JDK's HttpClient) learns whether
     * a connect that returned EINPROGRESS succeeded. Empty for other calls, or when the value could not be read.
     */
    public OptionalInt socketError() {
        return socketError == null ? OptionalInt.empty() : OptionalInt.of(socketError);
    }

    /** False when the call never returned (exit, exit_group, a successful execve's old image, a killed thread). */
    public boolean finished() { return finished; }

    /** The raw return value; negative errno values are reported through {@link #errno()} instead. */
    public long returnValue() { return returnValue; }

    /** The return value as strace prints it ({@code "3"}, {@code "-1 ENOENT (No such file or directory)"}, {@code "?"}). */
    public String renderedReturn() {
        return renderedReturn != null ? renderedReturn : ReturnValues.derived(finished, returnValue, errno);
    }

    /** The errno name when the call failed, e.g. {@code "ENOENT"}. */
    public Optional<String> errno() { return Optional.ofNullable(errno); }

    /** True when the call returned and did not fail. */
    public boolean succeeded() { return finished && errno == null; }

    public boolean failed() { return finished && errno != null; }

    /** Wall-clock time of the syscall entry, in nanoseconds since the epoch. */
    public long startNanos() { return startNanos; }

    /** Wall-clock time of the syscall exit, in nanoseconds since the epoch; equal to the start when it never returned. */
    public long endNanos() { return endNanos; }

    /** True for calls made by the test harness itself (markers, snapshot I/O, JVM internals); hidden by default. */
    public boolean harness() { return harness; }

    /**
     * What the tracer did to this call, when it acted on it: a fault injected ({@link Tracer#inject}) or the network
     * denied ({@link Tracer#denyNetwork}). Empty for a call that ran as the program asked.
     */
    public Optional<Injection> injection() { return Optional.ofNullable(injection); }

    /** This event in strace's text form, without a pid prefix ({@link TextFormat}'s plain line). */
    @Override
    public String toString() {
        return TextFormat.plain().format(this);
    }

    /** Builds events; used by the tracer and by tests that need hand-made events. */
    public static final class Builder {
        private int pid;
        private int tid;
        private String thread;
        private String syscall;
        private int number = -1;
        /** Always one of {@link CategorySets}' shared unmodifiable sets. */
        private Set<SyscallCategory> categories = CategorySets.none();
        private long[] args = new long[6];
        private List<String> renderedArgs = List.of();
        private String path;
        private String path2;
        private String fdPath;
        private String address;
        private List<String> argv;
        private Long openFlags;
        private Long cloneFlags;
        private Integer socketError;
        private boolean finished = true;
        private long returnValue;
        private String renderedReturn;
        private String errno;
        private long startNanos;
        private long endNanos;
        private boolean harness;
        private Injection injection;

        private Builder() {
        }

        public Builder pid(int pid) { this.pid = pid; return this; }
        public Builder tid(int tid) { this.tid = tid; return this; }
        public Builder thread(String thread) { this.thread = thread; return this; }
        public Builder syscall(String syscall) { this.syscall = syscall; return this; }
        public Builder number(int number) { this.number = number; return this; }
        public Builder categories(Set<SyscallCategory> categories) {
            this.categories = CategorySets.of(categories);
            return this;
        }
        public Builder args(long... args) { this.args = Arrays.copyOf(args, 6); return this; }
        public Builder renderedArgs(List<String> renderedArgs) { this.renderedArgs = renderedArgs; return this; }
        public Builder path(String path) { this.path = path; return this; }
        public Builder path2(String path2) { this.path2 = path2; return this; }
        public Builder fdPath(String fdPath) { this.fdPath = fdPath; return this; }
        public Builder address(String address) { this.address = address; return this; }
        public Builder argv(List<String> argv) { this.argv = argv; return this; }
        public Builder openFlags(Long openFlags) { this.openFlags = openFlags; return this; }
        public Builder cloneFlags(Long cloneFlags) { this.cloneFlags = cloneFlags; return this; }
        public Builder socketError(Integer socketError) { this.socketError = socketError; return this; }
        public Builder finished(boolean finished) { this.finished = finished; return this; }
        public Builder returnValue(long returnValue) { this.returnValue = returnValue; return this; }
        public Builder renderedReturn(String renderedReturn) { this.renderedReturn = renderedReturn; return this; }
        public Builder errno(String errno) { this.errno = errno; return this; }
        public Builder startNanos(long startNanos) { this.startNanos = startNanos; return this; }
        public Builder endNanos(long endNanos) { this.endNanos = endNanos; return this; }
        public Builder harness(boolean harness) { this.harness = harness; return this; }
        public Builder injection(Injection injection) { this.injection = injection; return this; }

        public SyscallEvent build() {
            return new SyscallEvent(this);
        }
    }
}
