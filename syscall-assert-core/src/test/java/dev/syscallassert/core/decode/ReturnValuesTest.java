package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnValuesTest {

    @Test
    void errnoNamesAndTextsComeFromTheGeneratedTable() {
        assertThat(ReturnValues.errnoName(2)).isEqualTo("ENOENT");
        assertThat(ReturnValues.errnoName(11)).isEqualTo("EAGAIN");
        assertThat(ReturnValues.errnoName(95)).isEqualTo("EOPNOTSUPP");
        assertThat(ReturnValues.errnoName(4242)).isEqualTo("E4242");
        assertThat(ReturnValues.error(2)).isEqualTo("-1 ENOENT (No such file or directory)");
        assertThat(ReturnValues.error(9)).isEqualTo("-1 EBADF (Bad file descriptor)");
        assertThat(ReturnValues.error(4242)).isEqualTo("-1 E4242 (Unknown error 4242)");
    }

    @Test
    void restartCodesAreNotErrors() {
        assertThat(ReturnValues.isRestart(512)).isTrue();
        assertThat(ReturnValues.isRestart(2)).isFalse();
        assertThat(ReturnValues.restartName(516)).isEqualTo("ERESTART_RESTARTBLOCK");
        assertThat(ReturnValues.restart(513)).isEqualTo("? ERESTARTNOINTR (To be restarted)");
        // strace's words for each code (its syscall.c), as strace 6.1 printed them for a read, a pause() and a
        // clock_nanosleep interrupted by a handled SIGALRM
        assertThat(ReturnValues.restart(512)).isEqualTo("? ERESTARTSYS (To be restarted if SA_RESTART is set)");
        assertThat(ReturnValues.restart(514)).isEqualTo("? ERESTARTNOHAND (To be restarted if no handler)");
        assertThat(ReturnValues.restart(516)).isEqualTo("? ERESTART_RESTARTBLOCK (Interrupted by signal)");
    }

    @Test
    void eventsNobodyDecodedShowWhatTheyKnow() {
        assertThat(ReturnValues.derived(false, 0, null)).isEqualTo("?");
        assertThat(ReturnValues.derived(true, -2, "ENOENT")).isEqualTo("-1 ENOENT");
        assertThat(ReturnValues.derived(true, 12011, null)).isEqualTo("12011");
    }

    @Test
    void successfulReturnsInTheirDeclaredFormat() {
        assertThat(ReturnValues.success(3, ReturnFormat.DECIMAL)).isEqualTo("3");
        assertThat(ReturnValues.success(-1, ReturnFormat.DECIMAL)).isEqualTo("-1");
        assertThat(ReturnValues.success(0x7f3b877dd000L, ReturnFormat.HEX)).isEqualTo("0x7f3b877dd000");
        assertThat(ReturnValues.success(0, ReturnFormat.HEX)).isEqualTo("0");
        // umask: strace 6.1 prints "umask(000) = 022"
        assertThat(ReturnValues.success(0, ReturnFormat.OCTAL)).isEqualTo("000");
        assertThat(ReturnValues.success(18, ReturnFormat.OCTAL)).isEqualTo("022");
        assertThat(ReturnValues.success(0777, ReturnFormat.OCTAL)).isEqualTo("0777");
    }
}
