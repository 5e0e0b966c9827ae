package com.attest.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What offline verification refuses beyond altered, missing and extra files: a pack rebuilt and signed with another
 * certificate named like the organisation's, a signed PDF without the digests, a manifest whose content was changed
 * with SHA256SUMS rewritten, duplicate and unsafe entry names, archives beyond the limits — and the command line's
 * answers with and without {@code --cert}.
 */
class PackVerifierTest {

    private static final PackScope PERIOD = new PackScope(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
            ZoneId.of("Europe/Berlin"), null);
    private static final char[] PASSWORD = "pack-test".toCharArray();

    @TempDir
    static Path folder;

    private static PackSigner.Key key;
    private static PackSigner.Key impostor;
    private static Map<String, byte[]> genuine;
    private static byte[] genuineZip;
    private static byte[] forgedZip;

    @BeforeAll
    static void packs() throws IOException {
        key = PackSigner.load(new ByteArrayInputStream(PackSigner.selfSigned("Contoso Ltd", PASSWORD,
                Instant.parse("2026-11-01T00:00:00Z"))), PASSWORD, null);
        // a certificate of its own, named exactly like the organisation's
        impostor = PackSigner.load(new ByteArrayInputStream(PackSigner.selfSigned("Contoso Ltd", PASSWORD,
                Instant.parse("2026-11-01T00:00:00Z"))), PASSWORD, null);
        genuineZip = Files.readAllBytes(generate("genuine", 3, key).zip());
        genuine = Archives.entries(genuineZip);
        forgedZip = Files.readAllBytes(generate("forged", 4, impostor).zip());
    }

    private static PackGenerator.Output generate(String name, int incidents, PackSigner.Key with) throws IOException {
        PackDefinition definition = PackDefinitions.load(Path.of("reports")).stream()
                .filter(d -> d.kind().equals("audit-period")).findFirst().orElseThrow();
        Path into = Files.createDirectories(folder.resolve(name));
        return PackGenerator.generate(definition, PERIOD, new PackPdf.Cover("Contoso Ltd", 5,
                        Instant.parse("2026-11-28T10:00:00Z"), "admin"), new FakePackSource(incidents), Map.of(), with,
                into, (stage, fraction) -> true);
    }

    @Test
    void aPackSignedWithAnotherCertificateIsNotIntactWhenTheOrganisationsIsGiven() throws Exception {
        PackVerifier.Report forged = PackVerifier.verify(new ByteArrayInputStream(forgedZip), key.fingerprint());
        assertFalse(forged.intact());
        assertTrue(forged.signature().ok(), "the signature's maths holds: " + forged.signature().sentence());
        assertEquals(List.of(new PackVerifier.Finding(PackGenerator.PDF_NAME, "signed by another certificate: "
                + impostor.subject() + ", SHA-256 " + impostor.fingerprint() + "; expected " + key.fingerprint())),
                forged.findings());
        assertTrue(forged.signerCompared());

        PackVerifier.Report unchecked = PackVerifier.verify(new ByteArrayInputStream(forgedZip), null);
        assertTrue(unchecked.intact(), "without the expected certificate only the rest is checked");
        assertFalse(unchecked.signerCompared());

        PackVerifier.Report real = PackVerifier.verify(new ByteArrayInputStream(genuineZip),
                key.fingerprint().toUpperCase());
        assertTrue(real.intact(), real.toString());
        assertEquals(5, real.filesChecked());
    }

