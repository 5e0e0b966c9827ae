package com.attest.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SHA256SUMS as sha256sum writes it: digest, two spaces, path; read back line by line. */
class Sha256SumsTest {

    @Test
    void writesAndReadsTheCoreutilsFormat() {
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put("evidence-pack.pdf", "a".repeat(64));
        digests.put("alerts/INC-2026-001/alert-1-payload-1.json", "b".repeat(64));
        byte[] file = Sha256Sums.write(digests);
        assertEquals("a".repeat(64) + "  evidence-pack.pdf\n" + "b".repeat(64)
                + "  alerts/INC-2026-001/alert-1-payload-1.json\n", new String(file, StandardCharsets.UTF_8));
        assertEquals(digests, Sha256Sums.read(file));
        assertEquals(Map.of("x.bin", "c".repeat(64)), Sha256Sums.read(("C".repeat(64) + " *x.bin\n")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMalformedLineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sha256Sums.read(
                ("a".repeat(64) + "  ok.txt\nnot a digest line\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals("SHA256SUMS line 2 is not '<sha256>  <file>'.", e.getMessage());
    }
}
