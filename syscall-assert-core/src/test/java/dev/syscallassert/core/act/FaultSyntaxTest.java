package dev.syscallassert.core.act;

import dev.syscallassert.Fault;
import dev.syscallassert.UnknownSyscallException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** strace's -e inject= syntax, our predicates, and every mistake reported before anything runs. */
class FaultSyntaxTest {

    @Test
    void straceSyntaxBothWays() {
        for (String s : new String[] {"write:error=ENOSPC:when=3", "read:retval=0", "write:error=EIO:when=2+",
                "write:error=EIO:when=2+3", "write:error=EIO:when=2..5", "write:error=EIO:when=2..10+3",
                "fsync:delay_enter=200000us", "write:signal=SIGUSR1:delay_exit=5us",
                "write:error=ENOSPC:when=3:path=glob:**/journal.log", "connect:error=ECONNREFUSED:address=[::1]:*",
                "read:short=0.5:path=/data/x", "write:error=EIO:probability=0.25:seed=7"}) {
            assertThat(Fault.parse(s)).hasToString(s);
        }
        Fault f = Fault.parse("write:error=ENOSPC:when=3");
        assertThat(f.first()).isEqualTo(3);
        assertThat(f.last()).isEqualTo(3);
        assertThat(Fault.parse("fsync:delay_enter=200ms").delayBefore()).isEqualTo(Duration.ofMillis(200));
        assertThat(Fault.parse("fsync:delay_enter=2s").delayBefore()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Fault.parse("fsync:delay_enter=7").delayBefore()).isEqualTo(Duration.ofNanos(7000));
        assertThat(Fault.parse("connect:error=ECONNREFUSED:address=127.0.0.1:5432").address())
                .contains("127.0.0.1:5432");
        assertThat(Fault.on("write").nth(3).error("ENOSPC")).isEqualTo(f);
    }

    @Test
    void mistakesAreClearErrors() {
        assertThatThrownBy(() -> Fault.parse("write:error=ENOSCP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown errno \"ENOSCP\"; did you mean ENOSPC, ENOSR, ENOSTR?");
        assertThatThrownBy(() -> Fault.parse("wrtie:error=EIO")).isInstanceOf(UnknownSyscallException.class)
                .hasMessageContaining("write");
        assertThatThrownBy(() -> Fault.on("getpid").path("glob:**")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path=\"glob:**\" on getpid: that syscall takes neither a path nor a file descriptor, so "
                        + "no call of it has a path");
        assertThatThrownBy(() -> Fault.on("write").probability(1.5, 1)).hasMessage(
                "A probability is between 0 and 1; was 1.5");
        assertThatThrownBy(() -> Fault.on("write").probability(-0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.on("openat").shortBy(0.5)).hasMessageContaining("only pread64, pwrite64, "
                + "read, recvfrom, sendto, write have a byte count to shorten");
        assertThatThrownBy(() -> Fault.on("write").address("127.0.0.1:1")).hasMessageContaining("no network call");
        assertThatThrownBy(() -> Fault.on("connect").address("localhost:80")).hasMessageContaining(
                "Not a socket address pattern");
        assertThatThrownBy(() -> Fault.parse("write:when=3")).hasMessageContaining("has no effect");
        assertThatThrownBy(() -> Fault.parse("write:error=EIO:short=0.5")).hasMessageContaining("choose one");
        assertThatThrownBy(() -> Fault.parse("write:error=EIO:poke_enter=@arg1=00")).hasMessageContaining(
                "Unknown inject option \"poke_enter\"");
        assertThatThrownBy(() -> Fault.parse("write:signal=SIGFOO")).hasMessageContaining("Unknown signal");
        assertThatThrownBy(() -> Fault.parse("write:error=EIO:when=5..2")).hasMessageContaining("before the first");
    }

    @Test
    void addressPatterns() {
        assertThat(AddressPattern.parse("127.0.0.1:*").matches("127.0.0.1:5432")).isTrue();
        assertThat(AddressPattern.parse("127.0.0.1:*").matches("127.0.0.2:5432")).isFalse();
        assertThat(AddressPattern.parse("[::1]:80").matches("[::1]:80")).isTrue();
        assertThat(AddressPattern.parse("[0:0::1]:80").matches("[::1]:80")).isTrue();
        assertThat(AddressPattern.parse("[::ffff:127.0.0.1]:80").matches("127.0.0.1:80")).isTrue();
        assertThat(AddressPattern.parse("*:53").matches("10.0.0.1:53")).isTrue();
        assertThat(AddressPattern.parse("*:53").matches("10.0.0.1:54")).isFalse();
        assertThat(AddressPattern.parse("unix:/run/x.sock").matches("unix:/run/x.sock")).isTrue();
        assertThat(AddressPattern.parse("127.0.0.1:*").matches("unix:/run/x.sock")).isFalse();
    }
}
