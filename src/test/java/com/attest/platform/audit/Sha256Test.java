package com.attest.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import org.junit.jupiter.api.Test;

/** The one SHA-256 helper: text, bytes, a stream and a streaming digest give the same, known hex. */
class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void everyFormGivesTheKnownDigest() throws Exception {
        assertEquals(ABC, Sha256.hex("abc"));
        assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ABC, Sha256.hex(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8))));
        var digest = Sha256.digest();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            out.write('a');
            out.write("bc".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(ABC, Sha256.finish(digest));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Sha256.hex(new ByteArrayInputStream(new byte[0])));
    }
}
