package com.attest.engagement;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One incident of an engagement's population: its key dates and outcomes. */
public record PopulationRow(long incidentId, String reference, String title, String severity, String status,
                            Instant detected, Instant declared, Instant contained, Instant resolved, Instant closed,
                            Outcomes.Sla sla, Outcomes.Review review, Outcomes.Notice notice) implements Serializable {

    /** The columns of the CSV download, in order. */
    public static final String[] COLUMNS = {"reference", "title", "severity", "status", "detected", "declared",
            "contained", "resolved", "closed", "sla", "review", "notification"};

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reference", reference);
        s.put("title", title);
        s.put("severity", severity);
        s.put("status", status);
        s.put("detected", detected);
        s.put("declared", declared);
        s.put("contained", contained);
        s.put("resolved", resolved);
        s.put("closed", closed);
        s.put("sla", sla.name());
        s.put("review", review.name());
        s.put("notification", notice.name());
        return s;
    }

    /**
     * The row as CSV cells (RFC 4180), in {@link #COLUMNS} order. The status and the outcomes are in the words the
     * engagement page shows ("approved late", "overdue"), never codes: the file is read by people.
     */
    public String csv() {
        Object[] cells = {reference, title, severity, status == null ? null : words(status), detected, declared,
                contained, resolved, closed, Outcomes.words(sla), Outcomes.words(review), Outcomes.words(notice)};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        return line.toString();
    }

    private static String words(String code) {
        return code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // a leading = + - @ would be taken for a formula by spreadsheets: quote it and prefix an apostrophe
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches(".*[\",\r\n'].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
