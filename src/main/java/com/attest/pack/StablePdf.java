package com.attest.pack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a rendered PDF the same bytes every time it is rendered from the same record: the creation and
 * modification dates become the record's own time and the file identifier a digest of the record, each written
 * over the original in place (same length, so the cross-reference offsets stay right). Used for the review PDFs
 * inside a pack, so the same period gives the same manifest.
 */
public final class StablePdf {

    private static final Pattern DATE = Pattern.compile("/(CreationDate|ModDate)\\s*\\(D:(\\d{14})");
    private static final Pattern ID = Pattern.compile("/ID\\s*\\[\\s*<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>");
    private static final DateTimeFormatter PDF_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private StablePdf() {
    }

    public static byte[] fix(byte[] pdf, Instant at, String seedSha256) {
        byte[] out = pdf.clone();
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        String stamp = PDF_DATE.format(at);
        Matcher date = DATE.matcher(text);
        while (date.find()) {
            write(out, date.start(2), stamp);
        }
        Matcher id = ID.matcher(text);
        while (id.find()) {
            write(out, id.start(1), fill(seedSha256, id.group(1).length()));
            write(out, id.start(2), fill(seedSha256, id.group(2).length()));
        }
        return out;
    }

    private static String fill(String seed, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(seed.toUpperCase());
        }
        return sb.substring(0, length);
    }

    private static void write(byte[] out, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, out, at, bytes.length);
    }
}
