package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The index that lets {@link DecoderRegistry} register a family only when one of its syscalls is first decoded is
 * generated from the registrations: this test makes it anew and compares. When they differ it writes the fresh index
 * to target/ and says where it goes.
 */
class DecoderFamilyIndexTest {

    static final String HEADER = "# Generated from the decoder families' registrations (DecoderFamilyIndexTest): "
            + "syscall<TAB>family class.\n# Do not edit: when a family registers another syscall, that test fails "
            + "and writes the new file to\n# syscall-assert-core/target/decoder-families.tsv, to copy over this one.\n";

    @Test
    void theCheckedInIndexIsTheOneTheRegistrationsMake() throws IOException {
        StringBuilder fresh = new StringBuilder(HEADER);
        Map<String, String> familyOf = new HashMap<>();
        for (DecoderRegistry.Family family : DecoderRegistry.FAMILIES) {
            for (String name : family.decoders().keySet()) {
                String before = familyOf.putIfAbsent(name, family.name);
                if (before != null) {
                    fail(name + " has a decoder in both " + before + " and " + family.name);
                }
                fresh.append(name).append('\t').append(family.name).append('\n');
            }
        }
        String checkedIn;
        try (InputStream in = DecoderRegistry.class.getResourceAsStream(DecoderRegistry.INDEX_RESOURCE)) {
            checkedIn = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!checkedIn.equals(fresh.toString())) {
            Path out = Path.of("target", DecoderRegistry.INDEX_RESOURCE);
            Files.createDirectories(out.getParent());
            Files.writeString(out, fresh);
            fail("src/main/resources/dev/syscallassert/core/decode/" + DecoderRegistry.INDEX_RESOURCE
                    + " is stale: the registrations now make " + out.toAbsolutePath() + "; copy it over");
        }
        assertThat(DecoderRegistry.names()).hasSize(familyOf.size());
    }
}