    @Test
    void theCommandLineComparesTheSignerOnlyWithCertAndSaysSoOtherwise() throws Exception {
        Path forged = folder.resolve("forged.zip");
        Files.write(forged, forgedZip);
        Path real = folder.resolve("real.zip");
        Files.write(real, genuineZip);

        String[] said = new String[1];
        assertEquals(0, cli(said, forged.toString()));
        assertTrue(said[0].contains("INTACT") && said[0].contains("SIGNER NOT CHECKED")
                && said[0].contains(impostor.fingerprint()) && said[0].contains("Contoso Ltd evidence packs"), said[0]);

        assertEquals(1, cli(said, "--cert", key.fingerprint(), forged.toString()));
        assertTrue(said[0].contains("NOT INTACT") && said[0].contains("signed by another certificate"), said[0]);

        assertEquals(0, cli(said, "--cert", key.fingerprint(), real.toString()));
        assertTrue(said[0].contains("Signed with the expected certificate") && !said[0].contains("NOT CHECKED"),
                said[0]);

        assertEquals(2, cli(said, "--cert", "not-a-fingerprint", real.toString()));
        assertEquals(2, cli(said, "--cert"));
        Path notZip = folder.resolve("not.zip");
        Files.writeString(notZip, "not an archive");
        assertEquals(2, cli(said, notZip.toString()));
    }

    @Test
    void aSignedPdfWithoutTheDigestsIsAFinding() throws Exception {
        Path unsigned = folder.resolve("plain.pdf");
        try (var out = Files.newOutputStream(unsigned)) {
            com.lowagie.text.Document document = new com.lowagie.text.Document();
            com.lowagie.text.pdf.PdfWriter.getInstance(document, out);
            document.open();
            document.add(new com.lowagie.text.Paragraph("Evidence pack"));
            document.close();
        }
        Path signed = folder.resolve("plain-signed.pdf");
        PackSigner.sign(unsigned, signed, key, "test", "Contoso Ltd", Instant.parse("2026-11-28T10:00:00Z"));
        Map<String, byte[]> files = new LinkedHashMap<>(genuine);
        files.put(PackGenerator.PDF_NAME, Files.readAllBytes(signed));
        PackVerifier.Report report = verify(Archives.zip(Archives.resummed(files)));
        assertFalse(report.intact());
        assertTrue(report.signature().ok(), report.signature().sentence());
        assertTrue(report.findings().contains(new PackVerifier.Finding(PackGenerator.PDF_NAME,
                "the signed PDF carries no artefacts digest (AttestArtefactsSha256)")), report.toString());
        assertTrue(report.findings().contains(new PackVerifier.Finding(PackGenerator.PDF_NAME,
                "the signed PDF carries no manifest content digest (AttestContentSha256)")), report.toString());
    }

