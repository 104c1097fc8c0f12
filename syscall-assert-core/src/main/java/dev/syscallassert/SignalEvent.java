package dev.syscallassert;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A signal delivered to a traced thread, as the kernel described it to the tracer ({@code siginfo_t}, read with
 * PTRACE_GETSIGINFO at the signal-delivery stop) and as strace prints it:
 * {@code --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4242, si_uid=0, si_status=0, si_utime=0,
 * si_stime=0} ---}. It explains what follows it in the trace: a handler's {@code rt_sigreturn}, a call that returned
 * {@code ERESTARTNOHAND} or {@code EINTR}, the end of a process.
 *
 * <p>A signal is not a system call: it is never among {@link SyscallTrace#events()} and no syscall check sees it. It
 * has its place in {@link SyscallTrace#timeline()} (where the tracer saw it), is listed by
 * {@link SyscallTrace#signals()}, and is printed, written to JSON Lines and reported with the calls. Delivered means
 * the kernel was about to run the signal's action (a handler, the default action, or nothing for an ignored signal):
 * a blocked signal is delivered when it is unblocked. Immutable.
 */
public final class SignalEvent implements TraceEvent {

    private final int pid;
    private final int tid;
    private final String thread;
    private final int signalNumber;
    private final String signal;
    private final int codeNumber;
    private final String code;
    private final Integer senderPid;
    private final Integer senderUid;
    private final Integer childStatus;
    private final Long faultAddress;
    private final Long value;
    private final String siginfo;
    private final long timeNanos;
    private final boolean harness;

    private SignalEvent(Builder b) {
        this.pid = b.pid;
        this.tid = b.tid;
        this.thread = b.thread == null ? "" : b.thread;
        this.signalNumber = b.signalNumber;
        this.signal = Objects.requireNonNull(b.signal, "signal");
        this.codeNumber = b.codeNumber;
        this.code = Objects.requireNonNull(b.code, "code");
        this.senderPid = b.senderPid;
        this.senderUid = b.senderUid;
        this.childStatus = b.childStatus;
        this.faultAddress = b.faultAddress;
        this.value = b.value;
        this.siginfo = Objects.requireNonNull(b.siginfo, "siginfo");
        this.timeNanos = b.timeNanos;
        this.harness = b.harness;
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
        b.signalNumber = signalNumber;
        b.signal = signal;
        b.codeNumber = codeNumber;
        b.code = code;
        b.senderPid = senderPid;
        b.senderUid = senderUid;
        b.childStatus = childStatus;
        b.faultAddress = faultAddress;
        b.value = value;
        b.siginfo = siginfo;
        b.timeNanos = timeNanos;
        b.harness = harness;
        return b;
    }

    /** The process (thread group) the signal was delivered in. */
    @Override
    public int pid() { return pid; }

    /**
     * The thread it was delivered to. For a signal sent to the process (kill, a child's SIGCHLD) that is whichever
     * thread the kernel chose, one that does not block it; a fault or a tgkill goes to one thread.
     */
    @Override
    public int tid() { return tid; }

    /** That thread's name ({@code /proc/TID/comm}) when the signal was delivered. */
    @Override
    public String thread() { return thread; }

    /** The signal's name as strace prints it: {@code "SIGTERM"}, real-time ones {@code "SIGRT_2"}. */
    public String signal() { return signal; }

    /** The signal's number. */
    public int signalNumber() { return signalNumber; }

    /**
     * Why it was sent, siginfo's {@code si_code} as strace names it: {@code "SI_USER"} (kill), {@code "SI_TKILL"}
     * (tgkill, raise, abort), {@code "SI_QUEUE"} (sigqueue), {@code "SI_TIMER"}, {@code "SI_KERNEL"} (alarm, a
     * terminal), {@code "CLD_EXITED"}, {@code "SEGV_MAPERR"}..., or the number in hex when it has no name.
     */
    public String code() { return code; }

    /** siginfo's {@code si_code} as a number. */
    public int codeNumber() { return codeNumber; }

    /**
     * True when a process raised it (siginfo's code is SI_USER, SI_TKILL, SI_QUEUE, a timer or message queue it set
     * up: {@code si_code <= 0}), false when the kernel did (a fault, a child's change of state, an alarm).
     */
    public boolean sentByProcess() { return codeNumber <= 0; }

    /**
     * The process that sent it (kill, tgkill, sigqueue), or for SIGCHLD the child whose state changed: siginfo's
     * {@code si_pid}, present when strace prints it.
     */
    public OptionalInt senderPid() { return senderPid == null ? OptionalInt.empty() : OptionalInt.of(senderPid); }

    /** The real user id of the sender (siginfo's {@code si_uid}), present with {@link #senderPid()}. */
    public OptionalInt senderUid() { return senderUid == null ? OptionalInt.empty() : OptionalInt.of(senderUid); }

    /**
     * For a SIGCHLD the kernel sent: the child's exit code ({@code CLD_EXITED}) or the signal that killed, dumped,
     * stopped or continued it (its number).
     */
    public OptionalInt childStatus() {
        return childStatus == null ? OptionalInt.empty() : OptionalInt.of(childStatus);
    }

    /**
     * For a fault the kernel raised (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP with a code above 0): the faulting
     * address or instruction ({@code si_addr}); 0 is a NULL dereference.
     */
    public OptionalLong faultAddress() {
        return faultAddress == null ? OptionalLong.empty() : OptionalLong.of(faultAddress);
    }

    /** The value sent with it (sigqueue's, a timer's {@code sigev_value}), when strace prints one. */
    public OptionalLong value() { return value == null ? OptionalLong.empty() : OptionalLong.of(value); }

    /** The siginfo as strace prints it: {@code {si_signo=SIGUSR1, si_code=SI_USER, si_pid=4242, si_uid=0}}. */
    public String siginfo() { return siginfo; }

    /** Wall-clock time of the delivery stop, in nanoseconds since the epoch. */
    public long timeNanos() { return timeNanos; }

    @Override
    public boolean harness() { return harness; }

    /** strace's line without a pid prefix: {@code --- SIGUSR1 {si_signo=SIGUSR1, ...} ---}. */
    @Override
    public String toString() {
        return "--- " + signal + " " + siginfo + " ---";
    }

    /** Builds signal events; used by the tracer, the JSON Lines reader and tests that need hand-made ones. */
    public static final class Builder {
        private int pid;
        private int tid;
        private String thread;
        private int signalNumber;
        private String signal;
        private int codeNumber;
        private String code;
        private Integer senderPid;
        private Integer senderUid;
        private Integer childStatus;
        private Long faultAddress;
        private Long value;
        private String siginfo;
        private long timeNanos;
        private boolean harness;

        private Builder() {
        }

        public Builder pid(int pid) { this.pid = pid; return this; }
        public Builder tid(int tid) { this.tid = tid; return this; }
        public Builder thread(String thread) { this.thread = thread; return this; }
        public Builder signal(int number, String name) { this.signalNumber = number; this.signal = name; return this; }
        public Builder code(int number, String name) { this.codeNumber = number; this.code = name; return this; }
        public Builder senderPid(Integer pid) { this.senderPid = pid; return this; }
        public Builder senderUid(Integer uid) { this.senderUid = uid; return this; }
        public Builder childStatus(Integer status) { this.childStatus = status; return this; }
        public Builder faultAddress(Long address) { this.faultAddress = address; return this; }
        public Builder value(Long value) { this.value = value; return this; }
        public Builder siginfo(String siginfo) { this.siginfo = siginfo; return this; }
        public Builder timeNanos(long timeNanos) { this.timeNanos = timeNanos; return this; }
        public Builder harness(boolean harness) { this.harness = harness; return this; }

        public SignalEvent build() {
            return new SignalEvent(this);
        }
    }
}
