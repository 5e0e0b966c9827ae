package com.attest.pack;

import com.attest.pack.PackPdf.ArchivedFile;
import com.attest.pack.PackSource.ItemRow;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes one pack: the raw artefacts streamed into the ZIP (each hashed as it is written), the manifest's content and
 * its digest, the PDF (carrying that digest and the artefacts' one) written to a file and signed, then the PDF,
 * {@code manifest.json} and {@code SHA256SUMS} added to the ZIP. The manifest's
 * {@code content} — scope, artefacts with their hashes, evidence items — depends only on the records, so the same
 * period with the same data always gives the same {@code contentSha256}; what differs between runs (pack id, time,
 * who, the signed PDF's hash) sits beside it under {@code pack} and {@code document}.
 */
public final class PackGenerator {

    public static final String PDF_NAME = "evidence-pack.pdf";
    public static final String MANIFEST_NAME = "manifest.json";
    static final String FORMAT = "attest-evidence-pack/1";
    /**
     * Every archive entry carries this time, so the archive varies neither with the clock nor with the JVM's time
     * zone: a local date-time goes into the entry's DOS fields as it is (no extended timestamp for a year before 2108).
     */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** What a finished pack is. */
    public record Output(Path pdf, Path zip, String pdfSha256, String zipSha256, String contentSha256, int pages,
                         long incidents, int artefacts, long evidenceItems) {
    }

    private PackGenerator() {
    }

    /**
     * Generates into {@code folder} (files {@code evidence-pack.pdf} and {@code evidence-pack.zip}); throws
     * {@link PackPdf.Cancelled} when {@code progress} answers false.
     */
    public static Output generate(PackDefinition definition, PackScope scope, PackPdf.Cover cover, PackSource source,
                                  Map<String, List<String>> gaps, PackSigner.Key key, Path folder,
                                  PackPdf.Progress progress) throws IOException {
        Path unsigned = folder.resolve("unsigned.pdf");
        Path pdf = folder.resolve(PDF_NAME);
        Path zip = folder.resolve("evidence-pack.zip");
        Map<String, String> sums = new LinkedHashMap<>();
        List<ArchivedFile> files = new ArrayList<>();
        try (OutputStream zipFile = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16);
             ZipOutputStream archive = new ZipOutputStream(zipFile)) {
            if (!progress.at("Collecting artefacts", 0.01)) {
                throw new PackPdf.Cancelled();
            }
            source.artefacts(scope, artefact -> {
                String sha;
                long size;
                try (InputStream in = artefact.open()) {
                    long[] counted = new long[1];
                    sha = add(archive, artefact.path(), in, counted);
                    size = counted[0];
                }
                sums.put(artefact.path(), sha);
                files.add(new ArchivedFile(artefact.path(), artefact.kind(), size, sha));
                return files.size() % 50 != 0 || progress.at("Collecting artefacts (" + files.size() + ")", 0.03);
            });
            // the manifest's content depends on the records only, not on the PDF: its digest goes into the signed PDF
            Map<String, Object> content = content(definition, scope, files, source);
            String contentSha = Sha256.hex(CanonicalJson.write(content));
            if (!progress.at("Writing the PDF", 0.04)) {
                throw new PackPdf.Cancelled();
            }
            PackPdf.Result result;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(unsigned), 1 << 16)) {
                result = PackPdf.write(out, definition, scope, cover, source, gaps, files, contentSha, progress);
            }
            if (!progress.at("Signing the PDF", 0.9)) {
                throw new PackPdf.Cancelled();
            }
            PackSigner.sign(unsigned, pdf, key, "Evidence pack #" + cover.packId() + " for " + scope.from() + " to "
                    + scope.to(), cover.organisation(), cover.generatedAt());
            Files.delete(unsigned);
            String pdfSha;
            try (InputStream in = Files.newInputStream(pdf)) {
                pdfSha = add(archive, PDF_NAME, in, new long[1]);
            }
            sums.put(PDF_NAME, pdfSha);
            if (!progress.at("Writing the manifest", 0.95)) {
                throw new PackPdf.Cancelled();
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("pack", Map.of("id", cover.packId(), "generatedAt", cover.generatedAt(),
                    "generatedBy", cover.generatedBy(), "organisation", cover.organisation()));
            manifest.put("document", Map.of("path", PDF_NAME, "sha256", pdfSha, "sizeBytes", Files.size(pdf),
                    "pages", result.pages()));
            manifest.put("content", content);
            manifest.put("contentSha256", contentSha);
            byte[] manifestBytes = CanonicalJson.write(manifest).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sums.put(MANIFEST_NAME, add(archive, MANIFEST_NAME, new java.io.ByteArrayInputStream(manifestBytes),
                    new long[1]));
            add(archive, Sha256Sums.NAME, new java.io.ByteArrayInputStream(Sha256Sums.write(sums)), new long[1]);
            archive.finish();
            @SuppressWarnings("unchecked")
            int evidence = ((List<Object>) content.get("evidence")).size();
            zipFile.flush();
            archive.close();
            return new Output(pdf, zip, pdfSha, fileSha(zip), contentSha, result.pages(), result.incidents(),
                    files.size(), evidence);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The reproducible part of the manifest: scope, artefacts and evidence items, in a fixed order. */
    static Map<String, Object> content(PackDefinition definition, PackScope scope, List<ArchivedFile> files,
                                       PackSource source) {
        Map<String, Object> content = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", definition.kind());
        s.put("from", scope.from());
        s.put("to", scope.to());
        s.put("timeZone", scope.zone().getId());
        s.put("incident", scope.incidentReference());
        content.put("scope", s);
        content.put("artefacts", files.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("kind", f.kind());
            m.put("sizeBytes", f.size());
            m.put("sha256", f.sha256());
            return m;
        }).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        long after = 0;
        for (List<ItemRow> batch; !(batch = source.items(scope, after, 1000)).isEmpty(); ) {
            for (ItemRow item : batch) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", item.id());
                m.put("type", item.type());
                m.put("title", item.title());
                m.put("periodDate", item.periodDate());
                m.put("sha256", item.sha256());
                m.put("retentionUntil", item.retentionUntil());
                items.add(m);
                after = item.id();
            }
        }
        content.put("evidence", items);
        return content;
    }

    private static String add(ZipOutputStream archive, String path, InputStream in, long[] size) {
        try {
            ZipEntry entry = new ZipEntry(path);
            entry.setTimeLocal(ENTRY_TIME);
            archive.putNextEntry(entry);
            MessageDigest digest = Sha256.digest();
            OutputStream out = new DigestOutputStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    archive.write(b);
                    size[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    archive.write(b, off, len);
                    size[0] += len;
                }
            }, digest);
            in.transferTo(out);
            archive.closeEntry();
            return Sha256.finish(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fileSha(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.hex(in);
        }
    }
}
