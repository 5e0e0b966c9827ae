package com.attest.pack;

import com.attest.platform.audit.ChainVerification;
import com.attest.platform.audit.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pack's records read with plain SQL over the portal's tables, on one connection the caller opens (ideally in a
 * read-only, repeatable-read transaction, so the pack is one consistent snapshot). Batches are fetched by key, so
 * memory stays flat however large the period is. The audit trail's verification and the review PDFs come from the
 * portal's own code, handed in.
 */
public class JdbcPackSource implements PackSource {

    /** Renders the PDF of an approved post-incident review (null when the review is not approved). */
    public interface ReviewPdfs {
        byte[] render(long pirId);
    }

    private static final String EXCLUDED_TYPE = "EVIDENCE_PACK";

    private final Connection connection;
    private final Supplier<ChainVerification> auditTrail;
    private final ReviewPdfs reviewPdfs;
    private ProofJsons proofJsons;

    /** The evidence JSON of a settled end-to-end proof of the detection pipeline, as registered (by its id). */
    @FunctionalInterface
    public interface ProofJsons {
        byte[] render(long proofId);
    }

    /** The detection pipeline's end-to-end proofs go into the pack too, as {@code proofs} renders them. */
    public JdbcPackSource withProofs(ProofJsons proofs) {
        this.proofJsons = proofs;
        return this;
    }

    public JdbcPackSource(Connection connection, Supplier<ChainVerification> auditTrail, ReviewPdfs reviewPdfs) {
        this.connection = connection;
        this.auditTrail = auditTrail;
        this.reviewPdfs = reviewPdfs;
    }

    @Override
    public List<EvidenceTypeRow> evidenceTypes() {
        return query("SELECT code, title, controls, retention_years FROM evidence_type ORDER BY position", rs ->
                new EvidenceTypeRow(rs.getString(1), rs.getString(2), Arrays.asList(rs.getString(3).split(",")),
                        (Integer) rs.getObject(4)));
    }

