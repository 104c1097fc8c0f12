package dev.syscallassert;

import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.format.TextFormat;
import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.syscallassert.assertj.SyscallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file whose name is not UTF-8 ({@code bad\377\376utf8}), made and read by a real Python program: the event, the
 * JSON Lines round trip and the DSL carry its very bytes, and its text line is strace's, byte for byte. Also a name
 * that is UTF-8 ({@code été}), which strace prints as octal bytes too.
 */
class NonUtf8FileNameEndToEndTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final byte[] BAD = "bad\377\376utf8".getBytes(StandardCharsets.ISO_8859_1);
    private static final String PROGRAM = "import sys\n"
            + "d = sys.argv[1].encode()\n"
            + "for name in (b'bad\\xff\\xfeutf8', 'été'.encode()):\n"
            + "    with open(d + b'/' + name, 'w') as f: f.write('x')\n"
            + "    with open(d + b'/' + name) as f: f.read()\n";

    @Test
    void theEventTheJsonLinesAndTheDslCarryTheKernelsBytesAndTheTextIsStraces(@TempDir Path temp) throws Exception {
        Path dir = Files.createDirectory(temp.resolve("files"));
        // The program from a file: ProcessBuilder (which starts strace here) encodes its arguments in
        // sun.jnu.encoding, which is ASCII when LANG is unset, and would turn "é" into "?".
        Path script = Files.writeString(temp.resolve("names.py"), PROGRAM, StandardCharsets.UTF_8);
        List<String> command = List.of(PYTHON, script.toString(), dir.toString());
        TraceResult result = Tracer.command(command).trace("openat").run();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String bad = dir + "/" + ByteStrings.decode(BAD);
        String accented = dir + "/été";

        // the event: the name's own bytes, not U+FFFD
        List<SyscallEvent> opens = result.trace().stream().filter(e -> e.path().orElse("").startsWith(dir + "/"))
                .collect(Collectors.toList());
        assertThat(opens).extracting(e -> e.path().orElseThrow()).containsExactly(bad, bad, accented, accented);
        assertThat(ByteStrings.encode(opens.get(0).path().orElseThrow()))
                .isEqualTo(ByteStrings.encode(dir + "/bad\uDCFF\uDCFEutf8"));
        assertThat(opens.get(0).path().orElseThrow()).doesNotContain("\uFFFD");

        // the JSON Lines round trip keeps them (as \\udcff escapes: the line stays ASCII)
        StringWriter json = new StringWriter();
        JsonLinesFormat.write(result.trace(), json);
        assertThat(json.toString()).contains("bad\\udcff\\udcfeutf8").matches("\\p{ASCII}*");
        SyscallTrace back = JsonLinesFormat.read(new StringReader(json.toString()));
        assertThat(back.stream().map(e -> e.path().orElse("")).filter(p -> p.startsWith(dir + "/")))
                .containsExactly(bad, bad, accented, accented);

        // the DSL matches the string for the same bytes, on the trace and on its JSON round trip
        for (SyscallTrace trace : List.of(result.trace(), back)) {
            assertThat(trace).openedFile(bad).wroteFile(bad).readFile(bad).openedFile(accented).wroteFile(accented)
                    .didNotOpenFile(dir + "/bad\uFFFD\uFFFDutf8") // the JDK's Path.toString() text names another file
                    .openedFileMatching("glob:" + dir + "/bad*utf8");
            assertThat(trace).openedFiles().contains(bad, accented);
        }
        // ... and names it exactly in a failure message's list (the JDK's rendering of such a Path: U+FFFD)
        assertThatThrownBy(() -> assertThat(result.trace()).openedFile(dir + "/bad"))
                .hasMessageContaining(dir + "/bad\uFFFD\uFFFDutf8");
        // the Path the JDK lists for it names the same bytes
        Path listed;
        try (Stream<Path> s = Files.list(dir)) {
            listed = s.filter(p -> ByteStrings.of(p).equals(bad)).findFirst().orElseThrow();
        }
        assertThat(ByteStrings.path(bad)).isEqualTo(listed);

        // the text lines are strace's
        Path straceOut = temp.resolve("strace.txt");
        List<String> straceCommand = new java.util.ArrayList<>(List.of("strace", "-qq", "-e", "trace=openat", "-o",
                straceOut.toString()));
        straceCommand.addAll(command);
        Process strace = new ProcessBuilder(straceCommand).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(BoundedWait.endedWithin(strace, 60)).as("strace ended: " + straceCommand).isTrue();
        assertThat(strace.exitValue()).isZero();
        List<String> straceLines = Files.readAllLines(straceOut, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains(dir + "/")).collect(Collectors.toList());
        TextFormat text = TextFormat.plain();
        List<String> ours = opens.stream().map(e -> text.format(e, false)).collect(Collectors.toList());
        assertThat(ours).containsExactlyElementsOf(straceLines);
        assertThat(ours.get(0)).isEqualTo("openat(AT_FDCWD, \"" + dir + "/bad\\377\\376utf8\", "
                + "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3");
        assertThat(ours.get(2)).contains("/\\303\\251t\\303\\251\"");
    }
}
