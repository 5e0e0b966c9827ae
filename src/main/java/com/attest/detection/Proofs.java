package com.attest.detection;

import com.attest.oncall.OutboxService;
import com.attest.platform.change.Changes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The kept proofs: a new one stored with its audit row; waiting ones settled — claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so two nodes never settle one twice — against the portal's own intake; one that did not verify pages the
 * on-call as a P2 would.
 */
@ApplicationScoped
@Transactional
public class Proofs {

    static final String SYSTEM = "system:detection";
    static final String PURPOSE = "detection-pipeline";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Changes changes;

    @Inject
    private OutboxService outbox;

    @Inject
    private DetectionSettings settings;

    @Inject
    private Clock clock;

    DetectionProof start(DetectionProof proof, DetectionProof.State refused, String why, boolean bySystem) {
        String by = bySystem ? SYSTEM : null;
        changes.create(by, "detection.test-alert-sent", proof);
        if (refused != null) {
            changes.apply(by, "detection.proof-failed", proof, () -> proof.undelivered(clock.instant(), why, refused));
            page(proof, by);
        }
        return proof;
    }

    /**
     * Settles the waiting proofs: verified by the first test alert (the common schema's {@code alertRule} of Azure's
     * test notifications begins "test-") the intake received for it since it was sent, or failed once past the
     * deadline. Returns how many were settled.
     */
    public int settle() {
        @SuppressWarnings("unchecked")
        List<Number> waiting = em.createNativeQuery("SELECT id FROM detection_proof WHERE state = 'WAITING'"
                + " ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED").getResultList();
        int settled = 0;
        Instant now = clock.instant();
        for (Number id : waiting) {
            DetectionProof proof = em.find(DetectionProof.class, id.longValue(), LockModeType.PESSIMISTIC_WRITE);
            if (proof == null || proof.getState() != DetectionProof.State.WAITING) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> arrived = em.createNativeQuery("SELECT d.id, d.received_at FROM intake_delivery d"
                    + " WHERE d.source = 'AZURE_MONITOR' AND d.received_at >= ?1 AND d.state IN ('PENDING', 'PROCESSED')"
                    + " AND jsonb_extract_path_text(CAST(convert_from(d.body, 'UTF8') AS jsonb), 'data', 'essentials',"
                    + " 'alertRule') ILIKE 'test-%'"
                    + " AND NOT EXISTS (SELECT 1 FROM detection_proof p WHERE p.delivery_id = d.id)"
                    + " ORDER BY d.received_at, d.id LIMIT 1")
                    .setParameter(1, Timestamp.from(proof.getRequestedAt())).getResultList();
            if (!arrived.isEmpty()) {
                Instant at = instant(arrived.get(0)[1]);
                changes.apply(SYSTEM, "detection.pipeline-verified", proof, () -> proof.verified(
                        ((Number) arrived.get(0)[0]).longValue(), at, now));
                settled++;
            } else if (now.isAfter(proof.getDeadline())) {
                long secs = java.time.Duration.between(proof.getRequestedAt(), proof.getDeadline()).toSeconds();
                String within = secs < 120 ? secs + " seconds" : (secs / 60) + " minutes";
                changes.apply(SYSTEM, "detection.proof-failed", proof, () -> proof.undelivered(now, "No delivery"
                        + " within " + within + ": the test alert sent"
                        + " through action group " + PipelineRules.nameOf(proof.getActionGroupId())
                        + " never reached this portal's intake.", DetectionProof.State.NO_DELIVERY));
                page(proof, SYSTEM);
                settled++;
            }
        }
        return settled;
    }

    private void page(DetectionProof proof, String by) {
        outbox.page(PURPOSE, "Detection pipeline of " + proof.getSubscriptionLabel() + " not proven end to end",
                proof.getOutcome(), "detection/pipeline.xhtml?subscription=" + proof.getSubscriptionId(),
                by == null ? SYSTEM : by);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DetectionProof> find(long id) {
        return Optional.ofNullable(em.find(DetectionProof.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DetectionProof> recent(String subscriptionId, int max) {
        return em.createQuery("SELECT p FROM DetectionProof p WHERE LOWER(p.subscriptionId) = :s"
                        + " ORDER BY p.requestedAt DESC, p.id DESC", DetectionProof.class)
                .setParameter("s", subscriptionId.toLowerCase(java.util.Locale.ROOT)).setMaxResults(max)
                .getResultList();
    }

    /** Claims the subscription's weekly proof of the week starting {@code monday}: true for exactly one caller. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimWeekly(String subscriptionId, LocalDate monday, Instant now) {
        return em.createNativeQuery("INSERT INTO detection_weekly_claim (subscription_id, week, claimed_at)"
                        + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, subscriptionId.toLowerCase(java.util.Locale.ROOT))
                .setParameter(2, java.sql.Date.valueOf(monday)).setParameter(3, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o
                ? o.toInstant() : (Instant) value;
    }
}
