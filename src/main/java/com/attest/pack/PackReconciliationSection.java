package com.attest.pack;

import com.attest.pack.PackSource.ReconciliationRow;
import com.attest.platform.pdf.PdfStyle;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pack's section on completeness and accuracy of the incident population: for each reconciliation recorded for
 * an engagement within the period, read from the JSON kept (the same file the archive carries), its counts, the
 * SHA-256 of the Azure evidence it was computed from, the Azure items left unmatched by their id, the dispositions
 * recorded, the accuracy differences with their explanation, and the matches.
 */
final class PackReconciliationSection {

    private static final Font HEADING = PackTables.HEADING;
    private static final Font SMALL = PackTables.SMALL;

    private final Document document;
    private final DateTimeFormatter when;

    private PackReconciliationSection(Document document, ZoneId zone) {
        this.document = document;
        this.when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    static void write(Document document, List<ReconciliationRow> rows, ZoneId zone) throws DocumentException {
        new PackReconciliationSection(document, zone).write(rows);
    }

    private void write(List<ReconciliationRow> rows) throws DocumentException {
        note("Is the incident population complete and accurate? Every Sentinel incident and Defender for Cloud alert"
                + " Azure returned for an engagement's period (the collected Azure evidence) is matched to a portal"
                + " incident or alert, carries a disposition recorded by a responder or the compliance lead, or is"
                + " listed here as unmatched by its Azure id; each matched pair is compared for severity, times and"
                + " status. Each reconciliation is the JSON file under reconciliation/ in the archive.");
        if (rows.isEmpty()) {
            document.add(new Paragraph("No reconciliation of the incident population with Azure was recorded for an"
                    + " engagement within the period.", PackPdf.MISSING));
            return;
        }
        for (ReconciliationRow row : rows) {
            reconciliation(row);
        }
    }

    @SuppressWarnings("unchecked")
    private void reconciliation(ReconciliationRow row) throws DocumentException {
        Map<String, Object> r = (Map<String, Object>) PackJson.parse(row.body());
        heading("Engagement " + row.engagement() + " · " + r.get("periodFrom") + " to " + r.get("periodTo")
                + " · reconciliation #" + row.id());
        PdfPTable facts = PackTables.table(new float[] {1.6f, 3f});
        PackTables.fact(facts, "Recorded", row.computedBy() + ", " + when.format(row.computedAt()));
        PackTables.fact(facts, "Azure items", text(r.get("azureItems")) + " — matched " + text(r.get("matched"))
                + ", dispositioned " + text(r.get("dispositioned")) + ", unmatched " + text(r.get("unmatched")));
        PackTables.fact(facts, "Accuracy differences", text(r.get("differences")) + ", of which unexplained "
                + text(r.get("unexplainedDifferences")) + " (times compared within " + text(r.get("toleranceMinutes"))
                + " minutes)");
        document.add(facts);
        digest("SHA-256 of the Azure evidence it was computed from", text(r.get("evidenceSha256")));
        digest("SHA-256 of this reconciliation (its JSON file)", row.sha256());

        List<Map<String, Object>> items = (List<Map<String, Object>>) r.getOrDefault("items", List.of());
        List<Map<String, Object>> unmatched = new ArrayList<>();
        List<Map<String, Object>> dispositioned = new ArrayList<>();
        List<Map<String, Object>> matched = new ArrayList<>();
        for (Map<String, Object> item : items) {
            switch (text(item.get("outcome"))) {
                case "UNMATCHED" -> unmatched.add(item);
                case "DISPOSITIONED" -> dispositioned.add(item);
                default -> matched.add(item);
            }
        }
        subheading("Unmatched Azure items (a CC7.3 gap until matched or dispositioned)");
        if (unmatched.isEmpty()) {
            document.add(new Paragraph("None: every Azure item is matched or dispositioned.", PackPdf.BODY));
        } else {
            PdfPTable table = PackTables.table(new float[] {1.3f, 3.4f, 2.2f});
            table.setHeaderRows(1);
            PackTables.header(table, "Kind", "Azure id", "Title");
            for (Map<String, Object> item : unmatched) {
                PackTables.cell(table, kind(item));
                PdfStyle.cell(table, text(item.get("azureId")), PackPdf.MONO, 3.5f, null);
                PackTables.cell(table, text(item.get("title")));
            }
            document.add(table);
        }
        subheading("Dispositions");
        if (dispositioned.isEmpty()) {
            document.add(new Paragraph("None recorded.", PackPdf.BODY));
        } else {
            PdfPTable table = PackTables.table(new float[] {2.6f, 1.1f, 2.4f, 1.6f});
            table.setHeaderRows(1);
            PackTables.header(table, "Azure id", "Disposition", "Reason", "Recorded");
            for (Map<String, Object> item : dispositioned) {
                Map<String, Object> d = (Map<String, Object>) item.getOrDefault("disposition", Map.of());
                PdfStyle.cell(table, text(item.get("azureId")), PackPdf.MONO, 3.5f, null);
                String duplicateOf = text(d.get("duplicateOf"));
                PackTables.cell(table, words(text(d.get("disposition"))) + (duplicateOf.isEmpty() ? ""
                        : " of " + duplicateOf));
                PackTables.cell(table, text(d.get("reason")));
                PackTables.cell(table, text(d.get("recordedBy")) + ", " + instant(text(d.get("recordedAt"))));
            }
            document.add(table);
        }
        subheading("Accuracy differences");
        PdfPTable differences = PackTables.table(new float[] {2f, 0.9f, 0.9f, 1.2f, 1.2f, 2f});
        differences.setHeaderRows(1);
        PackTables.header(differences, "Azure id", "Incident", "Field", "Azure", "Portal", "Explanation");
        int listed = 0;
        for (Map<String, Object> item : matched) {
            for (Map<String, Object> x : (List<Map<String, Object>>) item.getOrDefault("differences", List.of())) {
                PdfStyle.cell(differences, text(item.get("azureId")), PackPdf.MONO, 3.5f, null);
                PackTables.cell(differences, text(item.get("incident")));
                PackTables.cell(differences, text(x.get("field")));
                PackTables.cell(differences, text(x.get("azure")));
                PackTables.cell(differences, text(x.get("portal")));
                String why = text(x.get("explanation"));
                PackTables.outcome(differences, why.isEmpty() ? "Unexplained" : why);
                listed++;
            }
        }
        if (listed == 0) {
            document.add(new Paragraph("None: every matched pair agrees.", PackPdf.BODY));
        } else {
            document.add(differences);
        }
        subheading("Matches");
        if (matched.isEmpty()) {
            document.add(new Paragraph("None.", PackPdf.BODY));
        } else {
            PdfPTable table = PackTables.table(new float[] {1.3f, 3.4f, 1.1f, 1.4f});
            table.setHeaderRows(1);
            PackTables.header(table, "Kind", "Azure id", "Incident", "Matched by");
            for (Map<String, Object> item : matched) {
                PackTables.cell(table, kind(item));
                PdfStyle.cell(table, text(item.get("azureId")), PackPdf.MONO, 3.5f, null);
                PackTables.cell(table, text(item.get("incident")));
                PackTables.cell(table, text(item.get("matchedBy")));
            }
            document.add(table);
        }
    }

    private static String kind(Map<String, Object> item) {
        return "DEFENDER_ALERTS".equals(item.get("kind")) || "DEFENDER_ALERT".equals(item.get("kind"))
                ? "Defender alert" : "Sentinel incident";
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private String instant(String iso) {
        try {
            return when.format(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private void digest(String label, String sha256) throws DocumentException {
        Paragraph p = new Paragraph(label + ":", SMALL);
        p.setSpacingBefore(4);
        document.add(p);
        document.add(new Paragraph(sha256, PackPdf.MONO));
    }

    private void note(String text) throws DocumentException {
        PackTables.note(document, text);
    }

    private void heading(String text) throws DocumentException {
        PackTables.heading(document, text, 4);
    }

    private void subheading(String text) throws DocumentException {
        Paragraph p = new Paragraph(text, PackPdf.LABEL);
        p.setSpacingBefore(8);
        p.setSpacingAfter(2);
        document.add(p);
    }
}
