package dev.syscallassert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteStringsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** The JDK's own strict decoder: null where the bytes are not well-formed UTF-8. */
    private static String strictUtf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Test
    void validUtf8DecodesAsUsualAndEachBadByteBecomesOneLoneSurrogate() {
        assertThat(ByteStrings.decode("été 漢字 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("été 漢字 \uD83D\uDE00");
        assertThat(ByteStrings.decode("bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("bad\uDCFF\uDCFEutf8");
        assertThat(ByteStrings.decode(bytes(0xC0, 0x80))).isEqualTo("\uDCC0\uDC80");            // overlong NUL
        assertThat(ByteStrings.decode(bytes(0xED, 0xA0, 0x80))).isEqualTo("\uDCED\uDCA0\uDC80"); // an encoded surrogate
        assertThat(ByteStrings.decode(bytes(0xF4, 0x90, 0x80, 0x80))).hasSize(4);              // above U+10FFFF
        assertThat(ByteStrings.decode(bytes('a', 0xE2, 0x82))).isEqualTo("a\uDCE2\uDC82");    // cut short
        assertThat(ByteStrings.decode(bytes(0xE2, 0x82, 0xAC, 0x80))).isEqualTo("€\uDC80");
    }

    @Test
    void everyByteStringOfUpToTwoBytesAndManyLongerOnesRoundTripAndAgreeWithTheJdkWhereValid() {
        for (int a = 0; a < 256; a++) {
            check(bytes(a));
            for (int b = 0; b < 256; b++) {
                check(bytes(a, b));
            }
        }
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[1 + random.nextInt(9)];
            for (int i = 0; i < b.length; i++) {
                // mostly the bytes that start or continue multi-byte sequences, so that near-valid ones are common
                b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x80 + random.nextInt(0x78));
            }
            check(b);
        }
    }

    private static void check(byte[] b) {
        String s = ByteStrings.decode(b);
        assertThat(ByteStrings.encode(s)).as("round trip of %s", java.util.Arrays.toString(b)).isEqualTo(b);
        String jdk = strictUtf8(b);
        if (jdk != null) {
            assertThat(s).isEqualTo(jdk);
        } else {
            assertThat(s.chars().anyMatch(c -> c >= 0xDC80 && c <= 0xDCFF)).isTrue();
        }
    }

    @Test
    void aLoneSurrogateThatNoByteStandsForIsRefused() {
        assertThatThrownBy(() -> ByteStrings.encode("a\uD800b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a byte string: the lone surrogate U+D800 at index 1 stands for no bytes "
                        + "(only U+DC80..U+DCFF do, one byte each)");
        assertThatThrownBy(() -> ByteStrings.encode("\uDC7F")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ByteStrings.encode("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The JDK's Files.list keeps such a name's bytes in its Path: of(Path) and path(String) meet it there, whatever
     * sun.jnu.encoding is (under LANG unset it is ASCII, and even "été" is a name the JDK's strings cannot hold).
     */
    @Test
    void aPathFromFilesListAndTheStringForTheSameBytesNameTheSameFile(@TempDir Path dir) throws IOException {
        String bad = ByteStrings.decode("bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bad).isEqualTo("bad\uDCFF\uDCFEutf8");
        Files.writeString(ByteStrings.path(dir + "/" + bad), "x");
        Files.writeString(ByteStrings.path(dir + "/été"), "y");
        List<Path> listed;
        try (Stream<Path> s = Files.list(dir)) {
            listed = s.collect(Collectors.toList());
        }
        assertThat(listed.stream().map(ByteStrings::of)).containsExactlyInAnyOrder(dir + "/" + bad, dir + "/été");
        for (Path p : listed) {
            assertThat(ByteStrings.path(ByteStrings.of(p))).isEqualTo(p);
            assertThat(dir.relativize(p)).satisfies(r -> assertThat(ByteStrings.of(r)).isIn(bad, "été"));
        }
        Path badPath = listed.stream().filter(p -> ByteStrings.of(p).endsWith(bad)).findFirst().orElseThrow();
        assertThat(badPath.toString()).endsWith("bad\uFFFD\uFFFDutf8"); // the JDK's own text for it...
        assertThat(Files.exists(ByteStrings.path(badPath.toString()))).isFalse(); // ...names another file
        assertThat(ByteStrings.of(Path.of("/"))).isEqualTo("/");
    }

    @Test
    void pathRefusesWhatNamesNoFile() {
        assertThatThrownBy(() -> ByteStrings.path("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteStrings.path("/a\uD800")).isInstanceOf(IllegalArgumentException.class);
    }
}
