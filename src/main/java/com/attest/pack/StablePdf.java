package com.attest.pack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a rendered PDF the same bytes every time it is rendered from the same record: the creation and
 * modification dates become the record's own time in UTC (digits and offset, whatever the JVM's time zone) and the
 * file identifier a digest of the record, each written over the original in place (same length, so the
 * cross-reference offsets stay right). Used for the review PDFs inside a pack, so the same period gives the same
 * manifest. An offset keeps its length ({@code +01'00'} becomes {@code Z00'00'}), so a PDF rendered in a zone
 * with an offset and one rendered at UTC itself ({@code Z}) still differ in length; zones with offsets agree.
 */
public final class StablePdf {

    /** A date, its 14 digits and its offset from UTC as OpenPDF writes it: {@code Z}, {@code +01'00'}, {@code -05'30}. */
    private static final Pattern DATE = Pattern.compile(
            "/(CreationDate|ModDate)\\s*\\(D:(\\d{14})([Z+\\-](?:\\d{2}'?(?:\\d{2}'?)?)?)?");
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
            if (date.group(3) != null) {
                write(out, date.start(3), utc(date.group(3)));
            }
        }
        Matcher id = ID.matcher(text);
        while (id.find()) {
            write(out, id.start(1), fill(seedSha256, id.group(1).length()));
            write(out, id.start(2), fill(seedSha256, id.group(2).length()));
        }
        return out;
    }

    /** The offset as UTC in as many characters: {@code Z}, {@code +01'00'} → {@code Z00'00'}. */
    private static String utc(String offset) {
        return "Z" + offset.substring(1).replaceAll("\\d", "0");
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
