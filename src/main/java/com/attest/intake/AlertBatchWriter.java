package com.attest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Writes a batch's alerts, their subjects and payloads with one multi-row insert per table, through the persistence
 * context's own connection in the caller's transaction ({@link IntakeBatch} decides what they are). The persistence
 * unit keeps no shared cache, so {@link Alert} and {@link AlertPayload} read these rows as written.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AlertBatchWriter {

    @PersistenceContext
    private EntityManager em;

    /** New alerts with the ids given them, as the provider would insert them (version 1). */
    void insertAlerts(List<Long> ids, List<Alert> alerts) {
        int n = alerts.size();
        String[][] text = new String[9][n];
        String[][] at = new String[3][n];
        Long[] incident = new Long[n];
        Integer[] score = new Integer[n];
        for (int i = 0; i < n; i++) {
            Alert a = alerts.get(i);
            incident[i] = a.getIncidentId();
            score[i] = a.getScore();
            text[0][i] = a.getSource().name();
            text[1][i] = a.getExternalId();
            text[2][i] = a.getTitle();
            text[3][i] = a.getSeverityLabel();
            text[4][i] = a.getSeverity().name();
            text[5][i] = a.getClassificationReason();
            text[6][i] = a.getCorrelation();
            text[7][i] = a.getState().name();
            text[8][i] = a.getSourceStatus();
            at[0][i] = a.getFiredAt().toString();
            at[1][i] = a.getResolvedAt() == null ? null : a.getResolvedAt().toString();
            at[2][i] = a.getReceivedAt().toString();
        }
        String[] link = alerts.stream().map(Alert::getLink).toArray(String[]::new);
        // a new entity's version is 1 once the provider has inserted it: the same here
        em.createNativeQuery("""
                        INSERT INTO alert (id, incident_id, score, source, external_id, title, severity_label, severity,
                            classification_reason, correlation, state, source_status, fired_at, resolved_at,
                            received_at, link, version)
                        SELECT *, 1 FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS bigint[]), CAST(?3 AS smallint[]),
                            CAST(?4 AS varchar[]), CAST(?5 AS varchar[]), CAST(?6 AS varchar[]), CAST(?7 AS varchar[]),
                            CAST(?8 AS varchar[]), CAST(?9 AS varchar[]), CAST(?10 AS varchar[]),
                            CAST(?11 AS varchar[]), CAST(?12 AS varchar[]), CAST(?13 AS timestamptz[]),
                            CAST(?14 AS timestamptz[]), CAST(?15 AS timestamptz[]), CAST(?16 AS varchar[]))""")
                .setParameter(1, ids.toArray(Long[]::new)).setParameter(2, incident).setParameter(3, score)
                .setParameter(4, text[0]).setParameter(5, text[1]).setParameter(6, text[2]).setParameter(7, text[3])
                .setParameter(8, text[4]).setParameter(9, text[5]).setParameter(10, text[6])
                .setParameter(11, text[7]).setParameter(12, text[8]).setParameter(13, at[0])
                .setParameter(14, at[1]).setParameter(15, at[2]).setParameter(16, link).executeUpdate();
    }

    /** The subjects alerts name (how later alerts find the incident to join), as rows of alert, subject, time. */
    void insertSubjects(List<Long> alert, List<String> subject, List<Instant> firedAt) {
        if (alert.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO alert_subject (alert_id, subject, fired_at) SELECT * FROM"
                        + " unnest(CAST(?1 AS bigint[]), CAST(?2 AS varchar[]), CAST(?3 AS timestamptz[]))")
                .setParameter(1, alert.toArray(Long[]::new)).setParameter(2, subject.toArray(String[]::new))
                .setParameter(3, firedAt.stream().map(Instant::toString).toArray(String[]::new)).executeUpdate();
    }

    /**
     * Payloads, byte for byte as delivered: the bytes are copied from the deliveries they came in ({@code deliveries},
     * one per payload), inside the database, rather than sent back to it.
     */
    void insertPayloads(List<Long> deliveries, List<AlertPayload> payloads) {
        int n = payloads.size();
        Long[] alert = new Long[n];
        Integer[] size = new Integer[n];
        String[][] text = new String[6][n];
        for (int i = 0; i < n; i++) {
            AlertPayload p = payloads.get(i);
            alert[i] = p.getAlertId();
            size[i] = p.getSizeBytes();
            text[0][i] = p.getEvent().name();
            text[1][i] = p.getReceivedAt().toString();
            text[2][i] = p.getContentType();
            text[3][i] = p.getSha256();
            text[4][i] = p.getCaller();
            text[5][i] = p.getRemoteAddr();
        }
        int copied = em.createNativeQuery("""
                        INSERT INTO alert_payload (alert_id, size_bytes, body, event, received_at, content_type, sha256,
                            caller, remote_addr)
                        SELECT u.alert_id, u.size_bytes, d.body, u.event, u.received_at, u.content_type, u.sha256,
                            u.caller, u.remote_addr
                        FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS int[]), CAST(?3 AS bigint[]),
                            CAST(?4 AS varchar[]), CAST(?5 AS timestamptz[]), CAST(?6 AS varchar[]),
                            CAST(?7 AS varchar[]), CAST(?8 AS varchar[]), CAST(?9 AS varchar[])) WITH ORDINALITY
                            AS u(alert_id, size_bytes, delivery_id, event, received_at, content_type, sha256, caller,
                                 remote_addr, n)
                        JOIN intake_delivery d ON d.id = u.delivery_id AND d.sha256 = u.sha256
                        ORDER BY u.n""")
                .setParameter(1, alert).setParameter(2, size).setParameter(3, deliveries.toArray(Long[]::new))
                .setParameter(4, text[0]).setParameter(5, text[1]).setParameter(6, text[2]).setParameter(7, text[3])
                .setParameter(8, text[4]).setParameter(9, text[5]).executeUpdate();
        if (copied != n) {
            throw new IllegalStateException(n + " payloads to keep, " + copied + " deliveries to copy them from");
        }
    }

    /** {@code n} new alert ids, ascending. */
    List<Long> alertIds(int n) {
        @SuppressWarnings("unchecked")
        List<Number> numbers = em.createNativeQuery("SELECT nextval('alert_id_seq') FROM generate_series(1, ?1)")
                .setParameter(1, n).getResultList();
        return numbers.stream().map(Number::longValue).sorted().toList();
    }
}
