package com.attest.detection;

import com.attest.platform.change.Changes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The kept checks: a new one stored with its audit row, the latest per subscription, the daily claim. */
@ApplicationScoped
@Transactional
public class PipelineChecks {

    /** Who the audit trail names for a daily check. */
    static final String SYSTEM = "system:detection";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Changes changes;

    DetectionCheck keep(DetectionCheck check, boolean bySystem) {
        return changes.create(bySystem ? SYSTEM : null, "detection.checked", check);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DetectionCheck> find(long id) {
        return Optional.ofNullable(em.find(DetectionCheck.class, id));
    }

    /** The latest check of the subscription at or before {@code asOf}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DetectionCheck> latest(String subscriptionId, Instant asOf) {
        return em.createQuery("SELECT c FROM DetectionCheck c WHERE LOWER(c.subscriptionId) = :s"
                        + " AND c.checkedAt <= :at ORDER BY c.checkedAt DESC, c.id DESC", DetectionCheck.class)
                .setParameter("s", subscriptionId.toLowerCase(java.util.Locale.ROOT)).setParameter("at", asOf)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** The subscription's checks, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DetectionCheck> history(String subscriptionId, int max) {
        return em.createQuery("SELECT c FROM DetectionCheck c WHERE LOWER(c.subscriptionId) = :s"
                        + " ORDER BY c.checkedAt DESC, c.id DESC", DetectionCheck.class)
                .setParameter("s", subscriptionId.toLowerCase(java.util.Locale.ROOT)).setMaxResults(max)
                .getResultList();
    }

    /** Claims the subscription's daily check of {@code day}: true for exactly one caller, on any node. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimDaily(String subscriptionId, LocalDate day, Instant now) {
        return em.createNativeQuery("INSERT INTO detection_daily_claim (subscription_id, day, claimed_at)"
                        + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, subscriptionId.toLowerCase(java.util.Locale.ROOT)).setParameter(2, java.sql.Date.valueOf(day))
                .setParameter(3, Timestamp.from(now)).executeUpdate() == 1;
    }
}
