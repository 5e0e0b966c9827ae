package com.attest.intake;

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

    /** The incident whose alert a payload was delivered for. */
    public Optional<Long> incidentOfPayload(long payloadId) {
        return em.createQuery("SELECT a.incidentId FROM AlertPayload p, Alert a WHERE p.alertId = a.id AND p.id = :id",
                Long.class).setParameter("id", payloadId).getResultStream().findFirst();
    }

    public Optional<Alert> alert(long id) {
        return Optional.ofNullable(em.find(Alert.class, id));
    }
}
