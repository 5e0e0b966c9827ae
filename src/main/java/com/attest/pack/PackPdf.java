package com.attest.pack;

import com.attest.pack.PackSource.CallRow;
import com.attest.pack.PackSource.DocumentRow;
import com.attest.pack.PackSource.EvidenceTypeRow;
import com.attest.pack.PackSource.ExerciseRow;
import com.attest.pack.PackSource.IncidentDetail;
import com.attest.pack.PackSource.IncidentRow;
import com.attest.pack.PackSource.ItemRow;
import com.attest.pack.PackSource.NoticeRow;
import com.attest.pack.PackSource.RunRow;
import com.attest.pack.PackSource.TimelineRow;
import com.attest.platform.audit.ChainVerification;
import com.attest.platform.pdf.PdfStyle;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDestination;
import com.lowagie.text.pdf.PdfOutline;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pack's PDF, written straight to a stream: the cover, then the sections the definition lists, then the
 * contents, which are moved behind the cover before the document closes. The contents' length is known before the
 * body is written (one line per section and per incident, a fixed number of lines a page), so every page carries
 * its final number as it is written; bookmarks point at each section and incident. Tables are added in slices and
 * repeat their header on every page, so nothing but the current slice is held. The look is the post-incident
 * review's ({@code PirPdf}).
 */
public final class PackPdf {

    /** The PDF's document-information entry holding the artefacts' digest (see {@link #artefactsDigest}). */
    public static final String ARTEFACTS_KEY = "AttestArtefactsSha256";

    /**
     * The PDF's document-information entry holding the manifest's {@code contentSha256}: the SHA-256 of the
     * canonical JSON of its {@code content}, so the signature covers what manifest.json says.
     */
    public static final String CONTENT_KEY = "AttestContentSha256";

    /**
     * One digest over every raw artefact of the archive: SHA-256 of their {@code SHA256SUMS} lines, sorted by path.
     * The signed PDF carries it, so an artefact changed together with {@code SHA256SUMS} is still found.
     */
    public static String artefactsDigest(java.util.Map<String, String> digestByPath) {
        return com.attest.platform.audit.Sha256.hex(Sha256Sums.write(new TreeMap<>(digestByPath)));
    }

    /** What the cover says about the pack. */
    public record Cover(String organisation, long packId, Instant generatedAt, String generatedBy) {
    }

    /** An artefact as written to the archive, for the PDF's list of them. */
    public record ArchivedFile(String path, String kind, long size, String sha256) {
    }

    /** Told how far the PDF has come; answers false to stop (the pack was cancelled). */
    public interface Progress {
        boolean at(String stage, double fraction);
    }

    /** How the PDF came out. */
    public record Result(int pages, long incidents) {
    }

    /** The PDF stopped because the pack was cancelled. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("The pack was cancelled.");
        }
    }

    private static final Font TITLE = new Font(Font.HELVETICA, 24, Font.BOLD, PdfStyle.INK);
    private static final Font SUBTITLE = new Font(Font.HELVETICA, 13, Font.NORMAL, PdfStyle.MUTED);
    private static final Font SECTION = new Font(Font.HELVETICA, 16, Font.BOLD, PdfStyle.INK);
    private static final Font HEADING = PackTables.HEADING;
    static final Font LABEL = new Font(Font.HELVETICA, 8.5f, Font.BOLD, PdfStyle.INK);
    static final Font BODY = new Font(Font.HELVETICA, 8.5f, Font.NORMAL, PdfStyle.INK);
    private static final Font TEXT = new Font(Font.HELVETICA, 10, Font.NORMAL, PdfStyle.INK);
    private static final Font SMALL = PackTables.SMALL;
    static final Font MONO = new Font(Font.COURIER, 7, Font.NORMAL, PdfStyle.INK);
    private static final Font PRESENT = new Font(Font.HELVETICA, 8.5f, Font.BOLD, PdfStyle.GREEN);
    static final Font MISSING = new Font(Font.HELVETICA, 8.5f, Font.BOLD, PdfStyle.RED);

    /** Lines of contents per page, and their leading: fixed, so the contents' length is known in advance. */
    static final int CONTENTS_LINES = 46;
    private static final float CONTENTS_LEADING = 14;
    private static final int SLICE = 60;
    private static final int BATCH = 100;

