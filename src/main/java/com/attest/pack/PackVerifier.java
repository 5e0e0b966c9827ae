package com.attest.pack;

import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.RandomAccessFileOrArray;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Re-checks a pack's ZIP offline: every file against {@code SHA256SUMS} — naming each altered, missing or extra
 * file — the PDF's signature and who made it (when the organisation's certificate is known), the artefacts against
 * the digest of them the signed PDF carries, and manifest.json's {@code content} against the digest of it the signed
 * PDF carries. Needs nothing from the portal: the archive is read as a stream, one file at a time; duplicate and
 * unsafe entry names are findings, and an archive beyond the limits below is refused.
 */
public final class PackVerifier {

    /** At most this many entries in an archive. */
    public static final int MAX_ENTRIES = 100_000;
    /** At most this many bytes in SHA256SUMS, and in manifest.json (each is read into memory). */
    public static final long MAX_LISTING_BYTES = 16L << 20;
    /** At most this many bytes unpacked from the whole archive. */
    public static final long MAX_TOTAL_BYTES = 4L << 30;

    /** The problems the verify page names in words of its own; any other problem is a sentence. */
    private static final Set<String> CODES = Set.of("altered", "missing", "extra");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    /**
     * A file that does not hold: altered (its digest differs), missing (listed, absent), extra (not listed), or a
     * sentence (a duplicate or unsafe entry, another signer, a digest the signed PDF lacks or that differs).
     */
    public record Finding(String path, String problem) implements Serializable {

        /** Whether {@link #problem} is one of the short words altered, missing, extra (else it is a sentence). */
        public boolean coded() {
            return CODES.contains(problem);
        }
    }

    /**
     * The outcome: intact when every listed file is present and unaltered, nothing extra, the PDF is signed (by the
     * expected certificate, when one was given) and the digests it carries match. {@code signerCompared}: whether
     * the signer's certificate was compared with the expected one.
     */
    public record Report(boolean intact, int filesChecked, List<Finding> findings, SignatureCheck signature,
                         boolean signerCompared) implements Serializable {
    }

    /** How much an archive may hold before it is refused. */
    record Limits(int entries, long listingBytes, long totalBytes) {
        static final Limits DEFAULT = new Limits(MAX_ENTRIES, MAX_LISTING_BYTES, MAX_TOTAL_BYTES);
    }

    private PackVerifier() {
    }

    /**
     * Verifies the archive read from {@code zip}. {@code expectedCertificateSha256}: the SHA-256 fingerprint of the
     * certificate the PDF must be signed with (the organisation's), or null to leave the signer unchecked. Throws
     * IllegalArgumentException when it is not a pack's ZIP, is beyond the limits, or the fingerprint is malformed.
     */
    public static Report verify(InputStream zip, String expectedCertificateSha256) throws IOException {
        return verify(zip, expectedCertificateSha256, Limits.DEFAULT);
    }

