package com.attest.evidence;

import com.attest.platform.Times;
import com.attest.action.ActionCall;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.calendar.CalendarService;
import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeDecision;
import com.attest.customernotice.NoticeDelivery;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.TimelineEntry;
import com.attest.incident.TimelineService;
import com.attest.pir.Pir;
import com.attest.pir.PirService;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where evidence comes from: for each kind of record, the ones not yet registered in their current form, as
 * registrations. A record becomes evidence when it is settled: an incident once closed (again when its timeline
 * grows afterwards), a payload, file or query result at once, a runbook or policy version once approved, an action
 * run once finished (again after a break-glass review), a post-incident review once approved, a customer notice once
 * it reached the customers, an exercise once signed off, a disposal certificate at once, an evidence pack once
 * finished (its ZIP's SHA-256), the auditors' access log of a day once the day is over, a reconciliation of the
 * population with Azure and a detection pipeline check at once.
 */
@ApplicationScoped
public class EvidenceSources {

    private static final String NOT_REGISTERED = " AND NOT EXISTS (SELECT 1 FROM evidence_item e WHERE e.source = '%s'"
            + " AND e.source_id = %s)";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private ActionRunService runs;

    @Inject
    private PirService pirs;

    @Inject
    private CalendarService calendars;

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @Inject
    private ExerciseService exercises;

    @Inject
    private java.time.Clock clock;

    /**
     * Up to {@code max} registrations of each source, alert payloads only from those numbered above
     * {@code payloadsAfter}: a pass that has just registered the payloads up to there need not walk past them again
     * for its next batch (in an alert storm, tens of thousands of them for each batch).
     */
    public List<Registration> pending(int max, long payloadsAfter) {
        ZoneId zone = calendars.zone();
        List<Registration> found = new ArrayList<>();
        found.addAll(incidents(max, zone));
        found.addAll(payloads(max, payloadsAfter, zone));
        found.addAll(documentVersions(max, zone));
        found.addAll(actionRuns(max, zone));
        found.addAll(files("action_result", "QUERY_RESULT", "SELECT r.run_id, r.filename, r.sha256, a.finished_at,"
                + " r.content_type, r.size_bytes FROM action_result r JOIN action_run a ON a.id = r.run_id"
                + " WHERE a.action_type <> 'collect-entra-audit'"
                + NOT_REGISTERED.formatted("action_result", "r.run_id") + " ORDER BY r.run_id LIMIT ?1", max, zone,
                "Query result of action run %d: %s"));
        found.addAll(files("action_result", "ENTRA_AUDIT_LOG", "SELECT r.run_id, r.filename, r.sha256, a.finished_at,"
                + " r.content_type, r.size_bytes FROM action_result r JOIN action_run a ON a.id = r.run_id"
                + " WHERE a.action_type = 'collect-entra-audit'"
                + NOT_REGISTERED.formatted("action_result", "r.run_id") + " ORDER BY r.run_id LIMIT ?1", max, zone,
                "Entra ID audit log collected by run %d: %s"));
        found.addAll(files("incident_attachment", "ATTACHMENT", "SELECT f.id, f.filename, f.sha256, f.uploaded_at,"
                + " f.content_type, f.size_bytes FROM incident_attachment f WHERE TRUE"
                + NOT_REGISTERED.formatted("incident_attachment", "f.id") + " ORDER BY f.id LIMIT ?1", max, zone,
                "Evidence file %d: %s"));
        found.addAll(reviews(max, zone));
        found.addAll(customerNotices(max, zone));
        found.addAll(exercises(max, zone));
        found.addAll(certificates(max, zone));
        found.addAll(files("exercise_attachment", "EXERCISE", "SELECT f.id, f.filename, f.sha256, f.uploaded_at,"
                + " f.content_type, f.size_bytes FROM exercise_attachment f WHERE TRUE"
                + NOT_REGISTERED.formatted("exercise_attachment", "f.id") + " ORDER BY f.id LIMIT ?1", max, zone,
                "Exercise report %d: %s"));
        found.addAll(files("auditor_request_file", "REQUEST_FILE", requestFiles("TRUE", zone), max, zone,
                REQUEST_FILE_TITLE));
        // a pack is dated by the last day it covers, so it belongs to the audit period it was made for
        found.addAll(files("evidence_pack", "EVIDENCE_PACK", "SELECT p.id, 'evidence-pack-' || p.id || '.zip',"
                + " p.zip_sha256, CAST(p.period_to AS TIMESTAMP) AT TIME ZONE '" + zone.getId().replace("'", "")
                + "', 'application/zip', p.zip_size FROM evidence_pack p"
                + " WHERE p.state = 'FINISHED'" + NOT_REGISTERED.formatted("evidence_pack", "p.id")
                + " ORDER BY p.id LIMIT ?1", max, zone, "Evidence pack %d: %s"));
        found.addAll(auditorAccess(max, zone));
        // a reconciliation of the population with Azure, dated by the last day of the period it reconciles
        found.addAll(files("population_reconciliation", "RECONCILIATION", "SELECT r.id, 'reconciliation-engagement-'"
                + " || r.engagement_id || '-' || r.id || '.json', r.sha256, CAST(r.period_to AS TIMESTAMP) AT TIME ZONE"
                + " '" + zone.getId().replace("'", "") + "', 'application/json', r.size_bytes FROM"
                + " population_reconciliation r WHERE TRUE" + NOT_REGISTERED.formatted("population_reconciliation",
                "r.id") + " ORDER BY r.id LIMIT ?1", max, zone, "Population reconciliation %d: %s"));
        // the detection pipeline as Azure returned it, each check with its SHA-256, dated by the day it was checked
        found.addAll(files("detection_check", "DETECTION_PIPELINE", "SELECT d.id, 'detection-pipeline_'"
                + " || regexp_replace(d.subscription_label, '[^A-Za-z0-9.-]+', '-', 'g') || '_' || d.id || '_'"
                + " || lower(d.verdict) || '.json', d.sha256, d.checked_at, 'application/json', d.size_bytes"
                + " FROM detection_check d WHERE TRUE" + NOT_REGISTERED.formatted("detection_check", "d.id")
                + " ORDER BY d.id LIMIT ?1", max, zone, "Detection pipeline configuration, check %d: %s"));
        // and each end-to-end proof once settled: the request made, Azure's answer and what the intake received
        found.addAll(files("detection_proof", "DETECTION_PIPELINE", "SELECT p.id, 'detection-proof_'"
                + " || regexp_replace(p.subscription_label, '[^A-Za-z0-9.-]+', '-', 'g') || '_' || p.id || '_'"
                + " || lower(p.state) || '.json', p.sha256, p.finished_at, 'application/json', p.size_bytes"
                + " FROM detection_proof p WHERE p.state <> 'WAITING'" + NOT_REGISTERED.formatted("detection_proof",
                "p.id") + " ORDER BY p.id LIMIT ?1", max, zone, "Detection pipeline end-to-end proof %d: %s"));
        // the Azure half of the evidence table: each page Azure returned, under its row, dated by its period's end
        for (AzureCollection.Kind kind : AzureCollection.Kind.values()) {
            found.addAll(files("azure_collection_page", kind.evidenceType(), "SELECT p.id, lower(replace(c.kind, '_',"
                    + " '-')) || '_' || regexp_replace(c.scope_label, '[^A-Za-z0-9.-]+', '-', 'g') || '_'"
                    + " || c.period_from || '_' || c.period_to || '_' || p.seq || '-' || p.what || '.json', p.sha256,"
                    + " CAST(c.period_to AS TIMESTAMP) AT TIME ZONE '" + zone.getId().replace("'", "") + "',"
                    + " p.content_type, p.size_bytes FROM azure_collection_page p JOIN azure_collection c"
                    + " ON c.id = p.collection_id WHERE c.kind = '" + kind.name() + "'"
                    + NOT_REGISTERED.formatted("azure_collection_page", "p.id") + " ORDER BY p.id LIMIT ?1", max,
                    zone, kind.getLabel() + ", collected from Azure (page %d): %s"));
        }
        return found;
    }

    /**
     * The auditors' access log, one item per engagement and day (in the organisation's time zone) once the day is
     * over: every request of that day in order. Its source id is the day's first row, which no later day can share.
     */
    private List<Registration> auditorAccess(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        String day = "CAST(a.at AT TIME ZONE '" + zone.getId().replace("'", "") + "' AS DATE)";
        @SuppressWarnings("unchecked")
        List<Object[]> groups = em.createNativeQuery("SELECT min(a.id), a.engagement_id, " + day + " FROM"
                        + " auditor_access a WHERE " + day + " < ?2 GROUP BY a.engagement_id, " + day + " HAVING NOT"
                        + " EXISTS (SELECT 1 FROM evidence_item e WHERE e.source = 'auditor_access' AND e.source_id ="
                        + " min(a.id)) ORDER BY 1 LIMIT ?1").setParameter(1, max)
                .setParameter(2, LocalDate.now(clock.withZone(zone))).getResultList();
        for (Object[] group : groups) {
            long first = ((Number) group[0]).longValue();
            Long engagement = group[1] == null ? null : ((Number) group[1]).longValue();
            LocalDate date = group[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) group[2];
            jakarta.persistence.Query query = em.createNativeQuery("SELECT a.id, a.username, a.at, a.method, a.path,"
                    + " a.query, a.status FROM auditor_access a WHERE " + day + " = ?1 AND " + (engagement == null
                    ? "a.engagement_id IS NULL" : "a.engagement_id = ?2") + " ORDER BY a.id").setParameter(1, date);
            if (engagement != null) {
                query.setParameter(2, engagement);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("engagement", engagement);
            snapshot.put("date", date.toString());
            snapshot.put("requests", rows.stream().map(r -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", r[0]);
                s.put("username", r[1]);
                s.put("at", Times.instant(r[2]));
                s.put("method", r[3]);
                s.put("path", r[4]);
                s.put("query", r[5]);
                s.put("status", r[6]);
                return s;
            }).toList());
            String title = (engagement == null ? "Auditor requests outside any open engagement"
                    : "Auditor access log of engagement " + engagement) + " on " + date + " (" + rows.size()
                    + " request(s))";
            found.add(record("AUDITOR_ACCESS_LOG", "auditor_access", first, title, date, snapshot));
        }
        return found;
    }

    private List<Registration> certificates(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Number id : ids("SELECT c.id FROM disposal_certificate c WHERE TRUE"
                + NOT_REGISTERED.formatted("disposal_certificate", "c.id") + " ORDER BY c.id LIMIT ?1", max)) {
            DisposalCertificate certificate = em.find(DisposalCertificate.class, id.longValue());
            String json = CanonicalJson.write(certificate.content());
            found.add(new Registration("DISPOSAL_CERTIFICATE", "disposal_certificate", certificate.getId(),
                    "Disposal certificate " + certificate.getId() + ": " + certificate.getTitle(),
                    date(certificate.getDisposedAt(), zone), certificate.getCertificateSha256(), json));
        }
        return found;
    }

    private List<Registration> exercises(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Number id : ids("SELECT x.id FROM exercise x WHERE x.state = 'SIGNED_OFF'"
                + NOT_REGISTERED.formatted("exercise", "x.id") + " ORDER BY x.id LIMIT ?1", max)) {
            Exercise exercise = exercises.find(id.longValue()).orElseThrow();
            found.add(record("EXERCISE", "exercise", exercise.getId(), "Exercise: " + exercise.getTitle(),
                    date(exercise.getHeldAt(), zone), exercises.content(exercise)));
        }
        return found;
    }

    private List<Registration> customerNotices(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Number id : ids("SELECT n.id FROM customer_notice n JOIN notice_delivery d ON d.notice_id = n.id"
                + " LEFT JOIN notification o ON o.id = d.notification_id WHERE n.state IN ('SENT', 'DELIVERED')"
                + " AND (d.method <> 'GRAPH_MAIL' OR o.state = 'SENT')"
                + NOT_REGISTERED.formatted("customer_notice", "n.id") + " ORDER BY n.id LIMIT ?1", max)) {
            CustomerNotice notice = notices.find(id.longValue()).orElseThrow();
            NoticeDelivery delivery = notices.delivery(notice.getId()).orElseThrow();
            Map<String, Object> snapshot = new LinkedHashMap<>(notice.snapshot());
            snapshot.put("decisions", notices.decisions(notice.getId()).stream().map(NoticeDecision::snapshot).toList());
            snapshot.put("delivery", delivery.snapshot());
            notices.notification(delivery).ifPresent(n -> {
                snapshot.put("sentAt", n.getSentAt());
                snapshot.put("graphRequestId", n.getExternalId());
            });
            Incident incident = incidents.byId(notice.getIncidentId()).orElseThrow();
            found.add(record("CUSTOMER_NOTIFICATION", "customer_notice", notice.getId(), "Customer notice "
                    + notice.getId() + " for " + incident.getReference() + ": " + notice.getSubject(),
                    date(deliveries.deliveredAt(delivery), zone), snapshot));
        }
        return found;
    }

    private List<Registration> incidents(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Number id : ids("SELECT i.id FROM incident i WHERE i.status IN ('CLOSED', 'FALSE_POSITIVE', 'DUPLICATE')"
                + " AND NOT EXISTS (SELECT 1 FROM evidence_item e WHERE e.source = 'incident' AND e.source_id = i.id"
                + " AND e.registered_at >= GREATEST(i.updated_at, COALESCE((SELECT max(t.recorded_at) FROM"
                + " timeline_entry t WHERE t.incident_id = i.id), i.updated_at))) ORDER BY i.id LIMIT ?1", max)) {
            Incident incident = incidents.byId(id.longValue()).orElseThrow();
            Map<String, Object> snapshot = new LinkedHashMap<>(incident.snapshot());
            snapshot.put("timeline", timelines.of(incident).stream().map(TimelineEntry::snapshot).toList());
            found.add(record("INCIDENT", "incident", id.longValue(), incident.getReference() + " " + incident.getTitle(),
                    date(incident.getDetectedAt(), zone), snapshot));
        }
        return found;
    }

    private List<Registration> payloads(int max, long after, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT p.id, p.alert_id, p.event, p.received_at, p.content_type,"
                        + " p.sha256, p.size_bytes, a.source, a.title FROM alert_payload p JOIN alert a"
                        + " ON a.id = p.alert_id WHERE p.id > ?2" + NOT_REGISTERED.formatted("alert_payload", "p.id")
                        + " ORDER BY p.id LIMIT ?1")
                .setParameter(1, max).setParameter(2, after).getResultList();
        for (Object[] row : rows) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", row[0]);
            s.put("alertId", row[1]);
            s.put("event", row[2]);
            s.put("receivedAt", Times.instant(row[3]));
            s.put("contentType", row[4]);
            s.put("sha256", row[5]);
            s.put("sizeBytes", row[6]);
            s.put("alertSource", row[7]);
            found.add(new Registration("ALERT", "alert_payload", ((Number) row[0]).longValue(),
                    row[7] + " alert " + row[1] + " (" + row[2] + "): " + row[8], date(Times.instant(row[3]), zone),
                    ((String) row[5]).strip(), CanonicalJson.write(s)));
        }
        return found;
    }

    private List<Registration> documentVersions(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Object[] row : rows("SELECT v.id, d.kind, d.slug, v.number, v.commit_id, v.title, v.sha256, v.author,"
                + " v.decided_by, v.effective_from FROM document_version v JOIN document d ON d.id = v.document_id"
                + " WHERE v.state IN ('APPROVED', 'SUPERSEDED') AND v.effective_from IS NOT NULL"
                + NOT_REGISTERED.formatted("document_version", "v.id") + " ORDER BY v.id LIMIT ?1", max)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("document", row[2]);
            s.put("number", row[3]);
            s.put("commitId", row[4]);
            s.put("title", row[5]);
            s.put("textSha256", row[6]);
            s.put("author", row[7]);
            s.put("approvedBy", row[8]);
            s.put("effectiveFrom", Times.instant(row[9]));
            found.add(record("POLICY".equals(row[1]) ? "POLICY" : "RUNBOOK", "document_version",
                    ((Number) row[0]).longValue(), row[5] + " v" + row[3] + " (" + ((String) row[4]).substring(0, 10)
                            + ")", date(Times.instant(row[9]), zone), s));
        }
        return found;
    }

    private List<Registration> actionRuns(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Number id : ids("SELECT r.id FROM action_run r WHERE r.state IN ('SUCCEEDED', 'ALREADY_IN_EFFECT',"
                + " 'FAILED', 'RECORDED', 'REJECTED', 'CANCELLED') AND NOT EXISTS (SELECT 1 FROM evidence_item e"
                + " WHERE e.source = 'action_run' AND e.source_id = r.id AND e.registered_at >= COALESCE(r.reviewed_at,"
                + " r.requested_at)) ORDER BY r.id LIMIT ?1", max)) {
            ActionRun run = runs.find(id.longValue()).orElseThrow();
            Map<String, Object> snapshot = new LinkedHashMap<>(run.snapshot());
            snapshot.put("calls", runs.calls(run.getId()).stream().map(ActionCall::snapshot).toList());
            found.add(record("ACTION_RUN", "action_run", run.getId(), run.type().label() + " — "
                    + run.type().subject(run.parameterMap()) + " (run " + run.getId() + ", "
                    + run.getState().label().toLowerCase() + ")", date(run.getRequestedAt(), zone), snapshot));
        }
        return found;
    }

    private List<Registration> reviews(int max, ZoneId zone) {
        List<Registration> found = new ArrayList<>();
        for (Number id : ids("SELECT p.id FROM pir p WHERE p.state = 'APPROVED'"
                + NOT_REGISTERED.formatted("pir", "p.id") + " ORDER BY p.id LIMIT ?1", max)) {
            Pir pir = pirs.find(id.longValue()).orElseThrow();
            Incident incident = incidents.byId(pir.getIncidentId()).orElseThrow();
            found.add(record("PIR", "pir", pir.getId(), "Post-incident review of " + incident.getReference(),
                    date(pir.getResolvedAt(), zone), pirs.approvedContent(pir)));
        }
        return found;
    }

    private static final String REQUEST_FILE_TITLE = "Provided to the auditor, file %d: %s";

    /** A file attached to an answer to an auditor's request, not yet registered: dated by the day it documents. */
    public java.util.Optional<Registration> requestFile(long id, ZoneId zone) {
        return files("auditor_request_file", "REQUEST_FILE", requestFiles("f.id = " + id, zone), 1, zone,
                REQUEST_FILE_TITLE).stream().findFirst();
    }

    private static String requestFiles(String where, ZoneId zone) {
        return "SELECT f.id, f.filename, f.sha256, CAST(f.dated AS TIMESTAMP) AT TIME ZONE '"
                + zone.getId().replace("'", "") + "', f.content_type, f.size_bytes FROM auditor_request_file f WHERE "
                + where + NOT_REGISTERED.formatted("auditor_request_file", "f.id") + " ORDER BY f.id LIMIT ?1";
    }

    private List<Registration> files(String source, String type, String sql, int max, ZoneId zone, String title) {
        List<Registration> found = new ArrayList<>();
        for (Object[] row : rows(sql, max)) {
            long id = ((Number) row[0]).longValue();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("filename", row[1]);
            s.put("sha256", row[2]);
            s.put("contentType", row[4]);
            s.put("sizeBytes", row[5]);
            Instant at = row[3] == null ? Instant.EPOCH : Times.instant(row[3]);
            found.add(new Registration(type, source, id, title.formatted(id, row[1]), date(at, zone),
                    ((String) row[2]).strip(), CanonicalJson.write(s)));
        }
        return found;
    }

    private static Registration record(String type, String source, long id, String title, LocalDate period,
                                       Map<String, Object> snapshot) {
        String json = CanonicalJson.write(snapshot);
        return new Registration(type, source, id, title, period, Sha256.hex(json), json);
    }

    @SuppressWarnings("unchecked")
    /**
     * Whether alerts are waiting to be processed: a storm in progress, whose payloads the register had better take
     * once it has passed than compete with it for the database.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.SUPPORTS)
    public boolean alertsWaiting() {
        return (Boolean) em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM intake_delivery WHERE state = 'PENDING')")
                .getSingleResult();
    }

    private List<Number> ids(String sql, int max) {
        return em.createNativeQuery(sql).setParameter(1, max).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, int max) {
        return em.createNativeQuery(sql).setParameter(1, max).getResultList();
    }


    private static LocalDate date(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }
}