    private final PackDefinition definition;
    private final PackScope scope;
    private final Cover cover;
    private final PackSource source;
    private final Map<String, List<String>> gaps;
    private final List<ArchivedFile> files;
    private final String contentSha256;
    private final Progress progress;
    private final DateTimeFormatter when;
    private final DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
    private final List<String[]> contents = new ArrayList<>();

    private Document document;
    private PdfWriter writer;
    private Frame frame;
    private int contentsPages;
    private long incidentTotal;
    private long incidentsDone;

    private PackPdf(PackDefinition definition, PackScope scope, Cover cover, PackSource source,
                    Map<String, List<String>> gaps, List<ArchivedFile> files, String contentSha256,
                    Progress progress) {
        this.definition = definition;
        this.scope = scope;
        this.cover = cover;
        this.source = source;
        this.gaps = gaps;
        this.files = files;
        this.contentSha256 = contentSha256;
        this.progress = progress;
        this.when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(scope.zone());
    }

    /**
     * Writes the pack's PDF to {@code out} (not closed). {@code gaps}: control code → the control-health gap
     * sentences for the period; {@code files}: what the archive holds beside the PDF; {@code contentSha256}: the
     * manifest's content digest, carried in the document information and on the cover.
     */
    public static Result write(OutputStream out, PackDefinition definition, PackScope scope, Cover cover,
                               PackSource source, Map<String, List<String>> gaps, List<ArchivedFile> files,
                               String contentSha256, Progress progress) {
        return new PackPdf(definition, scope, cover, source, gaps, files, contentSha256, progress).write(out);
    }

    private Result write(OutputStream out) {
        incidentTotal = source.incidentCount(scope);
        int entries = definition.sections().size() + (definition.has("incidents") ? (int) incidentTotal : 0);
        contentsPages = Math.max(1, (entries + CONTENTS_LINES - 1) / CONTENTS_LINES);
        document = new Document(PageSize.A4, 56, 56, 72, 60);
        try {
            writer = PdfWriter.getInstance(document, out);
            writer.setCompressionLevel(6);
            // for readers and assistive technology: the document's language, and its title shown instead of the file name
            writer.getExtraCatalog().put(com.lowagie.text.pdf.PdfName.LANG, new com.lowagie.text.pdf.PdfString("en"));
            writer.setViewerPreferences(PdfWriter.DisplayDocTitle);
            frame = new Frame();
            writer.setPageEvent(frame);
            document.addTitle(definition.title() + " — " + period());
            document.addSubject("Evidence for CC7.3, CC7.4 and CC7.5");
            document.addAuthor(cover.organisation());
            document.addCreator("Attest");
            document.addHeader(ARTEFACTS_KEY, artefactsDigest(files.stream().collect(java.util.stream.Collectors.toMap(
                    ArchivedFile::path, ArchivedFile::sha256))));
            document.addHeader(CONTENT_KEY, contentSha256);
            document.open();
            writer.setLinearPageMode(); // one flat page tree, so the contents can move behind the cover
            writeCover();
            for (PackDefinition.Section section : definition.sections()) {
                startSection(section);
                switch (section.id()) {
                    case "coverage" -> coverage();
                    case "documents" -> documents();
                    case "incident-population" -> population();
                    case "reconciliation" -> PackReconciliationSection.write(document, source.reconciliations(scope),
                            scope.zone());
                    case "incidents" -> incidents();
                    case "exercises" -> exercises();
                    case "notifications" -> notifications();
                    case "audit-trail" -> auditTrail();
                    case "manifest" -> manifest();
                    case "artefacts" -> artefacts();
                    default -> throw new IllegalStateException("No renderer for section " + section.id());
                }
            }
            writeContents();
            int pages = writer.getPageNumber() - 1;
            document.close();
            return new Result(pages, incidentTotal);
        } catch (DocumentException e) {
            throw new IllegalStateException("The pack's PDF could not be written: " + e.getMessage(), e);
        }
    }

    private String period() {
        return scope.from() + " to " + scope.to()
                + (scope.singleIncident() ? " · " + scope.incidentReference() : "");
    }

    // ---------------------------------------------------------------- cover and contents