    static Report verify(InputStream zip, String expectedCertificateSha256, Limits limits) throws IOException {
        String expected = expectedCertificateSha256 == null ? null : fingerprint(expectedCertificateSha256);
        Map<String, String> actual = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        byte[] sums = null;
        byte[] manifest = null;
        Path pdf = null;
        long[] total = {0};
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(zip))) {
            ZipEntry entry;
            int entries = 0;
            Set<String> seen = new HashSet<>();
            while ((entry = nextEntry(in)) != null) {
                if (++entries > limits.entries()) {
                    throw new IllegalArgumentException("The archive holds more than " + limits.entries()
                            + " entries: refused.");
                }
                String name = entry.getName();
                if (!seen.add(name)) {
                    findings.add(new Finding(name, "duplicate entry: the archive holds this name more than once"));
                    copy(in, OutputStream.nullOutputStream(), total, limits);
                    continue;
                }
                if (unsafe(name)) {
                    findings.add(new Finding(name, "unsafe path"));
                    copy(in, OutputStream.nullOutputStream(), total, limits);
                    continue;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.equals(Sha256Sums.NAME)) {
                    sums = read(in, name, total, limits);
                    continue;
                }
                if (name.equals(PackGenerator.MANIFEST_NAME)) {
                    manifest = read(in, name, total, limits);
                    actual.put(name, Sha256.hex(manifest));
                    continue;
                }
                MessageDigest digest = Sha256.digest();
                if (name.equals(PackGenerator.PDF_NAME)) {
                    pdf = Files.createTempFile("pack-verify", ".pdf");
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(pdf), digest)) {
                        copy(in, out, total, limits);
                    }
                } else {
                    copy(in, new DigestOutputStream(OutputStream.nullOutputStream(), digest), total, limits);
                }
                actual.put(name, Sha256.finish(digest));
            }
            if (entries == 0) {
                throw new IllegalArgumentException("The file is not a ZIP archive.");
            }
            if (sums == null) {
                throw new IllegalArgumentException("The archive has no " + Sha256Sums.NAME + ": it is not an evidence"
                        + " pack, or the file was removed.");
            }
            Map<String, String> listed = Sha256Sums.read(sums);
            listed.forEach((path, sha) -> {
                String found = actual.get(path);
                if (found == null) {
                    findings.add(new Finding(path, "missing"));
                } else if (!found.equals(sha)) {
                    findings.add(new Finding(path, "altered"));
                }
            });
            actual.keySet().stream().filter(p -> !listed.containsKey(p))
                    .forEach(p -> findings.add(new Finding(p, "extra")));
            if (manifest == null && !listed.containsKey(PackGenerator.MANIFEST_NAME)) {
                findings.add(new Finding(PackGenerator.MANIFEST_NAME, "missing"));
            }
            SignatureCheck signature = pdf == null ? SignatureCheck.unsigned("the archive holds no "
                    + PackGenerator.PDF_NAME) : PackSigner.verify(pdf);
            if (pdf != null && signature.ok()) {
                signedDigests(pdf, actual, manifest, findings);
            }
            if (expected != null && signature.signed() && signature.certificateSha256() != null
                    && !expected.equals(signature.certificateSha256())) {
                findings.add(new Finding(PackGenerator.PDF_NAME, "signed by another certificate: "
                        + signature.signer() + ", SHA-256 " + signature.certificateSha256() + "; expected "
                        + expected));
            }
            return new Report(findings.isEmpty() && signature.ok(), actual.size(), List.copyOf(findings), signature,
                    expected != null);
        } finally {
            if (pdf != null) {
                Files.deleteIfExists(pdf);
            }
        }
    }

    /**
     * The digests the signed PDF carries, against the archive: the artefacts' (so SHA256SUMS rewritten after an
     * artefact changed is found) and manifest.json's content (which neither the signature nor SHA256SUMS covers).
     */
    private static void signedDigests(Path pdf, Map<String, String> actual, byte[] manifest, List<Finding> findings) {
        Map<String, String> info = info(pdf);
        String artefactsSigned = info.get(PackPdf.ARTEFACTS_KEY);
        if (artefactsSigned == null) {
            findings.add(new Finding(PackGenerator.PDF_NAME, "the signed PDF carries no artefacts digest ("
                    + PackPdf.ARTEFACTS_KEY + ")"));
        } else if (findings.isEmpty()) { // an altered, missing or extra artefact is named already
            Map<String, String> artefacts = new TreeMap<>(actual);
            artefacts.remove(PackGenerator.PDF_NAME);
            artefacts.remove(PackGenerator.MANIFEST_NAME);
            if (!artefactsSigned.equals(PackPdf.artefactsDigest(artefacts))) {
                findings.add(new Finding(Sha256Sums.NAME, "the artefacts differ from those the signed PDF names"));
            }
        }
        String contentSigned = info.get(PackPdf.CONTENT_KEY);
        if (contentSigned == null) {
            findings.add(new Finding(PackGenerator.PDF_NAME, "the signed PDF carries no manifest content digest ("
                    + PackPdf.CONTENT_KEY + ")"));
        }
        if (manifest == null) {
            return;
        }
        Map<?, ?> json;
        try {
            if (!(PackJson.parse(new String(manifest, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            json = m;
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(PackGenerator.MANIFEST_NAME, "not readable: " + e.getMessage()));
            return;
        }
        if (!json.containsKey("content")) {
            findings.add(new Finding(PackGenerator.MANIFEST_NAME, "it has no content"));
            return;
        }
        String content = Sha256.hex(CanonicalJson.write(json.get("content")));
        if (contentSigned != null && !contentSigned.equals(content)) {
            findings.add(new Finding(PackGenerator.MANIFEST_NAME,
                    "its content differs from the one the signed PDF names"));
        }
        if (!content.equals(json.get("contentSha256"))) {
            findings.add(new Finding(PackGenerator.MANIFEST_NAME, "its contentSha256 is not the digest of its content"));
        }
        if (json.get("document") instanceof Map<?, ?> document
                && !String.valueOf(document.get("sha256")).equals(actual.get(PackGenerator.PDF_NAME))) {
            findings.add(new Finding(PackGenerator.MANIFEST_NAME, "it names another PDF (document.sha256)"));
        }
    }

    /** The PDF's document information; empty when it cannot be read. */
    private static Map<String, String> info(Path pdf) {
        try {
            PdfReader reader = new PdfReader(new RandomAccessFileOrArray(pdf.toString(), false, false), null);
            try {
                return new HashMap<>(reader.getInfo());
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** A name that could escape the folder it is unpacked into: absolute, a drive, or a {@code ..} segment. */
    static boolean unsafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            return true;
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The fingerprint as lower-case hex without separators; IllegalArgumentException when it is not a SHA-256. */
    static String fingerprint(String sha256) {
        String hex = sha256.strip().replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("The expected certificate fingerprint is not a SHA-256 (64 hex"
                    + " digits): " + sha256);
        }
        return hex;
    }

    private static byte[] read(ZipInputStream in, String name, long[] total, Limits limits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
            count(n, total, limits);
            if (out.size() + (long) n > limits.listingBytes()) {
                throw new IllegalArgumentException("The archive's " + name + " is larger than "
                        + size(limits.listingBytes()) + ": refused.");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void copy(ZipInputStream in, OutputStream out, long[] total, Limits limits) throws IOException {
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
            count(n, total, limits);
            out.write(buffer, 0, n);
        }
    }

    private static void count(int n, long[] total, Limits limits) {
        total[0] += n;
        if (total[0] > limits.totalBytes()) {
            throw new IllegalArgumentException("The archive unpacks to more than " + size(limits.totalBytes())
                    + ": refused.");
        }
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        return bytes + " bytes";
    }

    private static ZipEntry nextEntry(ZipInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (ZipException e) {
            throw new IllegalArgumentException("The file is not a readable ZIP archive: " + e.getMessage(), e);
        }
    }
}
