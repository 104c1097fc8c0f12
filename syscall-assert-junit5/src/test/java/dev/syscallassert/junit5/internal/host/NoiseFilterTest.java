package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules that keep the JVM's own calls out of a test's trace, on hand-made events. */
class NoiseFilterTest {

    private final Path work = Path.of("/tmp/syscall-assert-123");
    private final NoiseFilter filter = new NoiseFilter("/opt/jdk", List.of("/app/classes", "/app/lib/dep.jar", ""),
            work);

    private static SyscallEvent open(String thread, String path) {
        return SyscallEvent.builder().syscall("openat").thread(thread).path(path).build();
    }

    @Test
    void jvmThreadsClassLoadingAndHarnessFilesAreNoise() {
        assertThat(filter.isNoise(open("C2 CompilerThre", "/sys/fs/cgroup/memory.max"))).isTrue();
        assertThat(filter.isNoise(open("GC Thread#1", "/proc/self/stat"))).isTrue();
        assertThat(filter.isNoise(open("java", "/opt/jdk/lib/libnio.so"))).isTrue();
        assertThat(filter.isNoise(open("java", "/app/classes/com/example/Foo.class"))).isTrue();
        assertThat(filter.isNoise(open("java", "/app/lib/dep.jar"))).isTrue();
        assertThat(filter.isNoise(open("java", "/app/classes/META-INF/services/x.Provider"))).isTrue();
        assertThat(filter.isNoise(open("java", Path.of("META-INF/services/x.Provider").toAbsolutePath()
                .toString()))).as("an empty class path entry is the working directory").isTrue();
        assertThat(filter.isNoise(open("java", work.resolve("snapshot.jsonl").toString()))).isTrue();
        assertThat(filter.isNoise(SyscallEvent.builder().syscall("readlink").thread("java").path("/opt").build()))
                .isTrue();
    }

    @Test
    void eachRuleHasANameAndAReason() {
        assertThat(filter.ruleFor(open("GC Thread#1", "/proc/self/stat")).map(NoiseFilter.Rule::name))
                .contains("jvm-thread");
        assertThat(filter.ruleFor(open("java", "/app/classes/com/example/Foo.class")).map(NoiseFilter.Rule::name))
                .contains("class-file");
        assertThat(filter.ruleFor(open("java", "/etc/hosts"))).isEmpty();
        assertThat(filter.rules()).extracting(NoiseFilter.Rule::name).doesNotHaveDuplicates();
        assertThat(filter.rules()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }

    @Test
    void whatTheCodeUnderTestDoesIsNot() {
        assertThat(filter.isNoise(open("java", "/etc/hosts"))).isFalse();
        assertThat(filter.isNoise(open("worker-1", "/app/classes/config.properties")))
                .as("a resource the test reads from its class path").isFalse();
        assertThat(filter.isNoise(open("java", "/opt/jdkother/file"))).isFalse();
        assertThat(filter.isNoise(SyscallEvent.builder().syscall("readlink").thread("java").path("/etc").build()))
                .isFalse();
        assertThat(filter.isNoise(SyscallEvent.builder().syscall("connect").thread("java")
                .address("127.0.0.1:80").build())).isFalse();
    }
}
