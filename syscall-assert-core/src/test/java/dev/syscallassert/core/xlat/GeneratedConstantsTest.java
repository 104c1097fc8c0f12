package dev.syscallassert.core.xlat;

import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.fixtures.BoundedWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GeneratedConstantsTest {
    private static final Path TOOLS = Path.of("tools/decode-tables/generate.sh");
    private static final Path RESOURCES = Path.of("src/main/resources/dev/syscallassert/core");

    @Test
    void looksUpValuesByName() {
        assertThat(Constants.errno("ENOENT")).isEqualTo(2);
        assertThat(Constants.errnoName(13)).isEqualTo("EACCES");
        assertThat(Constants.errnoText(13)).isEqualTo("Permission denied");
        assertThat(Constants.intValue("signal", "SIGKILL")).isEqualTo(9);
        assertThat(Constants.value("clone_flags", "CLONE_THREAD")).isEqualTo(0x10000);
        assertThat(Constants.intValue("ptrace_request", "PTRACE_SEIZE")).isEqualTo(0x4206);
        assertThat(Constants.group("restart_errno").name(514)).isEqualTo("ERESTARTNOHAND");
    }

    @Test
    void aMissingNameIsATableBugNamedInTheMessage() {
        assertThatThrownBy(() -> Constants.errno("ENOPE")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ENOPE").hasMessageContaining("generate.sh");
        assertThatThrownBy(() -> Constants.value("signal", "SIGNOPE")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SIGNOPE");
        assertThatThrownBy(() -> Constants.group("no_such_group")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_group");
        assertThatThrownBy(() -> Constants.intValue("audit_arch", "AUDIT_ARCH_X86_64"))
                .as("0xC000003E does not fit an int").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyGroupParsesAndGroupsInSeveralRunsKeepEveryRow() throws IOException {
        // groups are parsed on first use: this is where a malformed row anywhere in the table fails
        int rows = 0;
        for (String group : Constants.groupNames()) {
            assertThat(Constants.group(group).entries()).as(group).isNotEmpty();
            rows += Constants.group(group).entries().size();
        }
        long dataRows;
        try (var in = Constants.class.getResourceAsStream("constants.tsv")) {
            dataRows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        }
        assertThat(rows).isEqualTo(dataRows);
        assertThat(Constants.errnoName(Constants.errno("ENOENT"))).isEqualTo("ENOENT");
        assertThat(Constants.errnoText(Constants.errno("ENOENT"))).isEqualTo("No such file or directory");
        assertThat(Constants.text("restart_errno", "ERESTARTNOHAND")).isEqualTo("To be restarted if no handler");
    }

    @Test
    void architectureLayoutsAreTheKernelOnes() {
        assertThat(X86_64.REGS_SIZE).isEqualTo(216);
        assertThat(X86_64.REG_ORIG_RAX).isEqualTo(120);
        assertThat(X86_64.SYSCALL_INFO_SIZE).isEqualTo(88);
        assertThat(X86_64.SYSCALL_INFO_ARGS).isEqualTo(32);
        assertThat(X86_64.MSGHDR.offset("msg_iov")).isEqualTo(16);
        assertThat(X86_64.STAT.offset("st_size")).isEqualTo(48);
        assertThat(X86_64.AUDIT_ARCH).isEqualTo(0xC000003E);
        assertThatThrownBy(() -> X86_64.MSGHDR.offset("msg_nope")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("msg_nope").hasMessageContaining("msghdr");
    }

    /** When the build machine's headers move on, this says that the checked-in tables must be regenerated. */
    @Test
    void checkedInTablesMatchTheInstalledHeaders(@TempDir Path out) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")) && Files.isDirectory(Path.of("/usr/include/linux")),
                "no C compiler or kernel headers to regenerate the tables with");
        Process p = new ProcessBuilder("sh", TOOLS.toString(), out.toString()).redirectErrorStream(true).start();
        String output = BoundedWait.outputWithin(p, 60);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(data(out.resolve("constants.tsv")))
                .as("constants.tsv; regenerate with sh syscall-assert-core/tools/decode-tables/generate.sh")
                .isEqualTo(data(RESOURCES.resolve("xlat/constants.tsv")));
        assertThat(data(out.resolve("x86_64.tsv")))
                .as("x86_64.tsv; regenerate with sh syscall-assert-core/tools/decode-tables/generate.sh")
                .isEqualTo(data(RESOURCES.resolve("arch/x86_64.tsv")));
    }

    /** The rows only: the header comments name package versions, which may differ without any value changing. */
    private static List<String> data(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
