package com.attest.intake;

import com.attest.incident.Severity;
import com.attest.intake.BatchPlan.Outcome;
import com.attest.intake.BatchPlan.Planned;
import com.attest.intake.BatchPlan.Seen;
import com.attest.intake.BatchPlan.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Correlates the alerts of a batch as {@link IntakeService} correlates one: each joins the open incident that an
 * alert on one of its subjects started within the window — in the database (one query for the whole batch) or
 * earlier in the batch — the latest such alert winning; the subjects a join names as shared are those the incident's
 * alerts name too, in the database's order.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BatchCorrelation {

    @PersistenceContext
    private EntityManager em;

    /**
     * Decides, in order, which alerts open an incident and which join one: the open incident an alert on one of the
     * same subjects started within the window — in the database (one query for the whole plan) or earlier in the
     * plan — the latest such alert winning, as {@link IntakeService} correlates one alert.
     */
    void correlate(List<Planned> plan, Duration window) {
        List<Planned> openers = plan.stream().filter(p -> p.outcome == Outcome.OPENS).toList();
        if (openers.isEmpty()) {
            return;
        }
        IntakeBatch.lock(em, openers.stream().flatMap(p -> p.subjects.stream()).map(s -> "subject|" + s)
                .toArray(String[]::new));
        boolean correlating = !window.isZero();
        Map<Planned, Object[]> inDatabase = correlating ? latestInDatabase(openers, window) : Map.of();
        Map<Long, Target> targets = new HashMap<>();
        inDatabase.values().forEach(r -> targets.computeIfAbsent(((Number) r[1]).longValue(),
                id -> new Target(id, (String) r[3], Severity.valueOf((String) r[4]), -1)));
        Map<String, List<Seen>> seen = new HashMap<>();
        int openings = 0;
        for (Planned p : openers) {
            Instant firedAt = p.item.alert().firedAt();
            Target target = null;
            Instant latest = null;
            Object[] db = inDatabase.get(p);
            if (db != null) {
                target = targets.get(((Number) db[1]).longValue());
                latest = (Instant) db[2];
            }
            if (correlating) {
                for (String subject : p.subjects) {
                    for (Seen s : seen.getOrDefault(subject, List.of())) {
                        boolean within = !s.firedAt().isBefore(firedAt.minus(window))
                                && !s.firedAt().isAfter(firedAt.plus(window));
                        if (within && (latest == null || s.firedAt().isAfter(latest))) {
                            latest = s.firedAt();
                            target = s.target();
                        }
                    }
                }
            }
            if (target == null) {
                target = new Target(null, null, p.classification.severity(), openings++);
            } else {
                p.outcome = Outcome.JOINS;
                // what the plan's earlier alerts of the incident name; what its alerts in the database name follows
                Set<String> shared = new TreeSet<>(p.subjects);
                shared.retainAll(target.subjects);
                p.shared = new ArrayList<>(shared);
            }
            p.target = target;
            target.subjects.addAll(p.subjects);
            for (String subject : p.subjects) {
                seen.computeIfAbsent(subject, s -> new ArrayList<>()).add(new Seen(firedAt, target));
            }
        }
        sharedInDatabase(openers);
        sortShared(plan);
    }

    /** For each opener, the open incident whose alert on one of its subjects fired latest within the window. */
    private Map<Planned, Object[]> latestInDatabase(List<Planned> openers, Duration window) {
        List<Integer> index = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        for (int i = 0; i < openers.size(); i++) {
            Instant firedAt = openers.get(i).item.alert().firedAt();
            for (String s : openers.get(i).subjects) {
                index.add(i);
                subject.add(s);
                from.add(firedAt.minus(window).toString());
                to.add(firedAt.plus(window).toString());
            }
        }
        Map<Planned, Object[]> latest = new HashMap<>();
        if (index.isEmpty()) {
            return latest;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT q.i, c.incident_id, c.fired_at, c.reference, c.severity
                FROM unnest(CAST(?1 AS int[]), CAST(?2 AS varchar[]), CAST(?3 AS timestamptz[]),
                            CAST(?4 AS timestamptz[])) AS q(i, subject, lo, hi)
                CROSS JOIN LATERAL (
                    SELECT a.incident_id, s.fired_at, i.reference, i.severity FROM alert_subject s
                    JOIN alert a ON a.id = s.alert_id
                    JOIN incident i ON i.id = a.incident_id
                    WHERE s.subject = q.subject AND s.fired_at BETWEEN q.lo AND q.hi
                      AND i.status NOT IN ('CLOSED', 'FALSE_POSITIVE', 'DUPLICATE')
                    ORDER BY s.fired_at DESC LIMIT 1) AS c""")
                .setParameter(1, index.toArray(Integer[]::new)).setParameter(2, subject.toArray(String[]::new))
                .setParameter(3, from.toArray(String[]::new)).setParameter(4, to.toArray(String[]::new))
                .getResultList();
        for (Object[] r : rows) {
            Planned p = openers.get(((Number) r[0]).intValue());
            r[2] = com.attest.platform.Times.instant(r[2]);
            Object[] best = latest.get(p);
            if (best == null || ((Instant) r[2]).isAfter((Instant) best[2])) {
                latest.put(p, r);
            }
        }
        return latest;
    }

    /**
     * Adds to each join into an incident already in the database the subjects its alerts there name too (what a
     * join says is shared): one query over the pairs of incident and subject the joins need.
     */
    private void sharedInDatabase(List<Planned> openers) {
        List<Long> incident = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (Planned p : openers) {
            if (p.outcome == Outcome.JOINS && p.target.opening < 0) {
                for (String s : p.subjects) {
                    if (!p.shared.contains(s) && pairs.add(p.target.id + "|" + s)) {
                        incident.add(p.target.id);
                        subject.add(s);
                    }
                }
            }
        }
        if (incident.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.incident_id, c.subject FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS varchar[]))
                     AS c(incident_id, subject)
                WHERE EXISTS (SELECT 1 FROM alert_subject s JOIN alert a ON a.id = s.alert_id
                              WHERE s.subject = c.subject AND a.incident_id = c.incident_id)""")
                .setParameter(1, incident.toArray(Long[]::new)).setParameter(2, subject.toArray(String[]::new))
                .getResultList();
        Set<String> named = new HashSet<>();
        rows.forEach(r -> named.add(((Number) r[0]).longValue() + "|" + r[1]));
        for (Planned p : openers) {
            if (p.outcome == Outcome.JOINS && p.target.opening < 0) {
                Set<String> shared = new TreeSet<>(p.shared);
                p.subjects.stream().filter(s -> named.contains(p.target.id + "|" + s)).forEach(shared::add);
                p.shared = new ArrayList<>(shared);
            }
        }
    }

    /** The shared subjects in the database's order, as the one-by-one join names them (it sorts them in SQL). */
    private void sortShared(List<Planned> plan) {
        List<Integer> index = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).shared.size() > 1) {
                for (String s : plan.get(i).shared) {
                    index.add(i);
                    subject.add(s);
                }
            }
        }
        if (index.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT u.i, u.s FROM unnest(CAST(?1 AS int[]),"
                        + " CAST(?2 AS varchar[])) AS u(i, s) ORDER BY u.i, u.s")
                .setParameter(1, index.toArray(Integer[]::new)).setParameter(2, subject.toArray(String[]::new))
                .getResultList();
        Map<Integer, List<String>> sorted = new HashMap<>();
        rows.forEach(r -> sorted.computeIfAbsent(((Number) r[0]).intValue(), k -> new ArrayList<>())
                .add((String) r[1]));
        sorted.forEach((i, s) -> plan.get(i).shared = s);
    }
}
