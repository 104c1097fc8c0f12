package dev.syscallassert.assertj;

import dev.syscallassert.ByteStrings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the DSL maps what a user gives (a String, a Path) onto what an event carries, for names that are not UTF-8. */
class FilePathsTest {

    @Test
    void aPathFromFilesListAndTheStringForTheSameBytesMatchTheEventsPath(@TempDir Path dir) throws IOException {
        String event = dir + "/" + ByteStrings.decode("bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(ByteStrings.path(event), "x");
        Path listed;
        try (Stream<Path> s = Files.list(dir)) {
            listed = s.findFirst().orElseThrow();
        }
        Path actual = FilePaths.actual(event);
        assertThat(actual).isNotNull();
        assertThat(FilePaths.expected(listed)).isEqualTo(actual);
        assertThat(FilePaths.expected(event)).isEqualTo(actual);
        assertThat(FilePaths.text(actual)).isEqualTo(event);
        // the JDK's text for that Path (U+FFFD for each bad byte) is another name
        assertThat(FilePaths.expected(listed.toString())).isNotEqualTo(actual);
        assertThat(FilePaths.isUnder(actual, FilePaths.expected(dir.toString()))).isTrue();
    }

    @Test
    void relativeStringsAndPathsAreTakenAgainstTheWorkingDirectory() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(FilePaths.expected("a/../b")).isEqualTo(cwd.resolve("b"));
        assertThat(FilePaths.expected(Path.of("a/../b"))).isEqualTo(cwd.resolve("b"));
        String bad = ByteStrings.decode(new byte[] {'x', (byte) 0xff});
        assertThat(FilePaths.text(FilePaths.expected(bad))).isEqualTo(ByteStrings.of(cwd) + "/" + bad);
    }

    @Test
    void whatNamesNoFileIsRefusedAndAnEventTextThatIsNoPathIsNone() {
        assertThatThrownBy(() -> FilePaths.expected("/a\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a path: \"/a");
        assertThatThrownBy(() -> FilePaths.expected(Path.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(FilePaths.actual("socket:[42]")).isNull();
        assertThat(FilePaths.actual("/a\uD800")).isNull();
    }
}
