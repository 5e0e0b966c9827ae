package com.attest.pack;

import com.attest.platform.pdf.PdfStyle;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

/**
 * The building blocks of an evidence pack's PDF: section headings and notes, and the tables with their header rows,
 * label-and-value facts, plain, digest and outcome cells.
 */
final class PackTables {

    static final Font HEADING = new Font(Font.HELVETICA, 11, Font.BOLD, PdfStyle.INK);
    static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, PdfStyle.MUTED);

    private PackTables() {
    }

    /** A heading within a section. */
    static void heading(Document document, String text, float spacingAfter) throws DocumentException {
        Paragraph heading = new Paragraph(text, HEADING);
        heading.setSpacingBefore(12);
        heading.setSpacingAfter(spacingAfter);
        document.add(heading);
    }

    /** A section's explaining note, in small print. */
    static void note(Document document, String text) throws DocumentException {
        Paragraph p = new Paragraph(text, SMALL);
        p.setLeading(11);
        p.setSpacingAfter(6);
        document.add(p);
    }

    static PdfPTable table(float[] widths) {
        return PdfStyle.table(widths, true);
    }

    static void header(PdfPTable table, String... titles) {
        for (String h : titles) {
            PdfStyle.cell(table, h, PackPdf.LABEL, 4, PdfStyle.SHADE);
        }
    }

    static void fact(PdfPTable table, String name, String value) {
        PdfStyle.cell(table, name, PackPdf.LABEL, 4, PdfStyle.SHADE);
        cell(table, value);
    }

    static void pair(PdfPTable table, String a, String av, String b, String bv) {
        fact(table, a, av);
        fact(table, b, bv);
    }

    static void cell(PdfPTable table, String value) {
        PdfStyle.cell(table, value, PackPdf.BODY, 3.5f, null);
    }

    /** A digest or commit id in two even lines rather than wrapped wherever the column ends. */
    static void mono(PdfPTable table, String value) {
        String text = value != null && value.matches("[0-9a-f]{64}") ? value.substring(0, 32) + "\n"
                + value.substring(32) : value;
        PdfStyle.cell(table, text, PackPdf.MONO, 3.5f, null);
    }

    static void outcome(PdfPTable table, String outcome) {
        boolean bad = "Breached".equals(outcome) || "Late".equals(outcome);
        PdfPCell cell = new PdfPCell(new Phrase(outcome, bad ? PackPdf.MISSING : PackPdf.BODY));
        cell.setBorderColor(PdfStyle.RULE);
        cell.setPadding(3.5f);
        table.addCell(cell);
    }
}
