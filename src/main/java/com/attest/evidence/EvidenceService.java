package com.attest.evidence;

import com.attest.calendar.CalendarService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.change.Changes;
import com.attest.security.AuditPeriod;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register: registers what the sources hold, finds items, lets the compliance lead lengthen a type's retention
 * (never shorten it below the policy's minimum) and put items on legal hold, and queues expired items for the lead's
 * disposal decision. Nothing is deleted here.
 */
@ApplicationScoped
@Transactional
public class EvidenceService {

    /**
     * What the register is searched by; nulls match everything. {@code within}: the audit periods an auditor is kept
     * to (null: no such limit; empty: nothing matches).
     */
    public record Filter(String type, String control, LocalDate from, LocalDate to, Boolean held,
                         EvidenceItem.Disposal disposal, List<AuditPeriod> within) {

        public Filter(String type, String control, LocalDate from, LocalDate to, Boolean held,
                      EvidenceItem.Disposal disposal) {
            this(type, control, from, to, held, disposal, null);
        }

        public Filter limitedTo(List<AuditPeriod> periods) {
            return new Filter(type, control, from, to, held, disposal, periods);
        }
    }

    static final String SYSTEM = "system:evidence";
    private static final String ENTITY = "EvidenceItem";
    private static final Changes.Kind ITEM = new Changes.Kind("item", "evidence item");
    private static final int BATCH = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private EvidenceSources sources;

    @Inject
    private CalendarService calendars;

    /**
     * Registers one batch of what the sources hold (alert payloads above {@code payloadsAfter} only), in a
     * transaction of its own whoever calls it; returns how many items were added (0 when all are). Its own
     * transaction: the batch's audit row holds the trail's lock until the batch commits, and a pass of many batches
     * in one transaction held it through all of them (seconds in an alert storm, every other writer of the trail
     * waiting).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch registerBatch(long payloadsAfter) {
        Map<String, EvidenceType> types = new LinkedHashMap<>();
        types().forEach(t -> types.put(t.getCode(), t));
        int count = 0;
        Instant now = clock.instant();
        // what this batch adds is known here; the query need not flush it first (a flush before each query
        // compared every item added so far: quadratic in a batch, seconds of CPU per minute in an alert storm)
        java.util.Set<String> added = new java.util.HashSet<>();
        List<Registration> pending = sources.pending(BATCH, payloadsAfter);
        for (Registration r : pending) {
            boolean known = !added.add(r.source() + "|" + r.sourceId() + "|" + r.sha256())
                    || !em.createQuery("SELECT i.id FROM EvidenceItem i WHERE i.source = :source AND"
                            + " i.sourceId = :id AND i.sha256 = :sha", Long.class)
                    .setParameter("source", r.source()).setParameter("id", r.sourceId()).setParameter("sha", r.sha256())
                    .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                    .getResultList().isEmpty();
            if (known) {
                continue;
            }
            EvidenceItem item = new EvidenceItem(types.get(r.typeCode()), r, now);
            em.persist(item);
            count++;
        }
        em.flush();
        if (count > 0) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("registered", count);
            audit.record(SYSTEM, "evidence.registered", ENTITY, null, null, after);
        }
        return new Batch(count, payloadsUpTo(payloadsAfter, pending));
    }

    /**
     * What one batch of a pass did: how many items it added, and the highest alert payload it saw. Every payload up
     * to there is registered, or was not yet committed when the batch looked (the next pass, which starts from the
     * first payload again, finds it): the pass's next batch looks only above it.
     */
    public record Batch(int added, long payloadsUpTo) {
    }

    static long payloadsUpTo(long after, List<Registration> seen) {
        long upTo = after;
        for (Registration r : seen) {
            if ("alert_payload".equals(r.source())) {
                upTo = Math.max(upTo, r.sourceId());
            }
        }
        return upTo;
    }

    /**
     * Registers a file attached to an answer to an auditor's request at once, in the answer's transaction, so the
     * answer links it as the evidence item it is (the sweep finds it registered afterwards).
     */
    public EvidenceItem registerRequestFile(long fileId) {
        Registration r = sources.requestFile(fileId, calendars.zone()).orElseThrow(() -> new IllegalStateException(
                "No unregistered auditor request file " + fileId));
        EvidenceType type = em.find(EvidenceType.class, r.typeCode());
        EvidenceItem item = new EvidenceItem(type, r, clock.instant());
        em.persist(item);
        em.flush();
        audit.record(caller.name(), "evidence.registered", ENTITY, String.valueOf(item.getId()), null,
                item.snapshotOfItem());
        return item;
    }

    /** The compliance lead lengthens a type's retention; items already registered are kept longer too. */
    public EvidenceType lengthen(String code, Integer years) {
        caller.require("change retention", Role.COMPLIANCE_LEAD);
        EvidenceType type = Optional.ofNullable(em.find(EvidenceType.class, code, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new InvalidInput("type", "No evidence type " + code + "."));
        if (type.permanent()) {
            throw new InvalidInput("years", type.getTitle() + " is kept permanently: there is nothing to lengthen.");
        }
        if (years == null || years < type.getRetentionYears() || years > 100) {
            throw new InvalidInput("years", years != null && years < type.getMinRetentionYears()
                    ? "The policy's minimum for " + type.getTitle().toLowerCase() + " is " + type.getMinRetentionYears()
                    + " year(s): retention cannot go below it."
                    : years != null && years < type.getRetentionYears()
                    ? "Retention may be lengthened, never shortened: it is " + type.getRetentionYears()
                    + " year(s) now." : "Give a whole number of years from " + type.getRetentionYears() + " to 100.");
        }
        return changes.apply("evidence.retention-lengthened", type, () -> {
            type.lengthen(years);
            em.createQuery("SELECT i FROM EvidenceItem i WHERE i.typeCode = :code AND i.retentionUntil IS NOT NULL",
                            EvidenceItem.class).setParameter("code", code).getResultStream()
                    .forEach(i -> i.lengthenTo(type.retentionUntil(i.getPeriodDate())));
        });
    }

    /** The compliance lead puts an item on legal hold (a reason is required) or releases it. */
    public EvidenceItem hold(long id, long seenVersion, boolean on, String rawReason) {
        caller.require("place legal holds", Role.COMPLIANCE_LEAD);
        EvidenceItem item = changes.lock(EvidenceItem.class, id, seenVersion, ITEM);
        String reason = rawReason == null || rawReason.isBlank() ? null : rawReason.strip();
        if (on && reason == null) {
            throw new InvalidInput("reason", "Say why the item is held (the matter, the request).");
        }
        if (reason != null && reason.length() > 1000) {
            throw new InvalidInput("reason", "At most 1,000 characters.");
        }
        if (on == item.isLegalHold()) {
            throw new InvalidInput("hold", "Item " + id + " is " + (on ? "on hold already." : "not on hold."));
        }
        changes.apply(null, on ? "evidence.hold-placed" : "evidence.hold-released", ENTITY, id, item::snapshotOfItem,
                () -> item.hold(on, reason, caller.name(), clock.instant()));
        return item;
    }

    /** Puts items whose retention has passed, and that are not on hold, in the disposal queue. */
    public int queueExpired() {
        LocalDate today = calendars.calendar().localDate(clock.instant());
        List<EvidenceItem> expired = em.createQuery("SELECT i FROM EvidenceItem i WHERE i.retentionUntil < :today"
                        + " AND i.legalHold = FALSE AND i.disposalState = :kept", EvidenceItem.class)
                .setParameter("today", today).setParameter("kept", EvidenceItem.Disposal.KEPT).getResultList();
        for (EvidenceItem item : expired) {
            changes.apply(SYSTEM, "evidence.queued-for-disposal", ENTITY, item.getId(), item::snapshotOfItem,
                    () -> item.queue(clock.instant()));
        }
        return expired.size();
    }

    /** The sources whose records a disposal removes, each with its table's key column and what it holds. */
    private static final Map<String, String[]> DISPOSABLE = Map.of(
            "alert_payload", new String[] {"id", "the alert payload's bytes"},
            "incident_attachment", new String[] {"id", "the evidence file"},
            "action_result", new String[] {"run_id", "the result file"},
            "exercise_attachment", new String[] {"id", "the exercise report file"},
            "auditor_request_file", new String[] {"id", "the file provided to the auditor"},
            "azure_collection_page", new String[] {"id", "the page Azure returned"},
            "detection_check", new String[] {"id", "the detection pipeline's configuration as Azure returned it"},
            "detection_proof", new String[] {"id", "the detection pipeline's end-to-end proof"});

    /**
     * The compliance lead disposes of a queued item past its retention and free of any hold: its payload or file
     * is removed (the database lets that one row go inside this transaction only), the item stays as the record
     * that it was kept, and a disposal certificate is kept permanently.
     */
    public DisposalCertificate dispose(long id, long seenVersion, String rawReason) {
        caller.require("dispose of evidence", Role.COMPLIANCE_LEAD);
        EvidenceItem item = Optional.ofNullable(em.find(EvidenceItem.class, id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new InvalidInput("item", "No evidence item " + id + "."));
        String reason = rawReason == null || rawReason.isBlank() ? null : rawReason.strip();
        LocalDate today = calendars.calendar().localDate(clock.instant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (item.getVersion() != seenVersion) {
            errors.add("version", Changes.changedMeanwhile(item));
        } else if (item.isLegalHold()) {
            errors.add("item", "Item " + id + " is on legal hold: it is kept whatever its retention.");
        } else if (item.getDisposalState() != EvidenceItem.Disposal.QUEUED) {
            errors.add("item", item.getDisposalState() == EvidenceItem.Disposal.DISPOSED
                    ? "Item " + id + " was disposed of already." : "Item " + id + " is not in the disposal queue: it is"
                    + " kept until " + (item.getRetentionUntil() == null ? "for ever" : item.getRetentionUntil()) + ".");
        } else if (!item.getRetentionUntil().isBefore(today)) {
            errors.add("item", "Item " + id + " must be kept until " + item.getRetentionUntil() + ".");
        } else if (!DISPOSABLE.containsKey(item.getSource())) {
            errors.add("item", "Item " + id + " is a " + item.getSource().replace('_', ' ') + ", which other records"
                    + " refer to: it stays in the register; only payloads and files are removed by a disposal.");
        }
        if (reason == null) {
            errors.add("reason", "Say why it is disposed of (the retention rule, the request).");
        } else if (reason.length() > 1000) {
            errors.add("reason", "At most 1,000 characters.");
        }
        errors.throwIfAny();
        String[] table = DISPOSABLE.get(item.getSource());
        em.createNativeQuery("SELECT set_config('attest.disposing', ?1, true)")
                .setParameter(1, item.getSource() + ":" + item.getSourceId()).getSingleResult();
        int removed = em.createNativeQuery("DELETE FROM " + item.getSource() + " WHERE " + table[0] + " = ?1")
                .setParameter(1, item.getSourceId()).executeUpdate();
        em.createNativeQuery("SELECT set_config('attest.disposing', '', true)").getSingleResult();
        changes.apply(null, "evidence.disposed", ENTITY, id, item::snapshotOfItem,
                () -> item.dispose(caller.name(), clock.instant()));
        return changes.create("evidence.disposal-certified", new DisposalCertificate(item, removed == 1 ? table[1]
                : "nothing: " + table[1] + " was no longer there", reason, caller.name(), clock.instant()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DisposalCertificate> certificates() {
        return em.createNamedQuery(DisposalCertificate.ALL, DisposalCertificate.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidenceType> types() {
        return em.createNamedQuery(EvidenceType.ALL, EvidenceType.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EvidenceItem> find(long id) {
        return Optional.ofNullable(em.find(EvidenceItem.class, id));
    }

    /**
     * The items registered from the records of one incident: the incident itself, its alert payloads, action runs
     * and their result files, evidence files, post-incident review and customer notices; in registration order.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidenceItem> ofIncident(long incidentId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT e.id FROM evidence_item e WHERE"
                + " (e.source = 'incident' AND e.source_id = ?1)"
                + " OR (e.source = 'alert_payload' AND e.source_id IN (SELECT p.id FROM alert_payload p JOIN alert a"
                + " ON a.id = p.alert_id WHERE a.incident_id = ?1))"
                + " OR (e.source IN ('action_run', 'action_result') AND e.source_id IN (SELECT r.id FROM action_run r"
                + " WHERE r.incident_id = ?1))"
                + " OR (e.source = 'incident_attachment' AND e.source_id IN (SELECT f.id FROM incident_attachment f"
                + " WHERE f.incident_id = ?1))"
                + " OR (e.source = 'pir' AND e.source_id IN (SELECT p.id FROM pir p WHERE p.incident_id = ?1))"
                + " OR (e.source = 'customer_notice' AND e.source_id IN (SELECT n.id FROM customer_notice n"
                + " WHERE n.incident_id = ?1)) ORDER BY e.id").setParameter(1, incidentId).getResultList();
        return ids.stream().map(id -> em.find(EvidenceItem.class, id.longValue())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidenceItem> search(Filter filter, int first, int max) {
        return query(filter, EvidenceItem.class, "SELECT i").setFirstResult(first).setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(Filter filter) {
        return query(filter, Long.class, "SELECT COUNT(i)").getSingleResult();
    }

    private <T> TypedQuery<T> query(Filter f, Class<T> result, String select) {
        StringBuilder jpql = new StringBuilder(select).append(" FROM EvidenceItem i WHERE TRUE = TRUE");
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.type() != null && !f.type().isBlank()) {
            jpql.append(" AND i.typeCode = :type");
            params.put("type", f.type());
        }
        if (f.control() != null && !f.control().isBlank()) {
            jpql.append(" AND i.typeCode IN (SELECT t.code FROM EvidenceType t WHERE t.controls LIKE :control)");
            params.put("control", "%" + f.control().strip() + "%");
        }
        if (f.from() != null) {
            jpql.append(" AND i.periodDate >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            jpql.append(" AND i.periodDate <= :to");
            params.put("to", f.to());
        }
        if (f.held() != null) {
            jpql.append(" AND i.legalHold = :held");
            params.put("held", f.held());
        }
        if (f.disposal() != null) {
            jpql.append(" AND i.disposalState = :disposal");
            params.put("disposal", f.disposal());
        }
        if (f.within() != null) {
            StringBuilder any = new StringBuilder(" AND (FALSE = TRUE");
            for (int i = 0; i < f.within().size(); i++) {
                any.append(" OR i.periodDate BETWEEN :within").append(i).append("from AND :within").append(i)
                        .append("to");
                params.put("within" + i + "from", f.within().get(i).from());
                params.put("within" + i + "to", f.within().get(i).to());
            }
            jpql.append(any).append(')');
        }
        if (!select.contains("COUNT")) {
            jpql.append(" ORDER BY i.periodDate DESC, i.id DESC");
        }
        TypedQuery<T> q = em.createQuery(jpql.toString(), result);
        params.forEach(q::setParameter);
        return q;
    }
}