    private void writeCover() throws DocumentException {
        frame.phase = Phase.COVER;
        Paragraph kicker = new Paragraph(cover.organisation(), SUBTITLE);
        kicker.setSpacingBefore(90);
        document.add(kicker);
        Paragraph title = new Paragraph(definition.title(), TITLE);
        title.setSpacingBefore(6);
        title.setSpacingAfter(6);
        document.add(title);
        document.add(new Paragraph("SOC 2 incident response · CC7.3 · CC7.4 · CC7.5", SUBTITLE));
        PdfPTable facts = PackTables.table(new float[] {1.4f, 3f});
        facts.setSpacingBefore(36);
        PackTables.fact(facts, "Organisation", cover.organisation());
        PackTables.fact(facts, "Period", scope.from() + " to " + scope.to() + " (both included, " + scope.zone() + ")");
        if (scope.singleIncident()) {
            PackTables.fact(facts, "Incident", scope.incidentReference());
        }
        PackTables.fact(facts, "Pack", "#" + cover.packId() + " · " + definition.kind());
        PackTables.fact(facts, "Generated", when.format(cover.generatedAt()) + " " + scope.zone());
        PackTables.fact(facts, "Generated by", cover.generatedBy());
        PackTables.fact(facts, "Incidents", String.valueOf(incidentTotal));
        PackTables.fact(facts, "Artefacts", files.size() + " file(s) in the archive; SHA-256 of their SHA256SUMS lines:\n"
                + artefactsDigest(files.stream().collect(java.util.stream.Collectors.toMap(ArchivedFile::path,
                ArchivedFile::sha256))));
        PackTables.fact(facts, "Manifest", "contentSha256 of manifest.json (scope, artefacts, evidence items):\n"
                + contentSha256);
        document.add(facts);
        Paragraph about = new Paragraph(definition.description(), TEXT);
        about.setSpacingBefore(18);
        about.setLeading(14);
        document.add(about);
        Paragraph note = new Paragraph("This PDF is signed with the organisation's certificate: any change to it"
                + " breaks the signature. The ZIP archive beside it holds this PDF, the raw artefacts, manifest.json"
                + " and SHA256SUMS (check with `sha256sum -c SHA256SUMS`, or `VerifyPack`).", SMALL);
        note.setSpacingBefore(18);
        note.setLeading(11);
        document.add(note);
    }

    private void startSection(PackDefinition.Section section) throws DocumentException {
        document.newPage(); // ends the cover or the previous section's last page
        frame.phase = Phase.BODY;
        String name = "section-" + section.id();
        PdfContentByte canvas = writer.getDirectContent();
        canvas.localDestination(name, new PdfDestination(PdfDestination.FIT));
        new PdfOutline(canvas.getRootOutline(), new PdfDestination(PdfDestination.FIT), section.title());
        contents.add(new String[] {section.title(), String.valueOf(displayed(writer.getPageNumber())), name, ""});
        Paragraph title = new Paragraph(section.title(), SECTION);
        title.setSpacingAfter(8);
        document.add(title);
    }

    private int displayed(int physical) {
        return physical + contentsPages;
    }

    /** The contents, written last on pages of their own and then moved behind the cover. */
    private void writeContents() throws DocumentException {
        document.newPage();
        int bodyEnd = writer.getPageNumber() - 1;
        frame.phase = Phase.CONTENTS;
        frame.bodyPages = bodyEnd - 1;
        BaseFont regular = BODY.getCalculatedBaseFont(false);
        BaseFont bold = LABEL.getCalculatedBaseFont(false);
        float width = document.right() - document.left();
        for (int page = 0; page < contentsPages; page++) {
            if (page > 0) {
                document.newPage();
            }
            document.add(new Paragraph(page == 0 ? "Contents" : "Contents (continued)", SECTION));
            PdfContentByte canvas = writer.getDirectContent();
            float y = document.top() - 40;
            for (int line = 0; line < CONTENTS_LINES; line++) {
                int index = page * CONTENTS_LINES + line;
                if (index >= contents.size()) {
                    break;
                }
                String[] entry = contents.get(index);
                boolean sub = !entry[3].isEmpty();
                BaseFont font = sub ? regular : bold;
                float size = sub ? 8.5f : 10f;
                float indent = sub ? 14 : 0;
                String text = fit(entry[0], font, size, width - indent - 50);
                canvas.beginText();
                canvas.setFontAndSize(font, size);
                canvas.setColorFill(PdfStyle.INK);
                canvas.showTextAligned(Element.ALIGN_LEFT, text, document.left() + indent, y, 0);
                canvas.showTextAligned(Element.ALIGN_RIGHT, entry[1], document.right(), y, 0);
                canvas.endText();
                canvas.setColorStroke(PdfStyle.RULE);
                canvas.setLineWidth(0.4f);
                canvas.setLineDash(1, 2, 0);
                float from = document.left() + indent + font.getWidthPoint(text, size) + 4;
                float to = document.right() - font.getWidthPoint(entry[1], size) - 4;
                if (to > from) {
                    canvas.moveTo(from, y);
                    canvas.lineTo(to, y);
                    canvas.stroke();
                }
                canvas.setLineDash(0);
                canvas.localGoto(entry[2], document.left(), y - 3, document.right(), y + size);
                y -= CONTENTS_LEADING;
            }
        }
        document.newPage();
        int total = writer.getPageNumber() - 1;
        int[] order = new int[total];
        int k = 0;
        order[k++] = 1;
        for (int p = bodyEnd + 1; p <= total; p++) {
            order[k++] = p;
        }
        for (int p = 2; p <= bodyEnd; p++) {
            order[k++] = p;
        }
        writer.reorderPages(order);
    }

