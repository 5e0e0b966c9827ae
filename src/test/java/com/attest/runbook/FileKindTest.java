package com.attest.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileKindTest {

    @Test
    void contentDecidesNotTheName() {
        assertEquals(FileKind.PDF, FileKind.sniff("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)).kind());
        assertEquals(FileKind.PNG, FileKind.sniff(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}).kind());
        assertEquals(FileKind.JPEG, FileKind.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}).kind());
        assertEquals(FileKind.ZIP, FileKind.sniff(new byte[]{'P', 'K', 3, 4, 0}).kind());
        assertEquals(FileKind.TEXT, FileKind.sniff("time,user\n2026-11-27,j.doe\n".getBytes(StandardCharsets.UTF_8))
                .kind());
        FileKind.Sniffed exe = FileKind.sniff(new byte[]{'M', 'Z', (byte) 0x90, 0});
        assertNull(exe.kind());
        assertEquals("a Windows program", exe.otherwise());
        assertEquals("a Linux program", FileKind.sniff(new byte[]{0x7F, 'E', 'L', 'F'}).otherwise());
        assertEquals("a script", FileKind.sniff("#!/bin/sh\nrm -rf /".getBytes(StandardCharsets.UTF_8)).otherwise());
        assertNull(FileKind.sniff(new byte[]{1, 2, 0, (byte) 0xFE}).kind());
    }

    @Test
    void extensionsMapToKinds() {
        assertEquals(FileKind.PDF, FileKind.ofExtension("Report.PDF").orElseThrow());
        assertEquals(FileKind.ZIP, FileKind.ofExtension("notes.docx").orElseThrow());
        assertEquals(FileKind.TEXT, FileKind.ofExtension("kql-results.csv").orElseThrow());
        assertEquals(true, FileKind.ofExtension("tool.exe").isEmpty());
        assertEquals(true, FileKind.ofExtension("noextension").isEmpty());
    }

    @Test
    void aFileOverTenMegabytesIsRefusedAsLargerThanThat() {
        com.attest.platform.InvalidInput.Collector errors = new com.attest.platform.InvalidInput.Collector();
        FileKind.check("capture.txt", new byte[12 * 1024 * 1024], errors);
        com.attest.platform.InvalidInput refused = org.junit.jupiter.api.Assertions.assertThrows(
                com.attest.platform.InvalidInput.class, errors::throwIfAny);
        assertEquals("The file is larger than 10 MB, the most accepted.", refused.errors().stream()
                .filter(e -> e.field().equals("file")).findFirst().orElseThrow().message());
        com.attest.platform.InvalidInput.Collector exact = new com.attest.platform.InvalidInput.Collector();
        FileKind.check("capture.txt", "a".repeat(FileKind.MAX_BYTES).getBytes(StandardCharsets.US_ASCII), exact);
        assertEquals(false, exact.has("file"), "exactly 10 MB is accepted");
    }
}
