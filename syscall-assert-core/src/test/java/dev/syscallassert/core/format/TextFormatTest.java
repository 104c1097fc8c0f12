package dev.syscallassert.core.format;

import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextFormatTest {

    private static final SyscallEvent OPEN = SyscallEvent.builder().pid(1234).tid(1234).syscall("openat").number(257)
            .renderedArgs(List.of("AT_FDCWD", "\"/etc/hosts\"", "O_RDONLY|O_CLOEXEC")).returnValue(3).build();
    private static final SyscallEvent MISSING = SyscallEvent.builder().pid(1234).tid(1240).syscall("openat").number(257)
            .renderedArgs(List.of("AT_FDCWD", "\"/nope\"", "O_RDONLY")).returnValue(-1).errno("ENOENT")
            .renderedReturn("-1 ENOENT (No such file or directory)").build();
    private static final SyscallEvent EXIT = SyscallEvent.builder().pid(1234).tid(1240).syscall("exit_group")
            .number(231).renderedArgs(List.of("0")).finished(false).build();

    @Test
    void rendersLikeStrace() {
        TextFormat text = TextFormat.plain();
        assertThat(text.format(OPEN)).isEqualTo("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3");
        assertThat(text.format(MISSING))
                .isEqualTo("openat(AT_FDCWD, \"/nope\", O_RDONLY) = -1 ENOENT (No such file or directory)");
        assertThat(text.format(EXIT)).isEqualTo("exit_group(0) = ?");
        assertThat(text.withPidPrefix(TextFormat.PidPrefix.ALWAYS).format(OPEN))
                .isEqualTo("[pid  1234] openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3");
    }

    @Test
    void prefixesOnlyWhenSeveralThreadsAppearUnlessTold() {
        assertThat(TextFormat.plain().format(SyscallTrace.of(List.of(OPEN, OPEN))))
                .isEqualTo("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3\n".repeat(2));
        StringWriter out = new StringWriter();
        TextFormat.plain().write(SyscallTrace.of(List.of(OPEN, EXIT)), out);
        assertThat(out.toString()).isEqualTo(
                "[pid  1234] openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3\n"
                        + "[pid  1240] exit_group(0) = ?\n");
        assertThat(TextFormat.plain().withPidPrefix(TextFormat.PidPrefix.NEVER).format(SyscallTrace.of(List.of(OPEN, EXIT))))
                .doesNotContain("[pid");
    }

    /** strace 6.1's print_event_exit: what the decoder printed at the entry, then " <unfinished ...>" if it had more. */
    @Test
    void aCallThatNeverReturnedShowsWhatStracePrintedAtItsEntry() {
        TextFormat text = TextFormat.plain().withReturnColumn(40);
        assertThat(text.format(unfinished("read", "3", "0x7ffd0000", "16")))
                .isEqualTo("read(3,  <unfinished ...>)              = ?");
        assertThat(text.format(unfinished("wait4", "1240", "0x7ffd0000", "0", "NULL")))
                .isEqualTo("wait4(1240,  <unfinished ...>)          = ?");
        assertThat(text.format(unfinished("clock_nanosleep", "CLOCK_REALTIME", "0", "{tv_sec=100, tv_nsec=0}",
                "0x7ffd0000"))).isEqualTo("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=100, tv_nsec=0},  "
                        + "<unfinished ...>) = ?");
        assertThat(text.format(unfinished("poll", "[{fd=3, events=POLLIN}]", "1", "-1")))
                .isEqualTo("poll([{fd=3, events=POLLIN}], 1, -1 <unfinished ...>) = ?");
        assertThat(text.format(unfinished("getrandom", "0x7ffd0000", "16", "0")))
                .isEqualTo("getrandom( <unfinished ...>)            = ?");
        // decoded at the entry: the whole call
        assertThat(text.format(unfinished("pause"))).isEqualTo("pause()                                 = ?");
        assertThat(text.format(EXIT)).isEqualTo("exit_group(0)                           = ?");
        // accept's address comes at the exit only when its length could be read at the entry
        SyscallEvent accept = unfinished("accept", "3", "0x7ffd0000", "[16]").toBuilder()
                .args(new long[] {3, 0x7ffd0000L, 0x7ffd0010L, 0, 0, 0}).build();
        assertThat(text.format(accept)).isEqualTo("accept(3,  <unfinished ...>)            = ?");
        assertThat(text.format(unfinished("accept", "3", "NULL", "NULL")))
                .isEqualTo("accept(3, NULL, NULL)                   = ?");
        // a call that returned is never cut
        assertThat(text.format(unfinished("read", "3", "\"ab\"", "16").toBuilder().finished(true).returnValue(2)
                .build())).isEqualTo("read(3, \"ab\", 16)                       = 2");
    }

    private static SyscallEvent unfinished(String name, String... args) {
        return SyscallEvent.builder().pid(1234).tid(1240).syscall(name).number(0).renderedArgs(List.of(args))
                .finished(false).build();
    }

    @Test
    void colours() {
        String line = TextFormat.plain().withColour(true).format(MISSING);
        assertThat(line).isEqualTo("\u001b[1mopenat\u001b[0m(AT_FDCWD, \u001b[32m\"/nope\"\u001b[0m, O_RDONLY) = "
                + "\u001b[31m-1 ENOENT (No such file or directory)\u001b[0m");
        assertThat(TextFormat.plain().withColour(true).format(OPEN)).doesNotContain("\u001b[31m");
    }

    @Test
    void signalsAndExitsAreStracesLinesInTheirPlace() {
        SignalEvent alarm = SignalEvent.builder().pid(1234).tid(1234).signal(14, "SIGALRM").code(128, "SI_KERNEL")
                .siginfo("{si_signo=SIGALRM, si_code=SI_KERNEL}").build();
        ProcessExit child = ProcessExit.exited(1240, 1240, "sh", 3, 0);
        ProcessExit main = ProcessExit.killed(1234, 1234, "sh", 9, "SIGKILL", false, 0);
        assertThat(TextFormat.plain().format(alarm)).isEqualTo("--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---");
        assertThat(TextFormat.plain().format(child, true)).isEqualTo("[pid  1240] +++ exited with 3 +++");
        assertThat(TextFormat.plain().format(ProcessExit.killed(1, 1, "", 11, "SIGSEGV", true, 0), false))
                .isEqualTo("+++ killed by SIGSEGV (core dumped) +++");
        assertThat(TextFormat.plain().format(SyscallTrace.ofTimeline(List.of(OPEN, alarm, child, main)))).isEqualTo(
                "[pid  1234] openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3\n"
                        + "[pid  1234] --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n"
                        + "[pid  1240] +++ exited with 3 +++\n"
                        + "[pid  1234] +++ killed by SIGKILL +++\n");
        assertThat(TextFormat.plain().format(SyscallTrace.ofTimeline(List.of(OPEN, alarm))))
                .isEqualTo("openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC) = 3\n"
                        + "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n");
    }
}