    @Test
    void aManifestWhoseContentChangedIsFoundThoughSha256sumsWasRewritten() throws Exception {
        String original = new String(genuine.get(PackGenerator.MANIFEST_NAME), StandardCharsets.UTF_8);
        assertEquals(original, CanonicalJson.write(PackJson.parse(original)), "read back, the same canonical form");
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) PackJson.parse(original);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) manifest.get("content");
        @SuppressWarnings("unchecked")
        Map<String, Object> scope = (Map<String, Object>) content.get("scope");
        scope.put("to", "2026-06-30");
        manifest.put("contentSha256", Sha256.hex(CanonicalJson.write(content)));
        Map<String, byte[]> files = new LinkedHashMap<>(genuine);
        files.put(PackGenerator.MANIFEST_NAME, CanonicalJson.write(manifest).getBytes(StandardCharsets.UTF_8));
        PackVerifier.Report report = verify(Archives.zip(Archives.resummed(files)));
        assertFalse(report.intact());
        assertEquals(List.of(new PackVerifier.Finding(PackGenerator.MANIFEST_NAME,
                "its content differs from the one the signed PDF names")), report.findings());

        files.remove(PackGenerator.MANIFEST_NAME);
        PackVerifier.Report without = verify(Archives.zip(Archives.resummed(files)));
        assertFalse(without.intact());
        assertEquals(List.of(new PackVerifier.Finding(PackGenerator.MANIFEST_NAME, "missing")), without.findings());
    }

    @Test
    void duplicateAndUnsafeNamesAreFindingsAndLeaveNoTemporaryFile() throws Exception {
        Set<Path> before = temporaryPdfs();
        Map<String, byte[]> files = new LinkedHashMap<>(genuine);
        files.put("evidence-pack.pdX", "a second PDF".getBytes(StandardCharsets.UTF_8));
        files.put("SHA256SUMX", "a second listing".getBytes(StandardCharsets.UTF_8));
        for (String unsafe : List.of("../outside.txt", "/etc/passwd", "\\windows.txt", "C:/boot.ini",
                "alerts/../../up.txt")) {
            files.put(unsafe, "x".getBytes(StandardCharsets.UTF_8));
        }
        byte[] zip = Archives.zip(files);
        zip = replace(replace(zip, "evidence-pack.pdX", PackGenerator.PDF_NAME), "SHA256SUMX", Sha256Sums.NAME);
        PackVerifier.Report report = verify(zip);
        assertFalse(report.intact());
        assertEquals(List.of(
                new PackVerifier.Finding(PackGenerator.PDF_NAME,
                        "duplicate entry: the archive holds this name more than once"),
                new PackVerifier.Finding(Sha256Sums.NAME,
                        "duplicate entry: the archive holds this name more than once"),
                new PackVerifier.Finding("../outside.txt", "unsafe path"),
                new PackVerifier.Finding("/etc/passwd", "unsafe path"),
                new PackVerifier.Finding("\\windows.txt", "unsafe path"),
                new PackVerifier.Finding("C:/boot.ini", "unsafe path"),
                new PackVerifier.Finding("alerts/../../up.txt", "unsafe path")), report.findings());
        assertEquals(before, temporaryPdfs());
        assertFalse(PackVerifier.unsafe("alerts/INC-2026-001/a..b.json"));
        assertFalse(PackVerifier.unsafe("..hidden/x"));
    }

    @Test
    void anArchiveBeyondTheLimitsIsRefusedAndLeavesNoTemporaryFile() {
        Set<Path> before = temporaryPdfs();
        IllegalArgumentException entries = assertThrows(IllegalArgumentException.class,
                () -> PackVerifier.verify(new ByteArrayInputStream(genuineZip), null,
                        new PackVerifier.Limits(3, PackVerifier.MAX_LISTING_BYTES, PackVerifier.MAX_TOTAL_BYTES)));
        assertEquals("The archive holds more than 3 entries: refused.", entries.getMessage());
        IllegalArgumentException listing = assertThrows(IllegalArgumentException.class,
                () -> PackVerifier.verify(new ByteArrayInputStream(genuineZip), null,
                        new PackVerifier.Limits(PackVerifier.MAX_ENTRIES, 200, PackVerifier.MAX_TOTAL_BYTES)));
        assertEquals("The archive's manifest.json is larger than 200 bytes: refused.", listing.getMessage());
        long pdf = genuine.get(PackGenerator.PDF_NAME).length;
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class,
                () -> PackVerifier.verify(new ByteArrayInputStream(genuineZip), null,
                        new PackVerifier.Limits(PackVerifier.MAX_ENTRIES, PackVerifier.MAX_LISTING_BYTES, pdf)));
        assertEquals("The archive unpacks to more than " + pdf + " bytes: refused.", total.getMessage());
        assertEquals(before, temporaryPdfs());
        assertEquals(4L << 30, PackVerifier.MAX_TOTAL_BYTES);
    }

    private static int cli(String[] said, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyPack.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        said[0] = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private static PackVerifier.Report verify(byte[] zip) throws IOException {
        return PackVerifier.verify(new ByteArrayInputStream(zip), key.fingerprint());
    }

    private static Set<Path> temporaryPdfs() {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("pack-verify")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every occurrence of {@code from} (an entry name) by {@code to} of the same length: a duplicate name. */
    private static byte[] replace(byte[] zip, String from, String to) {
        String text = new String(zip, StandardCharsets.ISO_8859_1);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
