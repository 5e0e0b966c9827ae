package com.attest.intake;

import com.attest.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the alerts of an incident and their payloads, for the incident page and downloads. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AlertService {

    /** A payload without its body: what a list shows. */
    public record PayloadSummary(long id, long alertId, ReceivedAlert.Event event, Instant receivedAt, String sha256,
                                 int sizeBytes, String caller) {
    }

    @PersistenceContext
    private EntityManager em;

    public List<Alert> ofIncident(long incidentId) {
        return em.createNamedQuery(Alert.OF_INCIDENT, Alert.class).setParameter("incident", incidentId)
                .getResultList();
    }

    public List<PayloadSummary> payloadsOfIncident(long incidentId) {
        return em.createQuery("SELECT p.id, p.alertId, p.event, p.receivedAt, p.sha256, p.sizeBytes, p.caller"
                        + " FROM AlertPayload p, Alert a WHERE p.alertId = a.id AND a.incidentId = :incident"
                        + " ORDER BY p.receivedAt, p.id", Object[].class)
                .setParameter("incident", incidentId).getResultList().stream()
                .map(r -> new PayloadSummary((Long) r[0], (Long) r[1], (ReceivedAlert.Event) r[2], (Instant) r[3],
                        (String) r[4], (Integer) r[5], (String) r[6]))
                .toList();
    }

    public Optional<AlertPayload> payload(long id) {
        return Optional.ofNullable(em.find(AlertPayload.class, id));
    }

    /** The incident whose alert a payload was delivered for; none for an alert kept without an incident. */
    public Optional<Long> incidentOfPayload(long payloadId) {
        return em.createQuery("SELECT a.incidentId FROM AlertPayload p, Alert a WHERE p.alertId = a.id AND p.id = :id",
                Long.class).setParameter("id", payloadId).getResultStream().filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** An alert a keep rule recorded without an incident, with its first payload: what the intake page lists. */
    public record KeptAlert(long alertId, long payloadId, String source, String title, String severityLabel,
                            String reason, String state, Instant firedAt, Instant receivedAt) {
    }

    /** The latest alerts kept without an incident, newest first. */
    public List<KeptAlert> kept(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, (SELECT min(p.id) FROM alert_payload p WHERE p.alert_id = a.id), a.source, a.title,
                       a.severity_label, a.classification_reason, a.state, a.fired_at, a.received_at
                FROM alert a WHERE a.incident_id IS NULL ORDER BY a.received_at DESC, a.id DESC LIMIT ?1""")
                .setParameter(1, max).getResultList();
        return rows.stream().map(r -> new KeptAlert(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                Times.instant(r[7]), Times.instant(r[8]))).toList();
    }

    public Optional<Alert> alert(long id) {
        return Optional.ofNullable(em.find(Alert.class, id));
    }
}