    @Override
    public Map<String, Long> evidenceCounts(PackScope scope) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Object> args = new ArrayList<>();
        String where = itemFilter(scope, args);
        query("SELECT e.type_code, count(*) FROM evidence_item e WHERE " + where + " GROUP BY e.type_code"
                + " ORDER BY e.type_code", args, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    @Override
    public List<DocumentRow> documents(PackScope scope) {
        return query("""
                SELECT kind, title, number, commit_id, effective_from, decided_by, state, sha256, review_due FROM (
                    SELECT d.kind, v.title, v.number, v.commit_id, v.effective_from, v.decided_by, v.state, v.sha256,
                           v.review_due, LEAD(v.effective_from) OVER (PARTITION BY v.document_id
                                                                      ORDER BY v.effective_from) AS until
                    FROM document_version v JOIN document d ON d.id = v.document_id
                    WHERE v.effective_from IS NOT NULL AND v.state IN ('APPROVED', 'SUPERSEDED')) x
                WHERE x.effective_from < ? AND (x.until IS NULL OR x.until > ?)
                ORDER BY x.kind DESC, x.effective_from""", List.of(ts(scope.end()), ts(scope.start())), rs ->
                new DocumentRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4).strip(),
                        instant(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8).strip(),
                        rs.getObject(9, LocalDate.class)));
    }

    @Override
    public long incidentCount(PackScope scope) {
        List<Object> args = new ArrayList<>();
        String where = incidentFilter(scope, args);
        return query("SELECT count(*) FROM incident i WHERE " + where, args, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public List<IncidentRow> incidents(PackScope scope, long afterId, int max) {
        List<Object> args = new ArrayList<>();
        String where = incidentFilter(scope, args);
        args.add(afterId);
        args.add(max);
        return query("SELECT i.id, i.reference, i.title, i.severity, i.status, i.owner, i.detected_at, i.declared_at,"
                + " i.response_due_at, i.contained_at, i.resolved_at, i.closed_at FROM incident i WHERE " + where
                + " AND i.id > ? ORDER BY i.id LIMIT ?", args, rs -> new IncidentRow(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7), instant(rs, 8),
                instant(rs, 9), instant(rs, 10), instant(rs, 11), instant(rs, 12)));
    }

    @Override
    public List<IncidentDetail> details(List<IncidentRow> incidents) {
        if (incidents.isEmpty()) {
            return List.of();
        }
        Long[] ids = incidents.stream().map(IncidentRow::id).toArray(Long[]::new);
        Map<Long, List<TimelineRow>> timelines = new HashMap<>();
        query("SELECT incident_id, occurred_at, recorded_by, milestone, text FROM timeline_entry"
                + " WHERE incident_id = ANY(?) ORDER BY incident_id, occurred_at, id", List.of(array(ids)), rs ->
                timelines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TimelineRow(instant(rs, 2),
                        rs.getString(3), rs.getString(4), rs.getString(5))));
        Map<Long, List<CallRow>> calls = new HashMap<>();
        query("SELECT c.run_id, c.at, c.method, c.url, c.status, c.request_id, c.correlation_id FROM action_call c"
                + " JOIN action_run r ON r.id = c.run_id WHERE r.incident_id = ANY(?) ORDER BY c.run_id, c.id",
                List.of(array(ids)), rs -> calls.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new CallRow(instant(rs, 2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getString(6), rs.getString(7))));
        Map<Long, List<RunRow>> runs = new HashMap<>();
        query("SELECT incident_id, id, action_type, state, requested_by, requested_at, decided_by, break_glass,"
                + " finished_at, summary FROM action_run WHERE incident_id = ANY(?) ORDER BY incident_id, id",
                List.of(array(ids)), rs -> runs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new RunRow(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                instant(rs, 6), rs.getString(7), rs.getBoolean(8), instant(rs, 9), rs.getString(10),
                                calls.getOrDefault(rs.getLong(2), List.of()))));
        Map<Long, PirRow> pirs = new HashMap<>();
        query("SELECT incident_id, id, state, owner, resolved_at, due_at, decided_by, decided_at, approved_sha256"
                + " FROM pir WHERE incident_id = ANY(?)", List.of(array(ids)), rs -> pirs.put(rs.getLong(1),
                new PirRow(rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6),
                        rs.getString(7), instant(rs, 8), trim(rs.getString(9)))));
        Map<Long, List<NoticeRow>> notices = new HashMap<>();
        query(NOTICES + " WHERE n.incident_id = ANY(?) ORDER BY n.incident_id, n.id", List.of(array(ids)), rs ->
                notices.computeIfAbsent(rs.getLong(9), k -> new ArrayList<>()).add(notice(rs)));
        Map<Long, Long> onCall = new HashMap<>();
        query("SELECT incident_id, count(*) FROM notification WHERE incident_id = ANY(?) GROUP BY incident_id",
                List.of(array(ids)), rs -> onCall.put(rs.getLong(1), rs.getLong(2)));
        List<IncidentDetail> details = new ArrayList<>(incidents.size());
        for (IncidentRow i : incidents) {
            details.add(new IncidentDetail(i, timelines.getOrDefault(i.id(), List.of()),
                    runs.getOrDefault(i.id(), List.of()), pirs.get(i.id()), notices.getOrDefault(i.id(), List.of()),
                    onCall.getOrDefault(i.id(), 0L)));
        }
        return details;
    }

    private static final String NOTICES = "SELECT n.id, i.reference, n.subject, n.state, d.method,"
            + " COALESCE(d.delivered_at, o.sent_at), d.recipients, d.body_sha256, n.incident_id FROM customer_notice n"
            + " JOIN incident i ON i.id = n.incident_id LEFT JOIN notice_delivery d ON d.notice_id = n.id"
            + " LEFT JOIN notification o ON o.id = d.notification_id";

    private static NoticeRow notice(ResultSet rs) throws SQLException {
        return new NoticeRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, 6), rs.getString(7), trim(rs.getString(8)));
    }

    @Override
    public List<ExerciseRow> exercises(PackScope scope) {
        return query("SELECT x.id, x.kind, x.held_at, x.title, x.facilitator, x.state, x.signed_off_by,"
                + " x.signed_off_at, v.number, v.commit_id, x.content_sha256 FROM exercise x LEFT JOIN document_version v"
                + " ON v.id = x.runbook_version_id WHERE x.held_at >= ? AND x.held_at < ? ORDER BY x.held_at, x.id",
                List.of(ts(scope.start()), ts(scope.end())), rs -> new ExerciseRow(rs.getLong(1), rs.getString(2),
                        instant(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        instant(rs, 8), (Integer) rs.getObject(9), trim(rs.getString(10)), trim(rs.getString(11))));
    }

    @Override
    public List<NoticeRow> notices(PackScope scope) {
        List<Object> args = new ArrayList<>();
        String where = incidentFilter(scope, args);
        return query(NOTICES + " WHERE " + where + " ORDER BY n.id", args, JdbcPackSource::notice);
    }

    @Override
    public List<ReconciliationRow> reconciliations(PackScope scope) {
        if (scope.singleIncident()) {
            return List.of();
        }
        return query("SELECT r.id, r.engagement_id, e.name, r.computed_by, r.computed_at, r.sha256, r.body FROM"
                + " population_reconciliation r JOIN engagement e ON e.id = r.engagement_id WHERE r.period_from >= ?"
                + " AND r.period_to <= ? ORDER BY r.id", List.of(scope.from(), scope.to()), rs -> new ReconciliationRow(
                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs, 5), trim(rs.getString(6)),
                new String(rs.getBytes(7), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public ChainVerification auditTrail() {
        return auditTrail.get();
    }

    @Override
    public List<ItemRow> items(PackScope scope, long afterId, int max) {
        List<Object> args = new ArrayList<>();
        String where = itemFilter(scope, args);
        args.add(afterId);
        args.add(max);
        return query("SELECT e.id, e.type_code, e.title, e.period_date, e.sha256, e.retention_until, e.disposal_state"
                + " FROM evidence_item e WHERE " + where + " AND e.id > ? ORDER BY e.id LIMIT ?", args, rs ->
                new ItemRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getString(5).strip(), rs.getObject(6, LocalDate.class), rs.getString(7)));
    }

    @Override
    public void artefacts(PackScope scope, ArtefactSink sink) throws IOException {
        List<Object> args = new ArrayList<>();
        String incidents = "SELECT i.id FROM incident i WHERE " + incidentFilter(scope, args);
        if (!stream("SELECT p.id, 'alerts/' || i.reference || '/alert-' || a.id || '-payload-' || p.id || '.'"
                + " || CASE WHEN p.content_type LIKE '%json%' THEN 'json' ELSE 'txt' END FROM alert_payload p"
                + " JOIN alert a ON a.id = p.alert_id JOIN incident i ON i.id = a.incident_id WHERE i.id IN ("
                + incidents + ") AND p.id > ? ORDER BY p.id LIMIT 200", args, "alert payload", "alert_payload",
                "SELECT body, sha256 FROM alert_payload WHERE id = ?", sink)) {
            return;
        }
        if (!stream("SELECT r.run_id, 'query-results/' || i.reference || '/run-' || r.run_id || '-' || r.filename"
                + " FROM action_result r JOIN action_run a ON a.id = r.run_id JOIN incident i ON i.id = a.incident_id"
                + " WHERE i.id IN (" + incidents + ") AND r.run_id > ? ORDER BY r.run_id LIMIT 200", args,
                "query result", "action_result", "SELECT body, sha256 FROM action_result WHERE run_id = ?", sink)) {
            return;
        }
        if (!stream("SELECT f.id, 'attachments/' || i.reference || '/' || f.id || '-' || f.filename"
                + " FROM incident_attachment f JOIN incident i ON i.id = f.incident_id WHERE i.id IN (" + incidents
                + ") AND f.id > ? ORDER BY f.id LIMIT 200", args, "evidence file", "incident_attachment",
                "SELECT body, sha256 FROM incident_attachment WHERE id = ?", sink)) {
            return;
        }
        if (reviewPdfs != null && !reviews(incidents, args, sink)) {
            return;
        }
        if (!scope.singleIncident() && !stream("SELECT p.id, 'azure/' || lower(replace(c.kind, '_', '-')) || '/'"
                + " || regexp_replace(c.scope_label, '[^A-Za-z0-9.-]+', '-', 'g') || '/' || c.period_from || '_'"
                + " || c.period_to || '_collection-' || c.id || '/' || lpad(CAST(p.seq AS TEXT), 4, '0') || '-' || p.what"
                + " || '.json' FROM azure_collection_page p JOIN azure_collection c ON c.id = p.collection_id"
                + " WHERE c.state = 'SUCCEEDED' AND c.time_from < ? AND c.time_to > ? AND p.id > ?"
                + " ORDER BY p.id LIMIT 200", List.of(ts(scope.end()), ts(scope.start())), "Azure evidence page",
                "azure_collection_page", "SELECT body, sha256 FROM azure_collection_page WHERE id = ?", sink)) {
            return;
        }
        // the population reconciled with Azure for an engagement whose period lies within the pack's
        if (!scope.singleIncident() && !stream("SELECT r.id, 'reconciliation/engagement-' || r.engagement_id"
                + " || '-reconciliation-' || r.id || '.json' FROM population_reconciliation r WHERE r.period_from >= ?"
                + " AND r.period_to <= ? AND r.id > ? ORDER BY r.id LIMIT 200", List.of(scope.from(), scope.to()),
                "population reconciliation", "population_reconciliation",
                "SELECT body, sha256 FROM population_reconciliation WHERE id = ?", sink)) {
            return;
        }
        if (!scope.singleIncident() && !detection(scope, sink)) {
            return;
        }
        if (!scope.singleIncident()) {
            stream("SELECT f.id, 'exercises/exercise-' || f.exercise_id || '-' || f.id || '-' || f.filename"
                    + " FROM exercise_attachment f JOIN exercise x ON x.id = f.exercise_id WHERE x.held_at >= ?"
                    + " AND x.held_at < ? AND f.id > ? ORDER BY f.id LIMIT 200", List.of(ts(scope.start()),
                    ts(scope.end())), "exercise report", "exercise_attachment",
                    "SELECT body, sha256 FROM exercise_attachment WHERE id = ?", sink);
        }
    }

    /**
     * The detection pipeline within the period: each check as Resource Manager returned it (verbatim, its SHA-256
     * checked) and each settled end-to-end proof as registered.
     */
    private boolean detection(PackScope scope, ArtefactSink sink) throws IOException {
        List<Object> period = List.of(ts(scope.start()), ts(scope.end()));
        if (!stream("SELECT c.id, 'detection/' || c.subscription_label || '/check-' || c.id || '-'"
                + " || lower(c.verdict) || '.json' FROM detection_check c WHERE c.checked_at >= ? AND c.checked_at < ?"
                + " AND c.id > ? ORDER BY c.id LIMIT 200", period, "detection pipeline check", "detection_check",
                "SELECT convert_to(arm_json, 'UTF8'), sha256 FROM detection_check WHERE id = ?", sink)) {
            return false;
        }
        if (proofJsons == null) {
            return true;
        }
        long after = 0;
        while (true) {
            List<Object> a = new ArrayList<>(period);
            a.add(after);
            List<Object[]> batch = query("SELECT p.id, 'detection/' || p.subscription_label || '/proof-' || p.id || '-'"
                    + " || lower(p.state) || '.json', p.sha256 FROM detection_proof p WHERE p.state <> 'WAITING'"
                    + " AND p.requested_at >= ? AND p.requested_at < ? AND p.id > ? ORDER BY p.id LIMIT 200", a,
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
            if (batch.isEmpty()) {
                return true;
            }
            for (Object[] row : batch) {
                long id = (Long) row[0];
                after = id;
                if (!sink.accept(artefact(safePath((String) row[1]), "detection pipeline proof", "detection_proof",
                        id, () -> new ByteArrayInputStream(checked("detection pipeline proof", id,
                                new Object[] {proofJsons.render(id), row[2]}))))) {
                    return false;
                }
            }
        }
    }

    private boolean reviews(String incidents, List<Object> args, ArtefactSink sink) throws IOException {
        long after = 0;
        while (true) {
            List<Object> a = new ArrayList<>(args);
            a.add(after);
            List<Object[]> batch = query("SELECT p.id, i.reference FROM pir p JOIN incident i ON i.id = p.incident_id"
                    + " WHERE p.state = 'APPROVED' AND i.id IN (" + incidents + ") AND p.id > ? ORDER BY p.id LIMIT 200",
                    a, rs -> new Object[] {rs.getLong(1), rs.getString(2)});
            if (batch.isEmpty()) {
                return true;
            }
            for (Object[] row : batch) {
                long id = (Long) row[0];
                after = id;
                if (!sink.accept(artefact("reviews/pir-" + row[1] + ".pdf", "post-incident review", "pir", id,
                        () -> new ByteArrayInputStream(reviewPdfs.render(id))))) {
                    return false;
                }
            }
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private static Artefact artefact(String path, String kind, String source, long id, Opener opener) {
        return new Artefact() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String source() {
                return source;
            }

            @Override
            public long sourceId() {
                return id;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }
        };
    }

    /** Streams one kind of stored file, 200 rows of names at a time and each body when the sink asks for it. */
    private boolean stream(String sql, List<Object> args, String kind, String source, String body, ArtefactSink sink)
            throws IOException {
        long after = 0;
        while (true) {
            List<Object> a = new ArrayList<>(args);
            a.add(after);
            List<Object[]> batch = query(sql, a, rs -> new Object[] {rs.getLong(1), rs.getString(2)});
            if (batch.isEmpty()) {
                return true;
            }
            for (Object[] row : batch) {
                long id = (Long) row[0];
                after = id;
                if (!sink.accept(artefact(safePath((String) row[1]), kind, source, id,
                        () -> new ByteArrayInputStream(checked(kind, id, query(body, List.of(id),
                                rs -> new Object[] {rs.getBytes(1), rs.getString(2)}).get(0)))))) {
                    return false;
                }
            }
        }
    }

    /**
     * The stored body, after checking it still has the SHA-256 kept with it since it was stored: a body changed in
     * the database behind the portal's back never enters a pack as if it were the evidence.
     */
    private static byte[] checked(String kind, long id, Object[] row) {
        byte[] body = (byte[]) row[0];
        String kept = ((String) row[1]).strip();
        String now = Sha256.hex(body);
        if (!now.equals(kept)) {
            throw new IllegalStateException("The " + kind + " " + id + " no longer matches the SHA-256 kept when it"
                    + " was stored (" + kept + ", now " + now + "): it was changed outside the portal.");
        }
        return body;
    }

    /** Folder names and file names as stored, with anything outside a portable file name replaced. */
    static String safePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/")) {
            String clean = part.replaceAll("[^A-Za-z0-9._-]", "_");
            if (clean.isEmpty() || clean.chars().allMatch(c -> c == '.')) {
                clean = "_";
            }
            sb.append(sb.length() == 0 ? "" : "/").append(clean);
        }
        return sb.toString();
    }

    private String incidentFilter(PackScope scope, List<Object> args) {
        if (scope.singleIncident()) {
            args.add(scope.incidentReference());
            return "i.reference = ?";
        }
        args.add(ts(scope.start()));
        args.add(ts(scope.end()));
        return "i.detected_at >= ? AND i.detected_at < ?";
    }

    private String itemFilter(PackScope scope, List<Object> args) {
        if (!scope.singleIncident()) {
            args.add(scope.from());
            args.add(scope.to());
            args.add(EXCLUDED_TYPE);
            return "e.period_date BETWEEN ? AND ? AND e.type_code <> ?";
        }
        String ref = scope.incidentReference();
        String incident = "(SELECT id FROM incident WHERE reference = ?)";
        for (int i = 0; i < 7; i++) {
            args.add(ref);
        }
        return "((e.source = 'incident' AND e.source_id = " + incident + ")"
                + " OR (e.source = 'pir' AND e.source_id IN (SELECT id FROM pir WHERE incident_id = " + incident + "))"
                + " OR (e.source = 'action_run' AND e.source_id IN (SELECT id FROM action_run WHERE incident_id = "
                + incident + "))"
                + " OR (e.source = 'action_result' AND e.source_id IN (SELECT id FROM action_run WHERE incident_id = "
                + incident + "))"
                + " OR (e.source = 'alert_payload' AND e.source_id IN (SELECT p.id FROM alert_payload p JOIN alert a"
                + " ON a.id = p.alert_id WHERE a.incident_id = " + incident + "))"
                + " OR (e.source = 'incident_attachment' AND e.source_id IN (SELECT id FROM incident_attachment"
                + " WHERE incident_id = " + incident + "))"
                + " OR (e.source = 'customer_notice' AND e.source_id IN (SELECT id FROM customer_notice"
                + " WHERE incident_id = " + incident + ")))";
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row) {
        return query(sql, List.of(), row);
    }

    private <T> List<T> query(String sql, List<Object> args, Row<T> row) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the pack's records failed: " + e.getMessage(), e);
        }
    }

    private java.sql.Array array(Long[] ids) {
        try {
            return connection.createArrayOf("bigint", ids);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
