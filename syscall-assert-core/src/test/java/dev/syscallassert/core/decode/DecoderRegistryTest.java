package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DecoderRegistryTest {

    private final SyscallTable table = SyscallTable.current();
    private final DecoderRegistry registry = new DecoderRegistry(table);

    @Test
    void everyIndexedNameIsASyscallOfTheTable() {
        // Names newer than the table are decoded too, but only indexed once the table has them.
        assertThat(DecoderRegistry.index().keySet().stream().filter(n -> table.number(n).isEmpty())
                .collect(Collectors.toSet())).isEmpty();
    }

    @Test
    void callsWithoutADecoderAndNumbersOutsideTheTableGetPrintargs() {
        assertThat(registry.decoderFor(table.requireNumber("rseq"))).isSameAs(GenericDecoder.PRINTARGS);
        assertThat(registry.decoderFor(-1)).isSameAs(GenericDecoder.PRINTARGS);
        assertThat(registry.decoderFor(table.maxNumber() + 1)).isSameAs(GenericDecoder.PRINTARGS);
    }

    @Test
    void aCallNotDecodedYetWhoseFirstArgumentIsAnFdGetsPrintargsAndWhatTheFdNames() {
        int nr = table.requireNumber("open_by_handle_at");
        assertThat(registry.decoderFor(nr)).isNotSameAs(GenericDecoder.PRINTARGS).isSameAs(registry.decoderFor(nr));
        DecoderHarness h = new DecoderHarness();
        h.t.fd(3, "/tmp/dec/mnt");
        assertThat(h.call("open_by_handle_at", 4, 3, 0x7ffc0000, 0)).isEqualTo("open_by_handle_at(0x3, 0x7ffc0000, 0) = 4");
        assertThat(h.last.fdPath).isEqualTo("/tmp/dec/mnt");
    }

    @Test
    void callsReturningAnAddressDeclareAHexReturn() {
        for (String name : new String[] {"mmap", "brk", "mremap", "shmat"}) {
            assertThat(registry.decoderFor(table.requireNumber(name)).returnFormat()).as(name).isEqualTo(ReturnFormat.HEX);
        }
        assertThat(registry.decoderFor(table.requireNumber("read")).returnFormat()).isEqualTo(ReturnFormat.DECIMAL);
    }
}
