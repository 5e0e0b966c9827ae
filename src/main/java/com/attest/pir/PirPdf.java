package com.attest.pir;

import com.attest.actionitem.ActionItem;
import com.attest.incident.Incident;
import com.attest.platform.pdf.PdfStyle;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * An approved review as a PDF laid out on the policy's template (section 3, step 5): incident, times and severity,
 * timeline, root cause, impact, the actions of each step, customer notification, action items, then who approved
 * it and the SHA-256 of its content.
 */
public final class PirPdf {

    private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD, PdfStyle.INK);
    private static final Font HEADING = new Font(Font.HELVETICA, 11, Font.BOLD, PdfStyle.INK);
    private static final Font BODY = new Font(Font.HELVETICA, 10, Font.NORMAL, PdfStyle.INK);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, PdfStyle.MUTED);
    private static final Font MONO = new Font(Font.COURIER, 8, Font.NORMAL, PdfStyle.MUTED);

    private PirPdf() {
    }

    /** The PDF of {@code pir} for {@code incident}, times in {@code zone}. */
    public static byte[] render(Pir pir, List<ActionItem> items, Incident incident, ZoneId zone, String organisation,
                                ReviewEvidence evidence) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT).withZone(zone);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 64, 56);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new Footer(incident.getReference(), organisation));
            // for readers and assistive technology: the document's language, and its title shown instead of the file name
            writer.getExtraCatalog().put(com.lowagie.text.pdf.PdfName.LANG, new com.lowagie.text.pdf.PdfString("en"));
            writer.setViewerPreferences(PdfWriter.DisplayDocTitle);
            document.addTitle("Post-incident review " + incident.getReference());
            document.addSubject(incident.getTitle());
            document.addCreator("Attest");
            document.open();

            document.add(new Paragraph("Post-Incident Review", TITLE));
            Paragraph subtitle = new Paragraph(incident.getTitle(), BODY);
            subtitle.setSpacingAfter(10);
            document.add(subtitle);

            PdfPTable facts = table(new float[] {1.3f, 3f});
            fact(facts, "Incident ID", incident.getReference());
            fact(facts, "Date/Time detected", format(when, incident.getDetectedAt()));
            fact(facts, "Date/Time resolved", format(when, pir.getResolvedAt()));
            fact(facts, "Severity", incident.getSeverity().name());
            fact(facts, "Review owner", pir.getOwner());
            fact(facts, "Review due", format(when, pir.getDueAt()));
            document.add(facts);

            section(document, "Timeline", pir.form().timeline());
            section(document, "Root cause", pir.form().rootCause());
            section(document, "Impact (systems affected, data involved, customers notified Y/N)",
                    "Systems affected: " + orNone(pir.form().systemsAffected()) + "\nData involved: "
                            + orNone(pir.form().dataInvolved()) + "\nCustomers notified: "
                            + (pir.form().customersNotified() ? "Y" : "N"));
            section(document, "Containment actions taken", pir.form().containmentActions());
            section(document, "Eradication actions taken", pir.form().eradicationActions());
            section(document, "Recovery actions taken", pir.form().recoveryActions());
            section(document, "Customer notification required? (Y/N)", pir.form().notificationRequired()
                    ? "Y — " + pir.form().notificationDate() + ", " + pir.form().notificationMethod() : "N");

            evidence(document, evidence);

            heading(document, "Action items (owner, due date)");
            if (items.isEmpty()) {
                document.add(new Paragraph("None.", BODY));
            } else {
                PdfPTable table = table(new float[] {0.4f, 4f, 1.4f, 1.2f, 1.1f});
                table.setHeaderRows(1);
                for (String h : List.of("#", "Action", "Owner", "Due date", "Status")) {
                    PdfPCell cell = new PdfPCell(new Phrase(h, HEADING));
                    cell.setBackgroundColor(new Color(0xf0, 0xf4, 0xf8));
                    cell.setBorderColor(PdfStyle.RULE);
                    cell.setPadding(4);
                    table.addCell(cell);
                }
                int n = 1;
                for (ActionItem item : items) {
                    cell(table, String.valueOf(n++));
                    cell(table, item.getDescription());
                    cell(table, item.getOwner());
                    cell(table, item.getDueOn() == null ? "" : item.getDueOn().toString());
                    cell(table, item.getStatus().name().replace('_', ' ').toLowerCase(Locale.ROOT));
                }
                document.add(table);
            }

            heading(document, "Review");
            PdfPTable review = table(new float[] {1.3f, 3f});
            fact(review, "Submitted", pir.getSubmittedBy() + ", " + format(when, pir.getSubmittedAt()));
            fact(review, "Approved", pir.getDecidedBy() + ", " + format(when, pir.getDecidedAt())
                    + (pir.getDecisionComment() == null ? "" : " — " + pir.getDecisionComment()));
            fact(review, "On time", Boolean.TRUE.equals(pir.onTime()) ? "Yes" : "No");
            document.add(review);
            Paragraph hash = new Paragraph("SHA-256 of the approved content: " + pir.getApprovedSha256(), MONO);
            hash.setSpacingBefore(6);
            document.add(hash);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The review's PDF could not be written", e);
        }
        return out.toByteArray();
    }

    /** The evidence from the response: the checklist's completeness and each evidence file with its item. */
    private static void evidence(Document document, ReviewEvidence evidence) throws DocumentException {
        heading(document, "Evidence from the response");
        document.add(new Paragraph(evidence.checklist() == null ? "No runbook checklist was pinned to the incident."
                : "Runbook checklist: " + evidence.checklist() + ".", BODY));
        for (String item : evidence.notApplicable()) {
            document.add(new Paragraph("Not applicable: " + item, BODY));
        }
        if (evidence.resolvedWithOpen() != null) {
            document.add(new Paragraph("Resolved with work open: " + evidence.resolvedWithOpen(), BODY));
        }
        if (evidence.files().isEmpty()) {
            document.add(new Paragraph("No evidence file was attached on the incident.", BODY));
            return;
        }
        PdfPTable table = table(new float[] {2.2f, 2.4f, 2.4f});
        table.setHeaderRows(1);
        for (String h : List.of("Evidence file", "Checklist item", "SHA-256")) {
            PdfPCell cell = new PdfPCell(new Phrase(h, HEADING));
            cell.setBackgroundColor(new Color(0xf0, 0xf4, 0xf8));
            cell.setBorderColor(PdfStyle.RULE);
            cell.setPadding(4);
            table.addCell(cell);
        }
        for (ReviewEvidence.File f : evidence.files()) {
            cell(table, f.filename());
            cell(table, f.item() == null ? "The incident as a whole" : f.item());
            PdfStyle.cell(table, f.sha256(), MONO, 4, null);
        }
        document.add(table);
    }

    private static String orNone(String s) {
        return s.isBlank() ? "—" : s;
    }

    private static String format(DateTimeFormatter when, Instant at) {
        return at == null ? "—" : when.format(at);
    }

    private static PdfPTable table(float[] widths) {
        return PdfStyle.table(widths, false);
    }

    private static void fact(PdfPTable table, String name, String value) {
        PdfStyle.cell(table, name, HEADING, 4, null);
        cell(table, value);
    }

    private static void cell(PdfPTable table, String value) {
        PdfStyle.cell(table, value, BODY, 4, null);
    }

    private static void heading(Document document, String text) throws DocumentException {
        Paragraph heading = new Paragraph(text, HEADING);
        heading.setSpacingBefore(12);
        heading.setSpacingAfter(3);
        document.add(heading);
    }

    private static void section(Document document, String title, String text) throws DocumentException {
        heading(document, title);
        Paragraph body = new Paragraph(text == null || text.isBlank() ? "—" : text, BODY);
        body.setLeading(13);
        document.add(body);
    }

    /** "INC-… · Post-incident review · page n" at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final String reference;
        private final String organisation;

        Footer(String reference, String organisation) {
            this.reference = reference;
            this.organisation = organisation;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            try {
                BaseFont font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, false);
                var canvas = writer.getDirectContent();
                canvas.beginText();
                canvas.setFontAndSize(font, 8);
                canvas.setColorFill(PdfStyle.MUTED);
                canvas.showTextAligned(Element.ALIGN_LEFT, organisation + " · " + reference
                        + " · Post-incident review", document.left(), document.bottom() - 24, 0);
                canvas.showTextAligned(Element.ALIGN_RIGHT, "Page " + writer.getPageNumber(), document.right(),
                        document.bottom() - 24, 0);
                canvas.endText();
            } catch (DocumentException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