    private static String fit(String text, BaseFont font, float size, float width) {
        if (font.getWidthPoint(text, size) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && font.getWidthPoint(t + "…", size) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    // ---------------------------------------------------------------- sections

    private void coverage() throws DocumentException {
        Map<String, Long> counts = new LinkedHashMap<>(source.evidenceCounts(scope));
        // the policy and runbook evidence a period when a version was in force in it, whenever it was approved: each
        // such version counts once (the item registered at its approval is that same version, not a second one)
        Map<String, Long> versions = new LinkedHashMap<>();
        for (DocumentRow d : source.documents(scope)) {
            versions.merge("POLICY".equals(d.kind()) ? "POLICY" : "RUNBOOK", 1L, Long::sum);
        }
        counts.putAll(versions);
        // an exercise evidences the control once signed off, as control health judges it: a record still open or a
        // report attached to it is not yet evidence of an exercise held
        counts.put("EXERCISE", source.exercises(scope).stream().filter(e -> e.signedOffAt() != null).count());
        Map<String, EvidenceTypeRow> types = new LinkedHashMap<>();
        source.evidenceTypes().forEach(t -> types.put(t.code(), t));
        note("Evidence items registered for " + (scope.singleIncident() ? "the incident" : "the period")
                + " by type (the policy and runbook count each version in force in the period, an exercise counts"
                + " once signed off), under each control this pack judges, and the gaps control health finds for"
                + " the period.");
        for (PackDefinition.ControlCoverage control : definition.controls()) {
            heading(control.control() + " · " + control.title());
            PdfPTable table = PackTables.table(new float[] {3.6f, 1.1f, 1f});
            table.setHeaderRows(1);
            PackTables.header(table, "Evidence type", "Items", "Coverage");
            int present = 0;
            for (String code : control.evidence()) {
                EvidenceTypeRow type = types.get(code);
                long n = counts.getOrDefault(code, 0L);
                present += n > 0 ? 1 : 0;
                PackTables.cell(table, type == null ? code : type.title());
                PackTables.cell(table, String.valueOf(n));
                PdfPCell state = new PdfPCell(new Phrase(n > 0 ? "Present" : "Missing", n > 0 ? PRESENT : MISSING));
                state.setBorderColor(PdfStyle.RULE);
                state.setPadding(4);
                table.addCell(state);
            }
            document.add(table);
            Paragraph summary = new Paragraph(present + " of " + control.evidence().size()
                    + " evidence types present.", BODY);
            document.add(summary);
            List<String> found = gaps.getOrDefault(control.control(), List.of());
            Paragraph g = new Paragraph(found.isEmpty() ? "Control health: no gaps in the period."
                    : "Control health: " + found.size() + " gap(s) in the period:", BODY);
            g.setSpacingBefore(4);
            document.add(g);
            for (String sentence : found) {
                Paragraph p = new Paragraph("•  " + sentence, BODY);
                p.setIndentationLeft(10);
                document.add(p);
            }
        }
    }

    private void documents() throws DocumentException {
        List<DocumentRow> rows = source.documents(scope);
        note("The incident-response policy and runbook versions in force at any time in the period; each version is"
                + " a Git commit of the documents repository.");
        if (rows.isEmpty()) {
            document.add(new Paragraph("No policy or runbook version was in force in the period.", MISSING));
            return;
        }
        PdfPTable table = PackTables.table(new float[] {0.9f, 2.4f, 0.6f, 2.1f, 1.3f, 1.1f, 1.1f});
        table.setHeaderRows(1);
        PackTables.header(table, "Document", "Title", "Version", "Git commit", "In force from", "Approved by", "State");
        for (DocumentRow d : rows) {
            PackTables.cell(table, "POLICY".equals(d.kind()) ? "Policy" : "Runbook");
            PackTables.cell(table, d.title());
            PackTables.cell(table, "v" + d.number());
            PackTables.mono(table, d.commitId());
            PackTables.cell(table, format(d.effectiveFrom()));
            PackTables.cell(table, d.approvedBy());
            PackTables.cell(table, "APPROVED".equals(d.state()) ? "In force" + (d.reviewDue() == null ? ""
                    : ", review due " + d.reviewDue()) : "Superseded");
        }
        document.add(table);
    }

    private void population() throws DocumentException {
        note("Every incident detected in the period, with its severity and whether the response target was met"
                + " (declared by its deadline).");
        Map<String, long[]> bySeverity = new TreeMap<>();
        Map<String, Long> byOutcome = new TreeMap<>();
        Instant now = cover.generatedAt();
        long after = 0;
        for (List<IncidentRow> batch; !(batch = source.incidents(scope, after, 500)).isEmpty(); ) {
            for (IncidentRow i : batch) {
                bySeverity.computeIfAbsent(i.severity(), k -> new long[1])[0]++;
                byOutcome.merge(i.slaOutcome(now), 1L, Long::sum);
                after = i.id();
            }
        }
        PdfPTable summary = PackTables.table(new float[] {1, 1, 1, 1, 1, 1});
        PackTables.header(summary, "Incidents", "P1", "P2", "P3", "P4", "Response target");
        PackTables.cell(summary, String.valueOf(incidentTotal));
        for (String s : List.of("P1", "P2", "P3", "P4")) {
            PackTables.cell(summary, String.valueOf(bySeverity.getOrDefault(s, new long[1])[0]));
        }
        StringBuilder outcomes = new StringBuilder();
        byOutcome.forEach((k, v) -> outcomes.append(outcomes.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v));
        PackTables.cell(summary, outcomes.length() == 0 ? "—" : outcomes.toString());
        document.add(summary);

        PdfPTable table = PackTables.table(new float[] {1.2f, 2.35f, 0.55f, 0.85f, 1.45f, 1.45f, 1.05f});
        table.setHeaderRows(1);
        table.setComplete(false);
        PackTables.header(table, "Incident", "Title", "Sev.", "Status", "Detected", "Declared", "Response");
        after = 0;
        int rows = 0;
        for (List<IncidentRow> batch; !(batch = source.incidents(scope, after, 500)).isEmpty(); ) {
            for (IncidentRow i : batch) {
                PackTables.cell(table, i.reference());
                PackTables.cell(table, i.title());
                PackTables.cell(table, i.severity());
                PackTables.cell(table, label(i.status()));
                PackTables.cell(table, format(i.detectedAt()));
                PackTables.cell(table, format(i.declaredAt()));
                PackTables.outcome(table, i.slaOutcome(now));
                after = i.id();
                if (++rows % SLICE == 0) {
                    document.add(table);
                }
            }
            step("Incident population", 0.05);
        }
        table.setComplete(true);
        document.add(table);
    }

    private void incidents() throws DocumentException {
        if (incidentTotal == 0) {
            document.add(new Paragraph("No incidents in the period.", TEXT));
            return;
        }
        PdfOutline section = lastOutline();
        long after = 0;
        for (List<IncidentRow> batch; !(batch = source.incidents(scope, after, BATCH)).isEmpty(); ) {
            for (IncidentDetail detail : source.details(batch)) {
                incident(section, detail);
                after = detail.incident().id();
                incidentsDone++;
            }
            step("Incidents " + incidentsDone + " of " + incidentTotal, 0.05 + 0.75 * incidentsDone / incidentTotal);
        }
    }

    private PdfOutline lastOutline() {
        List<PdfOutline> kids = writer.getDirectContent().getRootOutline().getKids();
        return kids.get(kids.size() - 1);
    }

    private void incident(PdfOutline section, IncidentDetail d) throws DocumentException {
        IncidentRow i = d.incident();
        if (writer.getVerticalPosition(true) - document.bottom() < 150) {
            document.newPage();
        }
        String name = "incident-" + i.id();
        String title = i.reference() + " · " + i.title();
        PdfContentByte canvas = writer.getDirectContent();
        float y = writer.getVerticalPosition(true) + 12;
        canvas.localDestination(name, new PdfDestination(PdfDestination.XYZ, document.left() - 20, y, 0));
        new PdfOutline(section, new PdfDestination(PdfDestination.XYZ, document.left() - 20, y, 0), title, false);
        contents.add(new String[] {title, String.valueOf(displayed(writer.getPageNumber())), name, "sub"});

        Paragraph head = new Paragraph(title, HEADING);
        head.setSpacingBefore(10);
        head.setKeepTogether(true);
        document.add(head);
        PdfPTable facts = PackTables.table(new float[] {1, 1.6f, 1, 1.6f});
        PackTables.pair(facts, "Severity", i.severity(), "Status", label(i.status()));
        PackTables.pair(facts, "Detected", format(i.detectedAt()), "Owner", orDash(i.owner()));
        PackTables.pair(facts, "Declared", format(i.declaredAt()), "Response target",
                format(i.responseDueAt()) + " · " + i.slaOutcome(cover.generatedAt()));
        PackTables.pair(facts, "Contained", format(i.containedAt()), "Resolved", format(i.resolvedAt()));
        PackTables.pair(facts, "Closed", format(i.closedAt()), "On-call messages", String.valueOf(d.onCallMessages()));
        document.add(facts);

        if (!d.timeline().isEmpty()) {
            PdfPTable t = PackTables.table(new float[] {1.2f, 0.9f, 1.2f, 4.5f});
            t.setHeaderRows(1);
            PackTables.header(t, "When", "Who", "Milestone", "Timeline");
            for (TimelineRow e : d.timeline()) {
                PackTables.cell(t, format(e.occurredAt()));
                PackTables.cell(t, e.recordedBy());
                PackTables.cell(t, e.milestone() == null ? "" : label(e.milestone()));
                PackTables.cell(t, e.text());
            }
            document.add(t);
        }
        if (!d.runs().isEmpty()) {
            PdfPTable a = PackTables.table(new float[] {0.55f, 1.6f, 1f, 1.3f, 1.45f, 3f});
            a.setHeaderRows(1);
            PackTables.header(a, "Run", "Action", "State", "Requested / approved", "Finished", "Azure calls (status, request id)");
            for (RunRow r : d.runs()) {
                PackTables.cell(a, "#" + r.id());
                PackTables.cell(a, r.type() + (r.summary() == null ? "" : "\n" + r.summary()));
                PackTables.cell(a, label(r.state()) + (r.breakGlass() ? " (break glass)" : ""));
                PackTables.cell(a, r.requestedBy() + (r.decidedBy() == null ? "" : " / " + r.decidedBy()));
                PackTables.cell(a, format(r.finishedAt()));
                StringBuilder calls = new StringBuilder();
                for (CallRow c : r.calls()) {
                    calls.append(calls.length() == 0 ? "" : "\n").append(c.method()).append(' ').append(c.status())
                            .append(' ').append(c.requestId() == null ? "(no request id)" : c.requestId());
                }
                PackTables.mono(a, calls.length() == 0 ? "—" : calls.toString());
            }
            document.add(a);
        }
        Paragraph review = new Paragraph(d.pir() == null ? "Post-incident review: none."
                : "Post-incident review #" + d.pir().id() + ": " + label(d.pir().state()) + ", owner "
                + d.pir().owner() + ", due " + format(d.pir().dueAt())
                + (d.pir().decidedBy() == null ? "" : ", decided by " + d.pir().decidedBy() + " on "
                + format(d.pir().decidedAt())) + " (" + d.pir().outcome(cover.generatedAt()) + ")"
                + (d.pir().approvedSha256() == null ? "" : ". SHA-256 " + d.pir().approvedSha256()), BODY);
        review.setSpacingBefore(3);
        document.add(review);
        for (NoticeRow n : d.notices()) {
            document.add(new Paragraph("Customer notice #" + n.id() + " \"" + n.subject() + "\": " + label(n.state())
                    + (n.method() == null ? "" : " by " + label(n.method())) + (n.deliveredAt() == null ? ""
                    : " at " + format(n.deliveredAt())), BODY));
        }
    }

    private void exercises() throws DocumentException {
        List<ExerciseRow> rows = source.exercises(scope);
        note("Tabletop and live incident-response exercises held in the period, with the runbook version exercised.");
        if (rows.isEmpty()) {
            document.add(new Paragraph("No exercise was held in the period.", MISSING));
            return;
        }
        PdfPTable table = PackTables.table(new float[] {1.2f, 0.8f, 2.4f, 1f, 1.8f, 1.4f, 2f});
        table.setHeaderRows(1);
        PackTables.header(table, "Held", "Kind", "Title", "Facilitator", "Signed off", "Runbook", "Content SHA-256");
        for (ExerciseRow x : rows) {
            PackTables.cell(table, format(x.heldAt()));
            PackTables.cell(table, label(x.kind()));
            PackTables.cell(table, x.title());
            PackTables.cell(table, x.facilitator());
            PackTables.cell(table, x.signedOffBy() == null ? "Draft" : x.signedOffBy() + ", " + format(x.signedOffAt()));
            PackTables.cell(table, x.runbookNumber() == null ? "—" : "v" + x.runbookNumber() + " · "
                    + x.runbookCommit().substring(0, Math.min(10, x.runbookCommit().length())));
            PackTables.mono(table, orDash(x.contentSha256()));
        }
        document.add(table);
    }

    private void notifications() throws DocumentException {
        List<NoticeRow> rows = source.notices(scope);
        note("Customer notices of the incidents in scope: how and when each reached the customers, and the SHA-256"
                + " of the text they received.");
        if (rows.isEmpty()) {
            document.add(new Paragraph("No customer notice in scope.", TEXT));
            return;
        }
        PdfPTable table = PackTables.table(new float[] {0.6f, 1.2f, 2.2f, 1f, 1f, 1.2f, 1.6f, 2f});
        table.setHeaderRows(1);
        PackTables.header(table, "Notice", "Incident", "Subject", "State", "Method", "Delivered", "Recipients", "Body SHA-256");
        for (NoticeRow n : rows) {
            PackTables.cell(table, "#" + n.id());
            PackTables.cell(table, n.incidentReference());
            PackTables.cell(table, n.subject());
            PackTables.cell(table, label(n.state()));
            PackTables.cell(table, n.method() == null ? "—" : label(n.method()));
            PackTables.cell(table, format(n.deliveredAt()));
            PackTables.cell(table, orDash(n.recipients()));
            PackTables.mono(table, orDash(n.bodySha256()));
        }
        document.add(table);
    }

    private void auditTrail() throws DocumentException {
        step("Verifying the audit trail", 0.82);
        ChainVerification v = source.auditTrail();
        note("The audit trail's hash chain recomputed from its first row while this pack was generated.");
        PdfPTable table = PackTables.table(new float[] {1.4f, 3f});
        PdfPCell label = new PdfPCell(new Phrase("Result", LABEL));
        label.setBorderColor(PdfStyle.RULE);
        label.setPadding(4);
        table.addCell(label);
        PdfPCell result = new PdfPCell(new Phrase(v.intact() ? "Intact" : "Broken", v.intact() ? PRESENT : MISSING));
        result.setBorderColor(PdfStyle.RULE);
        result.setPadding(4);
        table.addCell(result);
        PackTables.fact(table, "Rows checked", String.valueOf(v.rowsChecked()));
        PackTables.fact(table, "Verified at", format(v.verifiedAt()));
        if (!v.intact()) {
            PackTables.fact(table, "First broken row", String.valueOf(v.firstBrokenId()));
            PackTables.fact(table, "Problem", v.problem());
        }
        document.add(table);
    }

    private void manifest() throws DocumentException {
        note("Every evidence item registered for " + (scope.singleIncident() ? "the incident" : "the period")
                + ": the SHA-256 of its canonical snapshot (of its bytes, for a file) and how long it is kept.");
        PdfPTable table = PackTables.table(new float[] {0.5f, 1.4f, 2.3f, 1.05f, 1.05f, 2.9f});
        table.setHeaderRows(1);
        table.setComplete(false);
        PackTables.header(table, "Item", "Type", "Title", "Period date", "Kept until", "SHA-256");
        long after = 0;
        int rows = 0;
        for (List<ItemRow> batch; !(batch = source.items(scope, after, 500)).isEmpty(); ) {
            for (ItemRow item : batch) {
                PackTables.cell(table, String.valueOf(item.id()));
                PackTables.cell(table, item.type());
                PackTables.cell(table, item.title());
                PackTables.cell(table, item.periodDate().toString());
                PackTables.cell(table, item.retentionUntil() == null ? "Permanent" : item.retentionUntil().toString()
                        + ("DISPOSED".equals(item.disposal()) ? " (disposed)" : ""));
                PackTables.mono(table, item.sha256());
                after = item.id();
                if (++rows % SLICE == 0) {
                    document.add(table);
                }
            }
            step("Evidence manifest", 0.85);
        }
        if (rows == 0) {
            PackTables.cell(table, "—");
            PackTables.cell(table, "");
            PackTables.cell(table, "No evidence item is registered for the scope.");
            PackTables.cell(table, "");
            PackTables.cell(table, "");
            PackTables.cell(table, "");
        }
        table.setComplete(true);
        document.add(table);
    }

    private void artefacts() throws DocumentException {
        note("The raw artefacts in the ZIP archive beside this PDF (alert payloads, query results, evidence files,"
                + " review PDFs, exercise reports). manifest.json lists them with these hashes; SHA256SUMS checks"
                + " every file.");
        PdfPTable table = PackTables.table(new float[] {3.8f, 1.3f, 0.8f, 2.5f});
        table.setHeaderRows(1);
        table.setComplete(false);
        PackTables.header(table, "File", "Kind", "Bytes", "SHA-256");
        int rows = 0;
        for (ArchivedFile f : files) {
            PackTables.cell(table, f.path());
            PackTables.cell(table, f.kind());
            PackTables.cell(table, String.format(Locale.ROOT, "%,d", f.size()));
            PackTables.mono(table, f.sha256());
            if (++rows % SLICE == 0) {
                document.add(table);
            }
        }
        if (rows == 0) {
            PackTables.cell(table, "No raw artefacts in scope.");
            PackTables.cell(table, "");
            PackTables.cell(table, "");
            PackTables.cell(table, "");
        }
        table.setComplete(true);
        document.add(table);
    }

    // ---------------------------------------------------------------- helpers

    private void step(String stage, double fraction) {
        if (!progress.at(stage, fraction)) {
            throw new Cancelled();
        }
    }

    private String format(Instant at) {
        return at == null ? "—" : when.format(at);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** SUCCEEDED → Succeeded, GRAPH_MAIL → Graph mail. */
    static String label(String constant) {
        if (constant == null) {
            return "—";
        }
        String s = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void note(String text) throws DocumentException {
        PackTables.note(document, text);
    }

    private void heading(String text) throws DocumentException {
        PackTables.heading(document, text, 2);
    }

    private enum Phase { COVER, BODY, CONTENTS }

    /** The running header (organisation, pack, period) and footer (pack id, page number) of every page. */
    private final class Frame extends PdfPageEventHelper {
        Phase phase = Phase.COVER;
        int bodyPages;
        private BaseFont font;

        @Override
        public void onEndPage(PdfWriter w, Document d) {
            try {
                if (font == null) {
                    font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, false);
                }
                int physical = w.getPageNumber();
                int shown = switch (phase) {
                    case COVER -> 1;
                    case BODY -> physical + contentsPages;
                    case CONTENTS -> physical - bodyPages;
                };
                PdfContentByte canvas = w.getDirectContent();
                canvas.setColorStroke(PdfStyle.RULE);
                canvas.setLineWidth(0.5f);
                if (phase != Phase.COVER) {
                    canvas.moveTo(d.left(), d.top() + 16);
                    canvas.lineTo(d.right(), d.top() + 16);
                    canvas.stroke();
                }
                canvas.moveTo(d.left(), d.bottom() - 16);
                canvas.lineTo(d.right(), d.bottom() - 16);
                canvas.stroke();
                canvas.beginText();
                canvas.setFontAndSize(font, 8);
                canvas.setColorFill(PdfStyle.MUTED);
                if (phase != Phase.COVER) {
                    canvas.showTextAligned(Element.ALIGN_LEFT, cover.organisation() + " · " + definition.title(),
                            d.left(), d.top() + 22, 0);
                    canvas.showTextAligned(Element.ALIGN_RIGHT, period(), d.right(), d.top() + 22, 0);
                }
                canvas.showTextAligned(Element.ALIGN_LEFT, "Evidence pack #" + cover.packId() + " · generated "
                        + when.format(cover.generatedAt()) + " by " + cover.generatedBy(), d.left(), d.bottom() - 28, 0);
                canvas.showTextAligned(Element.ALIGN_RIGHT, "Page " + shown, d.right(), d.bottom() - 28, 0);
                canvas.endText();
            } catch (DocumentException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

}
