package com.attest.pack;

import com.attest.platform.audit.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Takes pack archives apart and puts them back together, as someone tampering with one would. */
final class Archives {

    private Archives() {
    }

    /** The archive's files by name, in their order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** The files with SHA256SUMS recomputed over them, as a forger would. */
    static Map<String, byte[]> resummed(Map<String, byte[]> files) {
        Map<String, String> sums = new LinkedHashMap<>();
        files.forEach((name, body) -> {
            if (!name.equals(Sha256Sums.NAME)) {
                sums.put(name, Sha256.hex(body));
            }
        });
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.remove(Sha256Sums.NAME);
        out.put(Sha256Sums.NAME, Sha256Sums.write(sums));
        return out;
    }

    /** An archive of the files, in their order. */
    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
