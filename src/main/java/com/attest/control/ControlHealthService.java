package com.attest.control;

import com.attest.calendar.CalendarService;
import com.attest.control.Finding.Kind;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeClock;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.detection.DetectionPipelineService;
import com.attest.detection.PipelineChecks;
import com.attest.detection.Verdict;
import com.attest.evidence.AzureCollectionService;
import com.attest.evidence.EvidenceService;
import com.attest.evidence.EvidenceType;
import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseSchedule;
import com.attest.exercise.ExerciseService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentFilter;
import com.attest.incident.IncidentRegister;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.ChainVerification;
import com.attest.runbook.Document;
import com.attest.runbook.DocumentService;
import com.attest.runbook.DocumentVersion;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gaps of CC7.3, CC7.4 and CC7.5 in a period, found live in the records: the findings are gathered once from
 * the incident register, reviews, customer notices, exercises, the runbook and policy, the audit trail and the
 * evidence register, and {@link ControlRules} maps them to the controls. Records count in the period by their
 * detection (incidents) or resolution (reviews) date; what is in force — the runbook, the policy, the audit trail's
 * integrity — is judged as it stands now, and the exercise rule on the period's last day (today at the latest).
 * Compliance leads and auditors read it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ControlHealthService {

    /** Both days included, in the organisation's time zone. */
    public record Period(LocalDate from, LocalDate to) implements Serializable {
    }

    /** One control's state and gaps in a period. */
    public record Report(Control control, Period period, Health health, List<Gap> gaps) implements Serializable {
        public Control getControl() { return control; }
        public Health getHealth() { return health; }
        public List<Gap> getGaps() { return gaps; }
    }

    /** The default period: the last twelve months. */
    static final int MONTHS = 12;
    /** At most this many records are listed with a gap; its count says how many there are. */
    static final int SHOWN = 50;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AuditorLimits scope;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private CalendarService calendars;

    @Inject
    private IncidentRegister register;

    @Inject
    private IncidentService incidents;

    @Inject
    private PirService pirs;

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @Inject
    private ExerciseService exercises;

    @Inject
    private DocumentService documents;

    @Inject
    private AuditTrail audit;

    @Inject
    private EvidenceService evidence;

    /**
     * The period asked for: either end may be missing (to: today; from: twelve months before it). An auditor is kept
     * to the audit periods of their open engagements: the first of them when none is asked for, and a period that
     * does not lie within one of them is refused.
     */
    public Period period(LocalDate from, LocalDate to) {
        List<AuditPeriod> limits = scope.limits();
        if (limits != null && !limits.isEmpty() && from == null && to == null) {
            return new Period(limits.get(0).from(), limits.get(0).to());
        }
        LocalDate end = to != null ? to : clock.instant().atZone(calendars.zone()).toLocalDate();
        LocalDate start = from != null ? from : end.minusMonths(MONTHS);
        if (start.isAfter(end)) {
            throw new InvalidInput("from", "The period starts on " + start + ", after it ends on " + end + ".");
        }
        if (limits != null && limits.stream().noneMatch(p -> p.contains(start) && p.contains(end))) {
            throw new InvalidInput("from", "The period " + start + " to " + end + " lies outside the audit period of"
                    + " your engagement" + (limits.isEmpty() ? "." : " (" + limits.stream().map(AuditPeriod::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")."));
        }
        return new Period(start, end);
    }

    /** One control in the period. */
    public Report of(Control control, Period period) {
        return all(period).stream().filter(r -> r.control() == control).findFirst().orElseThrow();
    }

    /** The three controls in the period, the findings gathered once. */
    public List<Report> all(Period period) {
        caller.require("read control health", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        List<Finding> findings = findings(period);
        Map<String, List<Control>> catalogue = catalogue();
        List<Report> reports = new ArrayList<>();
        for (Control control : Control.values()) {
            List<Gap> gaps = ControlRules.gaps(control, findings, catalogue);
            reports.add(new Report(control, period, ControlRules.health(gaps), gaps));
        }
        return reports;
    }

    @Inject
    private AzureCollectionService azureEvidence;

    @Inject
    private com.attest.engagement.ReconciliationService reconciliation;

    private List<Finding> findings(Period period) {
        ZoneId zone = calendars.zone();
        Instant now = clock.instant();
        Instant start = period.from().atStartOfDay(zone).toInstant();
        Instant end = period.to().plusDays(1).atStartOfDay(zone).toInstant();
        List<Finding> found = new ArrayList<>();
        // first: verifying the chain clears the persistence context as it goes
        auditTrail().ifPresent(found::add);
        found.add(sla(Kind.SLA_OVERDUE, "OVERDUE", period, now));
        found.add(sla(Kind.SLA_BREACHED, "BREACHED", period, now));
        found.addAll(reviews(start, end, now, zone));
        found.addAll(customerNotices(start, end, zone));
        exercise(period, zone).ifPresent(found::add);
        found.addAll(documentsInForce(now.atZone(zone).toLocalDate()));
        found.add(incidentsWhere(Kind.ENTRA_LOG_MISSING, """
                i.declared_at IS NOT NULL AND i.status NOT IN ('FALSE_POSITIVE', 'DUPLICATE')
                AND NOT EXISTS (SELECT 1 FROM action_run r JOIN evidence_item e ON e.source = 'action_result'
                    AND e.source_id = r.id AND e.type_code = 'ENTRA_AUDIT_LOG' WHERE r.incident_id = i.id)""",
                start, end, "no Entra ID audit log collected and registered"));
        found.add(incidentsWhere(Kind.INCIDENT_NOT_REGISTERED, """
                i.status IN ('CLOSED', 'FALSE_POSITIVE', 'DUPLICATE')
                AND NOT EXISTS (SELECT 1 FROM evidence_item e WHERE e.source = 'incident' AND e.source_id = i.id
                    AND e.registered_at >= GREATEST(i.updated_at, COALESCE((SELECT max(t.recorded_at)
                        FROM timeline_entry t WHERE t.incident_id = i.id), i.updated_at)))""",
                start, end, "closed, not registered in its final form"));
        found.add(shown(Kind.AZURE_EVIDENCE_MISSING, azureEvidence.missing(period.from(), period.to()).stream()
                .map(m -> new RecordRef(RecordRef.Kind.EVIDENCE, m.day().toString(), m.kind().getLabel() + " · "
                        + m.scopeLabel() + " · " + m.day(), "not collected")).toList()));
        found.add(shown(Kind.POPULATION_UNMATCHED, reconciliation.compute(period.from(), period.to()).unmatched()
                .stream().map(r -> new RecordRef(RecordRef.Kind.EVIDENCE, r.azureId(), r.getKindLabel() + " · "
                        + (r.title() == null ? "" : r.title() + " · ") + r.azureId(), "no portal incident, no"
                        + " disposition")).toList()));
        found.add(detectionPipeline(period.to().plusDays(1).atStartOfDay(zone).toInstant(), now));
        return found;
    }

    @Inject
    private PipelineChecks detectionChecks;

    @Inject
    private DetectionPipelineService detection;

    /** Each configured subscription whose latest check, at the period's end (now at the latest), is a gap. */
    private Finding detectionPipeline(Instant end, Instant now) {
        Instant asOf = end.isAfter(now) ? now : end;
        List<RecordRef> failing = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (var subscription : detection.subscriptions()) {
            detectionChecks.latest(subscription.subscriptionId(), asOf).filter(c -> c.getVerdict().gap())
                    .ifPresent(c -> {
                        List<String> bad = c.findingList().stream().filter(f -> f.verdict().gap())
                                .map(com.attest.detection.Finding::sentence).toList();
                        failing.add(new RecordRef(RecordRef.Kind.DETECTION_CHECK, String.valueOf(c.getId()),
                                "Detection pipeline · " + c.getSubscriptionLabel(), c.getVerdict() == Verdict.FAIL
                                ? "fails since " + c.getCheckedAt() : "could not be read at " + c.getCheckedAt()));
                        sentences.addAll(bad);
                    });
        }
        return new Finding(Kind.DETECTION_PIPELINE_FAILING, failing, failing.size(),
                sentences.isEmpty() ? null : String.join(" ", sentences));
    }

    private Optional<Finding> auditTrail() {
        ChainVerification v = audit.verify();
        if (v.intact()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(Kind.AUDIT_TRAIL_BROKEN, new RecordRef(RecordRef.Kind.AUDIT_TRAIL,
                String.valueOf(v.firstBrokenId()), "Audit trail", "first broken row " + v.firstBrokenId()),
                "row " + v.firstBrokenId() + ", " + v.problem()));
    }

    private Finding sla(Kind kind, String state, Period period, Instant now) {
        IncidentFilter filter = new IncidentFilter(null, null, null, period.from(), period.to(), state);
        List<RecordRef> refs = register.page(filter, "detectedAt", true, 0, SHOWN).stream()
                .map(i -> RecordRef.incident(i.getReference(), i.getSeverity() + " · " + i.getTitle() + " · "
                        + (kind == Kind.SLA_OVERDUE ? "" : "declared ") + i.clock(now).getMarginText()
                        + (kind == Kind.SLA_OVERDUE ? " past the target" : " late")))
                .toList();
        return new Finding(kind, refs, register.count(filter), null);
    }

    private List<Finding> reviews(Instant start, Instant end, Instant now, ZoneId zone) {
        List<RecordRef> overdue = new ArrayList<>();
        List<RecordRef> late = new ArrayList<>();
        for (Pir pir : pirs.all()) {
            if (pir.getResolvedAt().isBefore(start) || !pir.getResolvedAt().isBefore(end)) {
                continue;
            }
            boolean isOverdue = pir.getState() != Pir.State.APPROVED && now.isAfter(pir.getDueAt());
            boolean isLate = Boolean.FALSE.equals(pir.onTime());
            if (isOverdue || isLate) {
                String ref = incidents.byId(pir.getIncidentId()).map(Incident::getReference).orElse("?");
                LocalDate due = pir.getDueAt().atZone(zone).toLocalDate();
                RecordRef record = new RecordRef(RecordRef.Kind.PIR, String.valueOf(pir.getId()),
                        "Review of " + ref, isOverdue ? "due " + due + ", overdue ("
                        + pir.getState().name().toLowerCase(java.util.Locale.ROOT) + ")"
                        : "due " + due + ", approved " + pir.getDecidedAt().atZone(zone).toLocalDate());
                (isOverdue ? overdue : late).add(record);
            }
        }
        return List.of(shown(Kind.PIR_OVERDUE, overdue), shown(Kind.PIR_LATE, late));
    }

    private List<Finding> customerNotices(Instant start, Instant end, ZoneId zone) {
        List<RecordRef> overdue = new ArrayList<>();
        List<RecordRef> late = new ArrayList<>();
        List<Incident> concerned = em.createQuery("SELECT i FROM Incident i WHERE i.detectedAt >= :start"
                        + " AND i.detectedAt < :end AND (i.personalDataSince IS NOT NULL"
                        + " OR i.customersAffectedSince IS NOT NULL) ORDER BY i.detectedAt", Incident.class)
                .setParameter("start", start).setParameter("end", end).getResultList();
        for (Incident incident : concerned) {
            Optional<NoticeClock> clock = deliveries.clock(incident);
            if (clock.isEmpty()) {
                continue;
            }
            String due = "due " + clock.get().deadline().dueAt().atZone(zone).toLocalDateTime().toString()
                    .replace('T', ' ') + " (" + clock.get().deadline().period() + ")";
            switch (clock.get().clock().state()) {
                case OVERDUE -> overdue.add(RecordRef.incident(incident.getReference(), due + ", no notice delivered"));
                case BREACHED -> late.add(RecordRef.incident(incident.getReference(), due + ", notified "
                        + clock.get().clock().getMarginText() + " late"));
                default -> { }
            }
        }
        return List.of(shown(Kind.NOTICE_OVERDUE, overdue), shown(Kind.NOTICE_LATE, late));
    }

    private Optional<Finding> exercise(Period period, ZoneId zone) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate asOf = period.to().isAfter(today) ? today : period.to();
        List<LocalDate> held = exercises.all().stream().filter(e -> e.getState() == Exercise.State.SIGNED_OFF)
                .map(e -> e.getHeldAt().atZone(zone).toLocalDate()).toList();
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(held, asOf);
        RecordRef list = new RecordRef(RecordRef.Kind.EXERCISES, "", "Exercises",
                due.last() == null ? "none signed off" : "next due " + due.next());
        String last = due.last() == null ? null : due.last().toString();
        return switch (due.state()) {
            case NEVER, OVERDUE -> Optional.of(Finding.of(Kind.EXERCISE_OVERDUE, list, last));
            case DUE_TODAY -> Optional.of(Finding.of(Kind.EXERCISE_DUE, list, last));
            case CURRENT -> Optional.empty();
        };
    }

    private List<Finding> documentsInForce(LocalDate today) {
        List<Finding> found = new ArrayList<>();
        for (Document document : documents.all()) {
            boolean runbook = document.getKind() == Document.Kind.RUNBOOK;
            List<DocumentVersion> versions = documents.versions(document);
            String title = versions.isEmpty() ? document.getSlug() : versions.get(0).getTitle();
            Optional<DocumentVersion> inForce = documents.inForce(document);
            if (inForce.isEmpty()) {
                found.add(Finding.of(runbook ? Kind.RUNBOOK_NOT_IN_FORCE : Kind.POLICY_NOT_IN_FORCE,
                        new RecordRef(RecordRef.Kind.DOCUMENT, document.getSlug(), title,
                                versions.isEmpty() ? "no version" : "latest: v" + versions.get(0).getNumber() + ", "
                                        + versions.get(0).getState().name().toLowerCase().replace('_', ' ')), null));
            } else if (inForce.get().isReviewOverdue(today)) {
                String due = String.valueOf(inForce.get().getReviewDue());
                found.add(Finding.of(runbook ? Kind.RUNBOOK_REVIEW_OVERDUE : Kind.POLICY_REVIEW_OVERDUE,
                        new RecordRef(RecordRef.Kind.DOCUMENT, document.getSlug(), title, "v"
                                + inForce.get().getNumber() + " in force, review due " + due), due));
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private Finding incidentsWhere(Kind kind, String condition, Instant start, Instant end, String note) {
        List<Object[]> rows = em.createNativeQuery("SELECT i.reference, i.severity FROM incident i WHERE i.detected_at"
                        + " >= ?1 AND i.detected_at < ?2 AND " + condition + " ORDER BY i.detected_at, i.id")
                .setParameter(1, Timestamp.from(start)).setParameter(2, Timestamp.from(end)).getResultList();
        List<RecordRef> refs = rows.stream().limit(SHOWN)
                .map(r -> RecordRef.incident((String) r[0], r[1] + " · " + note)).toList();
        return new Finding(kind, refs, rows.size(), null);
    }

    private Map<String, List<Control>> catalogue() {
        Map<String, List<Control>> catalogue = new LinkedHashMap<>();
        for (EvidenceType type : evidence.types()) {
            catalogue.put(type.getCode(), type.controlList().stream().map(String::strip).map(Control::of)
                    .flatMap(Optional::stream).toList());
        }
        return catalogue;
    }

    private static Finding shown(Kind kind, List<RecordRef> records) {
        return new Finding(kind, records.stream().limit(SHOWN).toList(), records.size(), null);
    }
}
