package dev.syscallassert;

import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.TraceUntilShutdown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that shuts down while tracing (here: SIGTERM) first kills its traced trees and finishes their events. */
class ShutdownHookTest {
    private static final String CLASS_PATH = TracerEndToEndTest.CLASS_PATH;

    @Test
    void aTracingJvmEndedBySigtermKillsTheTreeAndItsListenerGetsTheEnd(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.txt");
        Path pids = dir.resolve("pids");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", CLASS_PATH, TraceUntilShutdown.class.getName(), events.toString(),
                "/bin/sh", "-c", "sleep 100 & echo $! > \"$0.tmp\"; echo $$ >> \"$0.tmp\"; mv \"$0.tmp\" \"$0\"; wait",
                pids.toString()));
        Process jvm = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as(() -> read(dir.resolve("err.txt"))).startsWith("started ");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(pids)) {
                assertThat(System.nanoTime() - deadline).as("the tree started").isNegative();
                Thread.sleep(20);
            }
            List<Integer> tree = Files.readAllLines(pids).stream().map(Integer::valueOf).collect(Collectors.toList());
            jvm.destroy(); // SIGTERM
            assertThat(BoundedWait.endedWithin(jvm, 30)).isTrue();
            assertThat(jvm.exitValue()).isEqualTo(143);
            String text = Files.readString(events);
            for (int pid : tree) {
                assertThat(text).as(text).contains(String.format("[pid %5d] +++ killed by SIGKILL +++\n", pid));
            }
            for (int pid : tree) {
                Path status = Path.of("/proc/" + pid + "/status");
                if (Files.exists(status)) {
                    assertThat(read(status)).as("process " + pid).containsPattern("State:\tZ ");
                }
            }
        } finally {
            jvm.destroyForcibly().waitFor();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
