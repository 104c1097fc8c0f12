package dev.syscallassert.cli;

import dev.syscallassert.fixtures.BoundedWait;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command under strace -f and under the CLI, both writing to stderr (where the {@code [pid N]} prefix follows
 * the live task count), and puts the two outputs in one comparable form: strace's split lines ({@code <unfinished
 * ...>} and {@code <... name resumed>}) joined back into the whole line the CLI prints, at the place the call ended,
 * with the prefix of its beginning; the return padding collapsed (pids of different widths pad differently);
 * addresses masked; pids named by their order of first appearance (clone and fork results first, in their order).
 */
final class StraceStderr {
    private static final Pattern UNFINISHED =
            Pattern.compile("^(\\[pid +(\\d+)\\] )?(\\w+)\\((.*) <unfinished \\.\\.\\.>$");
    private static final Pattern RESUMED = Pattern.compile("^(\\[pid +(\\d+)\\] )?<\\.\\.\\. (\\w+) resumed>(.*)$");
    private static final Pattern CREATED =
            Pattern.compile("^(?:\\[pid +\\d+\\] )?(?:clone3?|v?fork)\\(.*\\) += (\\d+)$");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d{3,}\\b");

    private StraceStderr() {
    }

    /** strace -f -q (no "Process N attached" lines, which the CLI does not print) with these options; its stderr. */
    static List<String> strace(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-q"));
        command.addAll(Arrays.asList(args));
        Path err = dir.resolve("strace-stderr.txt");
        Process strace = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(new File("/dev/null")).redirectError(err.toFile()).start();
        if (!BoundedWait.endedWithin(strace, 60)) {
            throw new IllegalStateException("strace did not end");
        }
        return Files.readAllLines(err);
    }

    /** The CLI in process with these options; what it wrote to stderr. */
    static List<String> cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    /** strace's split calls joined into whole lines, placed where they ended, with the prefix of their beginning. */
    static List<String> joined(List<String> lines) {
        Map<String, String> pending = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher u = UNFINISHED.matcher(line);
            if (u.matches()) {
                String begun = line.substring(0, line.length() - " <unfinished ...>".length());
                pending.put(key(u.group(2), u.group(3)), begun);
                continue;
            }
            Matcher r = RESUMED.matcher(line);
            if (r.matches()) {
                String begun = take(pending, r.group(2), r.group(3));
                if (begun == null) {
                    throw new IllegalStateException("no beginning for " + line);
                }
                out.add(begun + r.group(4));
                continue;
            }
            out.add(line);
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("never resumed: " + pending.values());
        }
        return out;
    }

    private static String key(String pid, String name) {
        return (pid == null ? "" : pid) + " " + name;
    }

    /** The pending beginning of {@code name}: on the same pid when there is one, else the only one of that name. */
    private static String take(Map<String, String> pending, String pid, String name) {
        String same = pending.remove(key(pid, name));
        if (same != null) {
            return same;
        }
        for (Iterator<Map.Entry<String, String>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            if (e.getKey().endsWith(" " + name)) {
                it.remove();
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The CPU times a SIGCHLD line reports, as T: a child that runs across a clock tick reports 1 (0.01 s) in one run
     * and 0 in the next (a CI run saw si_stime=1 where strace's run had 0). SigInfoFormatTest checks how they are
     * rendered.
     */
    static String cpuTimesMasked(String line) {
        return line.replaceAll("si_utime=.*, si_stime=.*\\} ---$", "si_utime=T, si_stime=T} ---");
    }

    /**
     * Padding collapsed, addresses masked, pids named C1, C2... (created tasks, in order) and P1, P2... (others), and
     * the CPU times of SIGCHLD lines masked ({@link #cpuTimesMasked}).
     */
    static List<String> masked(List<String> lines) {
        Map<String, String> names = new HashMap<>();
        for (String line : lines) {
            Matcher c = CREATED.matcher(line);
            if (c.matches()) {
                names.putIfAbsent(c.group(1), "C" + (names.size() + 1));
            }
        }
        int[] others = {0};
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String l = line.replaceAll("^\\[pid +", "[pid ").replaceAll("\\) +(= .*)$", ") $1")
                    .replaceAll("0x[0-9a-f]+", "0xADDR");
            l = cpuTimesMasked(l);
            Matcher m = NUMBER.matcher(l);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, names.computeIfAbsent(m.group(), k -> "P" + (++others[0])));
            }
            out.add(m.appendTail(sb).toString());
        }
        return out;
    }
}
