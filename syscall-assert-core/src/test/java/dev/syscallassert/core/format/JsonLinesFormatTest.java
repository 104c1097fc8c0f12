package dev.syscallassert.core.format;

import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallCategory;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesFormatTest {

    /** Every field set, with strings that break naive writers: quotes, backslashes, controls, non-BMP, lone surrogate. */
    static SyscallEvent nasty() {
        String path = "/tmp/\"quoted\"\\back\nnew\tline\u0000nul\u0001\u001f\u007f é 漢字 \uD83D\uDE00 \u2028 \uD800";
        return SyscallEvent.builder()
                .pid(1234).tid(1240).thread("worker \"1\"\n")
                .syscall("renameat2").number(316)
                .categories(EnumSet.of(SyscallCategory.FILE, SyscallCategory.STAT_LIKE))
                .args(-100, 0x7ffd12345678L, Long.MIN_VALUE, Long.MAX_VALUE, 1, -1)
                .renderedArgs(List.of("AT_FDCWD", "\"x\\n\"", "AT_FDCWD", "\"" + path + "\"", "RENAME_NOREPLACE"))
                .path(path).path2("/b").fdPath("socket:[42]").address("unix:@ab\u0000c")
                .argv(List.of("ls", "-l", "", "ünï")).openFlags(0x80000L | Long.MIN_VALUE).cloneFlags(0x3d0f00L).socketError(111)
                .finished(true).returnValue(-1).errno("ENOENT")
                .renderedReturn("-1 ENOENT (No such file or directory)")
                .startNanos(1_700_000_000_123_456_789L).endNanos(1_700_000_000_123_999_000L).harness(true)
                .build();
    }

    static void assertSameEvent(SyscallEvent actual, SyscallEvent expected) {
        assertThat(actual.pid()).isEqualTo(expected.pid());
        assertThat(actual.tid()).isEqualTo(expected.tid());
        assertThat(actual.thread()).isEqualTo(expected.thread());
        assertThat(actual.syscall()).isEqualTo(expected.syscall());
        assertThat(actual.number()).isEqualTo(expected.number());
        assertThat(actual.categories()).isEqualTo(expected.categories());
        assertThat(actual.args()).isEqualTo(expected.args());
        assertThat(actual.renderedArgs()).isEqualTo(expected.renderedArgs());
        assertThat(actual.path()).isEqualTo(expected.path());
        assertThat(actual.path2()).isEqualTo(expected.path2());
        assertThat(actual.fdPath()).isEqualTo(expected.fdPath());
        assertThat(actual.address()).isEqualTo(expected.address());
        assertThat(actual.argv()).isEqualTo(expected.argv());
        assertThat(actual.openFlags()).isEqualTo(expected.openFlags());
        assertThat(actual.cloneFlags()).isEqualTo(expected.cloneFlags());
        assertThat(actual.socketError()).isEqualTo(expected.socketError());
        assertThat(actual.finished()).isEqualTo(expected.finished());
        assertThat(actual.returnValue()).isEqualTo(expected.returnValue());
        assertThat(actual.renderedReturn()).isEqualTo(expected.renderedReturn());
        assertThat(actual.errno()).isEqualTo(expected.errno());
        assertThat(actual.startNanos()).isEqualTo(expected.startNanos());
        assertThat(actual.endNanos()).isEqualTo(expected.endNanos());
        assertThat(actual.harness()).isEqualTo(expected.harness());
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    @Test
    void roundTripsEveryFieldOfANastyEvent() {
        SyscallEvent e = nasty();
        String line = JsonLinesFormat.format(e);
        assertThat(line).doesNotContain("\n").matches("\\p{ASCII}*");
        assertThat(line).startsWith("{\"pid\":1234,\"tid\":1240,");
        assertSameEvent(JsonLinesFormat.parse(line), e);
    }

    @Test
    void roundTripsAbsentValuesAndUnfinishedCalls() {
        SyscallEvent e = SyscallEvent.builder().pid(1).tid(1).syscall("exit_group").number(231)
                .renderedArgs(List.of("0")).finished(false).startNanos(5).endNanos(5).build();
        String line = JsonLinesFormat.format(e);
        assertThat(line).doesNotContain("open_flags", "clone_flags", "so_error");
        assertThat(line).contains("\"path\":null", "\"argv\":null", "\"errno\":null", "\"categories\":[]",
                "\"finished\":false", "\"args\":[0,0,0,0,0,0]", "\"rendered_ret\":null");
        SyscallEvent back = JsonLinesFormat.parse(line);
        assertSameEvent(back, e);
        assertThat(back.renderedReturn()).isEqualTo("?");

        SyscallEvent emptyArgv = e.toBuilder().argv(List.of()).build();
        assertThat(JsonLinesFormat.parse(JsonLinesFormat.format(emptyArgv)).argv()).contains(List.of());
    }

    @Test
    void keepsHexReturnsButOmitsDerivableOnes() {
        SyscallEvent mmap = SyscallEvent.builder().syscall("mmap").number(9).returnValue(0x7f3b877dd000L)
                .renderedReturn("0x7f3b877dd000").build();
        assertThat(JsonLinesFormat.format(mmap)).contains("\"rendered_ret\":\"0x7f3b877dd000\"");
        assertThat(JsonLinesFormat.parse(JsonLinesFormat.format(mmap)).renderedReturn()).isEqualTo("0x7f3b877dd000");
        SyscallEvent plain = SyscallEvent.builder().syscall("read").number(0).returnValue(10).renderedReturn("10").build();
        assertThat(JsonLinesFormat.format(plain)).contains("\"rendered_ret\":null");
    }

    @Test
    void writesAndReadsAWholeTraceIncludingHarnessEvents() {
        SyscallEvent a = SyscallEvent.builder().pid(1).tid(2).syscall("openat").number(257).build();
        SyscallEvent b = nasty();
        StringWriter out = new StringWriter();
        JsonLinesFormat.write(SyscallTrace.of(List.of(a, b)), out);
        assertThat(out.toString().split("\n")).hasSize(2);
        SyscallTrace back = JsonLinesFormat.read(new StringReader(out + "\n\n"));
        assertThat(back.allEvents()).hasSize(2);
        assertThat(back.events()).hasSize(1);
        assertSameEvent(back.allEvents().get(1), b);
    }

    @Test
    void readsForeignButValidJson() {
        SyscallEvent e = JsonLinesFormat.parse(" { \"syscall\" : \"close\", \"nr\":3, \"args\":[5],"
                + " \"thread\":\"a\\/b\\u00e9\", \"unknown_key\": {\"x\": [true, false, null]} } ");
        assertThat(e.syscall()).isEqualTo("close");
        assertThat(e.arg(0)).isEqualTo(5);
        assertThat(e.thread()).isEqualTo("a/bé");
        assertThat(e.finished()).isTrue();
    }

    @Test
    void rejectsBrokenInputWithAClearMessage() {
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"syscall\":\"x\",}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 15");
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"nr\":1}"))
                .hasMessageContaining("Missing key \"syscall\"");
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"syscall\":\"x\",\"pid\":\"12\"}"))
                .hasMessageContaining("\"pid\" must be an integer");
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"syscall\":\"x\",\"ret\":1.5}"))
                .hasMessageContaining("only integers");
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"syscall\":\"x\",\"categories\":[\"NOPE\"]}"))
                .hasMessageContaining("Unknown category \"NOPE\"");
        assertThatThrownBy(() -> JsonLinesFormat.parse("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"syscall\":\"a\nb\"}")).hasMessageContaining("control character");
        assertThatThrownBy(() -> JsonLinesFormat.read(new StringReader(
                JsonLinesFormat.format(nasty()) + "\n{\"syscall\":\"x\"")))
                .hasMessageStartingWith("Trace line 2: ").hasMessageContaining("expected ',' or '}'");
        assertThatThrownBy(() -> JsonLinesFormat.parse("{\"syscall\":\"x\",\"args\":[99999999999999999999]}"))
                .hasMessageContaining("not a 64-bit integer");
    }

    @Test
    void everyCharacterRoundTrips() {
        char[] all = new char[0x10000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (char) i;
        }
        String s = new String(all);
        SyscallEvent e = SyscallEvent.builder().syscall("open").path(s).argv(Arrays.asList(s, s)).build();
        SyscallEvent back = JsonLinesFormat.parse(JsonLinesFormat.format(e));
        assertThat(back.path()).contains(s);
        assertThat(back.argv()).contains(List.of(s, s));
        assertThat(back.categories()).isEqualTo(Set.of());
    }

    static SignalEvent signal() {
        return SignalEvent.builder().pid(1234).tid(1240).thread("worker \"1\"").signal(17, "SIGCHLD")
                .code(1, "CLD_EXITED").senderPid(4242).senderUid(0).childStatus(3)
                .siginfo("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4242, si_uid=0, si_status=3, si_utime=0, "
                        + "si_stime=0}")
                .timeNanos(1_700_000_000_123_456_789L).harness(true).build();
    }

    @Test
    void signalsAndExitsAreLinesOfTheirOwnWithoutASyscallKey() {
        SignalEvent fault = SignalEvent.builder().pid(1).tid(1).signal(11, "SIGSEGV").code(1, "SEGV_MAPERR")
                .faultAddress(0L).siginfo("{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}").timeNanos(9).build();
        ProcessExit exited = ProcessExit.exited(1234, 1240, "worker", 3, 77);
        ProcessExit killed = ProcessExit.killed(1, 1, "", 11, "SIGSEGV", true, 78).harness(true);
        for (TraceEvent e : List.of(signal(), fault, exited, killed)) {
            String line = JsonLinesFormat.format(e);
            assertThat(line).doesNotContain("\"syscall\"").startsWith("{\"pid\":");
            TraceEvent back = JsonLinesFormat.parseEvent(line);
            assertThat(back).usingRecursiveComparison().isEqualTo(e);
            assertThat(back.toString()).isEqualTo(e.toString());
        }
        assertThat(JsonLinesFormat.format(signal())).isEqualTo("{\"pid\":1234,\"tid\":1240,\"thread\":\"worker \\\"1\\\"\","
                + "\"signal\":\"SIGCHLD\",\"signo\":17,\"code\":\"CLD_EXITED\",\"code_nr\":1,\"sender_pid\":4242,"
                + "\"sender_uid\":0,\"child_status\":3,\"siginfo\":\"{si_signo=SIGCHLD, si_code=CLD_EXITED, "
                + "si_pid=4242, si_uid=0, si_status=3, si_utime=0, si_stime=0}\",\"time_ns\":1700000000123456789,"
                + "\"harness\":true}");
        assertThat(JsonLinesFormat.format(exited)).isEqualTo("{\"pid\":1234,\"tid\":1240,\"thread\":\"worker\","
                + "\"exit\":\"exited\",\"exit_code\":3,\"time_ns\":77,\"harness\":false}");
        assertThat(JsonLinesFormat.format(killed)).isEqualTo("{\"pid\":1,\"tid\":1,\"thread\":\"\","
                + "\"exit\":\"killed\",\"killed_by\":\"SIGSEGV\",\"signo\":11,\"core_dumped\":true,\"time_ns\":78,"
                + "\"harness\":true}");
    }

    @Test
    void aTraceKeepsItsTimelineThroughAFile() {
        SyscallEvent wait = SyscallEvent.builder().pid(1).tid(1).syscall("wait4").number(61).returnValue(2).build();
        SyscallEvent sigreturn = SyscallEvent.builder().pid(1).tid(1).syscall("rt_sigreturn").number(15).build();
        List<TraceEvent> timeline = List.of(wait, ProcessExit.exited(2, 2, "child", 0, 5), signal(), sigreturn);
        StringWriter out = new StringWriter();
        JsonLinesFormat.write(SyscallTrace.ofTimeline(timeline), out);
        SyscallTrace back = JsonLinesFormat.read(new StringReader(out.toString()));
        assertThat(back.allTimeline()).extracting(Object::toString)
                .containsExactlyElementsOf(timeline.stream().map(Object::toString).collect(Collectors.toList()));
        assertThat(back.allEvents()).hasSize(2);
        assertThat(back.events()).hasSize(2);
        assertThat(back.signals()).isEmpty(); // the signal is marked harness
        assertThat(back.allSignals()).hasSize(1);
        assertThat(back.exits()).hasSize(1);
    }

    @Test
    void aSignalLineIsNoSyscallAndABrokenOneSaysWhy() {
        String line = JsonLinesFormat.format(signal());
        assertThatThrownBy(() -> JsonLinesFormat.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a syscall but a signal line: ");
        assertThatThrownBy(() -> JsonLinesFormat.parseEvent("{\"signal\":\"SIGHUP\",\"signo\":\"1\"}"))
                .hasMessageContaining("Key \"signo\" must be an integer, got 1 (signal SIGHUP)");
        assertThatThrownBy(() -> JsonLinesFormat.parseEvent("{\"signal\":\"SIGHUP\",\"code\":\"SI_USER\"}"))
                .hasMessageContaining("Missing key \"siginfo\"");
        assertThatThrownBy(() -> JsonLinesFormat.parseEvent("{\"exit\":\"vanished\"}"))
                .hasMessageContaining("Key \"exit\" must be \"exited\" or \"killed\", got vanished (exit vanished)");
    }
}
