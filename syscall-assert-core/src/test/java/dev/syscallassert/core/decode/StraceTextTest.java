package dev.syscallassert.core.decode;

import dev.syscallassert.ByteStrings;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** strace 6.1's string quoting (util.c string_quote, the default style), checked against its real output. */
class StraceTextTest {

    private static String quote(byte[] b) {
        return StraceText.quote(b, b.length, false);
    }

    /**
     * strace -e trace=openat cat "$(printf 'bad\377\376utf8')" été $'a\tb"\\\001\0339x\177', LANG unset and C.UTF-8
     * alike: {@code "bad\377\376utf8"}, {@code "\303\251t\303\251"}, {@code "a\tb\"\\\1\339x\177"}.
     */
    @Test
    void bytesAbove0x7fAreOctalWhateverTheLocaleAndTheLongFormIsOnlyBeforeAnOctalDigit() {
        assertThat(quote("bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("\"bad\\377\\376utf8\"");
        assertThat(quote("été".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"\\303\\251t\\303\\251\"");
        assertThat(quote("a\tb\"\\\001\0339x\177".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("\"a\\tb\\\"\\\\\\1\\339x\\177\"");
        assertThat(quote(new byte[] {0x1b, '7'})).isEqualTo("\"\\0337\"");
        assertThat(quote(new byte[] {0x1b, '8'})).isEqualTo("\"\\338\"");
        assertThat(quote(new byte[] {0, '0'})).isEqualTo("\"\\0000\"");
    }

    @Test
    void aStringReadFromTheTraceeIsQuotedFromItsOwnBytes() {
        String name = ByteStrings.decode("bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(StraceText.quote(name, false)).isEqualTo("\"bad\\377\\376utf8\"");
        assertThat(StraceText.quote("été", true)).isEqualTo("\"\\303\\251t\\303\\251\"...");
    }

    /**
     * Through the decoders as the tracer runs them: the path argument, execve's argv and a unix socket's address carry
     * the name's bytes (one lone surrogate per bad byte), and the rendering prints those bytes.
     */
    @Test
    void aNameThatIsNotUtf8IsRenderedAndRecordedWithItsBytes() {
        SyscallTable table = SyscallTable.current();
        SyscallDecoders decoders = new SyscallDecoders(table);
        FakeTracee t = new FakeTracee().cwd("/tmp/dec");
        byte[] bad = "bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1);
        String badText = "bad\uDCFF\uDCFEutf8";

        long[] open = {Constants.value("at_fdcwd", "AT_FDCWD"), t.rawString(bad), 0};
        DecodedCall d = decoders.decodeEntry(table.number("openat").orElseThrow(), open, t);
        assertThat(d.renderedArgs[1]).isEqualTo("\"bad\\377\\376utf8\"");
        assertThat(d.path).isEqualTo("/tmp/dec/" + badText);

        long[] exec = {t.rawString(bad), t.pointers(t.rawString(bad), t.string("x")), 0};
        d = decoders.decodeEntry(table.number("execve").orElseThrow(), exec, t);
        assertThat(d.renderedArgs[1]).isEqualTo("[\"bad\\377\\376utf8\", \"x\"]");
        assertThat(d.argv).containsExactly(badText, "x");
    }
}
