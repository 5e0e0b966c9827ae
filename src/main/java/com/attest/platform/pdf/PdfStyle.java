package com.attest.platform.pdf;

import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;

/**
 * The look the portal's PDFs share (post-incident reviews, evidence packs): the palette of the pages, and tables whose
 * cells are ruled alike. Each document keeps its own type sizes.
 */
public final class PdfStyle {

    public static final Color INK = new Color(0x1f, 0x29, 0x33);
    public static final Color MUTED = new Color(0x61, 0x6e, 0x7c);
    public static final Color RULE = new Color(0xd9, 0xe2, 0xec);
    public static final Color SHADE = new Color(0xf0, 0xf4, 0xf8);
    public static final Color RED = new Color(0xb4, 0x23, 0x18);
    public static final Color GREEN = new Color(0x1e, 0x7b, 0x34);

    private PdfStyle() {
    }

    /**
     * A full-width table. {@code wholeRows}: a row that does not fit moves to the next page whole (only a row taller
     * than a page splits); otherwise rows split where the page ends.
     */
    public static PdfPTable table(float[] widths, boolean wholeRows) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(4);
        table.setSplitLate(wholeRows);
        table.setSplitRows(true);
        return table;
    }

    /** A ruled cell holding {@code text} (nothing for null), shaded when {@code shade} is not null. */
    public static void cell(PdfPTable table, String text, Font font, float padding, Color shade) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setBorderColor(RULE);
        cell.setPadding(padding);
        if (shade != null) {
            cell.setBackgroundColor(shade);
        }
        table.addCell(cell);
    }
}
