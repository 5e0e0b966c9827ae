package com.attest.pack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Re-checks a pack's ZIP offline: every file against {@code SHA256SUMS} — naming each altered, missing or extra
 * file — the PDF's signature, and the artefacts against the digest of them the signed PDF carries. Needs nothing from the portal: the archive is read as a stream, one file at a
 * time.
 */
public final class PackVerifier {

    /** A file that does not hold: altered (its digest differs), missing (listed, absent) or extra (not listed). */
    public record Finding(String path, String problem) {
    }

    /** The outcome: intact when every listed file is present and unaltered, nothing extra, and the PDF is signed. */
    public record Report(boolean intact, int filesChecked, List<Finding> findings, SignatureCheck signature) {
    }

    private PackVerifier() {
    }

    /** Verifies the archive read from {@code zip}; throws IllegalArgumentException when it is not a pack's ZIP. */
    public static Report verify(InputStream zip) throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        byte[] sums = null;
        Path pdf = null;
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(zip))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = nextEntry(in)) != null) {
                any = true;
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (name.equals(Sha256Sums.NAME)) {
                    sums = in.readAllBytes();
                    continue;
                }
                MessageDigest digest = sha256();
                if (name.equals(PackGenerator.PDF_NAME)) {
                    pdf = Files.createTempFile("pack-verify", ".pdf");
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(pdf), digest)) {
                        in.transferTo(out);
                    }
                } else {
                    in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
                }
                actual.put(name, HexFormat.of().formatHex(digest.digest()));
            }
            if (!any) {
                throw new IllegalArgumentException("The file is not a ZIP archive.");
            }
            if (sums == null) {
                throw new IllegalArgumentException("The archive has no " + Sha256Sums.NAME + ": it is not an evidence"
                        + " pack, or the file was removed.");
            }
            Map<String, String> listed = Sha256Sums.read(sums);
            List<Finding> findings = new ArrayList<>();
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
            SignatureCheck signature = pdf == null ? SignatureCheck.unsigned("the archive holds no "
                    + PackGenerator.PDF_NAME) : PackSigner.verify(pdf);
            if (findings.isEmpty() && pdf != null && signature.ok()) {
                // the signed PDF names the artefacts' digest: SHA256SUMS rewritten after an artefact changed is found
                Map<String, String> artefacts = new java.util.TreeMap<>(actual);
                artefacts.remove(PackGenerator.PDF_NAME);
                artefacts.remove(PackGenerator.MANIFEST_NAME);
                String signed = signedArtefactsDigest(pdf);
                if (signed != null && !signed.equals(PackPdf.artefactsDigest(artefacts))) {
                    findings.add(new Finding(Sha256Sums.NAME, "the artefacts differ from those the signed PDF names"));
                }
            }
            return new Report(findings.isEmpty() && signature.ok(), actual.size(), findings, signature);
        } finally {
            if (pdf != null) {
                Files.deleteIfExists(pdf);
            }
        }
    }

    private static String signedArtefactsDigest(Path pdf) {
        try {
            com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(
                    new com.lowagie.text.pdf.RandomAccessFileOrArray(pdf.toString(), false, false), null);
            try {
                return reader.getInfo().get(PackPdf.ARTEFACTS_KEY);
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ZipEntry nextEntry(ZipInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (ZipException e) {
            throw new IllegalArgumentException("The file is not a readable ZIP archive: " + e.getMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
