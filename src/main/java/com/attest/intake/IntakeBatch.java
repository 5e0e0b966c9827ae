package com.attest.intake;

import com.attest.incident.Incident;
import com.attest.incident.IncidentBatchWriter;
import com.attest.incident.IncidentOpened;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.oncall.OnCallSettings;
import com.attest.oncall.OnCallSettingsService;
import com.attest.platform.change.Changes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A batch of accepted deliveries turned into register entries set-based: what {@link IntakeService#receive} does for
 * one alert, done for a storm of them in a few statements. The batch's alert identities are looked up at once (a
 * known one with a payload of the same hash is a repeat), its alerts classified in memory, correlated against the
 * open incidents their subjects started within the window (one query) and against each other, in order; then the
 * new incidents are opened together ({@link IncidentBatchWriter}), and the alerts, their subjects, payloads, the
 * "alert joined" timeline entries and every audit row written with one multi-row insert per table.
 *
 * <p>What is not a plain storm goes through {@link IntakeService#receive} one by one, exactly as before, in order:
 * a resolution or a Sentinel update of a known alert, a Sentinel incident, a new payload of a known alert, a joined
 * alert more severe than its incident, an alert whose incident would be refused. The batch is written up to such a
 * delivery, the delivery is processed on its own, and the rest is planned again from what the database then holds,
 * so the outcome is the one a delivery-by-delivery pass gives.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IntakeBatch {

    /** An accepted delivery, read. */
    public record Item(long deliveryId, Instant receivedAt, Delivery delivery, ReceivedAlert alert) {
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private IntakeService intake;

    @Inject
    private IncidentBatchWriter incidents;

    @Inject
    private IntakeSettingsService rules;

    @Inject
    private OnCallSettingsService onCall;

    @Inject
    private Changes changes;

    @Inject
    private Event<IncidentOpened> opened;

    /** What became of a planned alert. */
    private enum Outcome { REPEAT, KEPT, OPENS, JOINS }

    /** An incident the plan joins alerts to: one already open in the database, or one the plan opens. */
    private static final class Target {
        Long id;
        String reference;
        Severity severity;
        /** The plan's own opening, or -1 for an incident already in the database. */
        final int opening;
        /** The subjects the plan's alerts of it name. */
        final Set<String> subjects = new HashSet<>();

        Target(Long id, String reference, Severity severity, int opening) {
            this.id = id;
            this.reference = reference;
            this.severity = severity;
            this.opening = opening;
        }
    }

    private static final class Planned {
        final Item item;
        Outcome outcome;
        Classification classification;
        Set<String> subjects = Set.of();
        Target target;
        List<String> shared = List.of();
        Long alertId;
        String reference;

        Planned(Item item) {
            this.item = item;
        }
    }

    /** A subject an alert of the plan named, when, and the incident that alert belongs to. */
    private record Seen(Instant firedAt, Target target) {
    }

    /** Processes the items in order; the receipt of each, in the same order. */
    public List<Receipt> process(List<Item> items) {
        List<Receipt> receipts = new ArrayList<>(items.size());
        if (items.isEmpty()) {
            return receipts;
        }
        lock(items.stream().map(i -> IntakeDeliveryService.alertKey(i.alert())).toArray(String[]::new));
        int from = 0;
        while (from < items.size()) {
            List<Item> rest = items.subList(from, items.size());
            List<Planned> plan = plan(rest);
            write(plan);
            plan.forEach(p -> receipts.add(new Receipt(p.alertId, p.reference, p.outcome == Outcome.REPEAT)));
            from += plan.size();
            if (from < items.size()) {
                Item alone = items.get(from);
                receipts.add(intake.receive(alone.alert(), alone.delivery(), alone.receivedAt()));
                em.flush();
                em.clear();
                from++;
            }
        }
        return receipts;
    }

    /** The longest prefix of {@code items} the batch can take set-based, planned in order. */
    private List<Planned> plan(List<Item> items) {
        Map<Integer, Object[]> known = known(items);
        RuleSet ruleSet = rules.ruleSet();
        Duration window = rules.settings().correlationWindow();
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            ReceivedAlert alert = item.alert();
            if (alert.source() == Source.SENTINEL || alert.event() != ReceivedAlert.Event.FIRED) {
                break;
            }
            Planned p = new Planned(item);
            Object[] k = known.get(i);
            if (k != null) {
                if (!Boolean.TRUE.equals(k[3])) {
                    break; // a new payload of a known alert: redelivered, processed on its own
                }
                p.outcome = Outcome.REPEAT;
                p.alertId = ((Number) k[1]).longValue();
                p.reference = (String) k[2];
            } else {
                p.classification = ruleSet.classify(alert);
                if (!p.classification.opensIncident()) {
                    p.outcome = Outcome.KEPT;
                } else {
                    p.outcome = Outcome.OPENS;
                    p.subjects = IntakeService.subjects(alert);
                    if (incidents.refusal(opening(p)).isPresent()) {
                        break; // refused as report() refuses it: on its own, where the refusal is kept
                    }
                }
            }
            plan.add(p);
        }
        correlate(plan, window);
        // a joined alert more severe than its incident raises the incident: processed on its own
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            if (p.outcome == Outcome.JOINS && p.classification.severity().compareTo(p.target.severity) < 0) {
                return new ArrayList<>(plan.subList(0, i));
            }
        }
        return plan;
    }

    /**
     * Which alerts of the batch are known (by the source's id) and whether a payload with the same hash is kept:
     * by index, {alert id, incident reference or null, repeat}.
     */
    private Map<Integer, Object[]> known(List<Item> items) {
        int n = items.size();
        Integer[] index = new Integer[n];
        String[] source = new String[n];
        String[] externalId = new String[n];
        String[] sha256 = new String[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            source[i] = items.get(i).alert().source().name();
            externalId[i] = items.get(i).alert().externalId();
            sha256[i] = items.get(i).delivery().sha256();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT u.i, a.id, i.reference, EXISTS (SELECT 1 FROM alert_payload p
                                                      WHERE p.alert_id = a.id AND p.sha256 = u.sha256)
                FROM unnest(CAST(?1 AS int[]), CAST(?2 AS varchar[]), CAST(?3 AS varchar[]), CAST(?4 AS varchar[]))
                     AS u(i, source, external_id, sha256)
                JOIN alert a ON a.source = u.source AND a.external_id = u.external_id
                LEFT JOIN incident i ON i.id = a.incident_id""")
                .setParameter(1, index).setParameter(2, source).setParameter(3, externalId).setParameter(4, sha256)
                .getResultList();
        Map<Integer, Object[]> known = new HashMap<>();
        rows.forEach(r -> known.put(((Number) r[0]).intValue(), r));
        return known;
    }

    /**
     * Decides, in order, which alerts open an incident and which join one: the open incident an alert on one of the
     * same subjects started within the window — in the database (one query for the whole plan) or earlier in the
     * plan — the latest such alert winning, as {@link IntakeService} correlates one alert.
     */
    private void correlate(List<Planned> plan, Duration window) {
        List<Planned> openers = plan.stream().filter(p -> p.outcome == Outcome.OPENS).toList();
        if (openers.isEmpty()) {
            return;
        }
        lock(openers.stream().flatMap(p -> p.subjects.stream()).map(s -> "subject|" + s).toArray(String[]::new));
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

    /** Writes the plan: incidents, alerts, subjects, payloads, timeline entries and audit rows; pages. */
    private void write(List<Planned> plan) {
        List<Planned> opening = plan.stream().filter(p -> p.outcome == Outcome.OPENS).toList();
        List<IncidentBatchWriter.Opened> opened = incidents.open(opening.stream().map(IntakeBatch::opening).toList());
        for (int i = 0; i < opening.size(); i++) {
            opening.get(i).target.id = opened.get(i).id();
            opening.get(i).target.reference = opened.get(i).reference();
        }
        List<Planned> stored = plan.stream().filter(p -> p.outcome != Outcome.REPEAT).toList();
        if (stored.isEmpty()) {
            return;
        }
        List<Long> ids = alertIds(stored.size());
        List<IncidentBatchWriter.Note> notes = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>(stored.size());
        List<AlertPayload> payloads = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            Planned p = stored.get(i);
            ReceivedAlert a = p.item.alert();
            Instant now = p.item.receivedAt();
            p.alertId = ids.get(i);
            p.reference = p.target == null ? null : p.target.reference;
            String correlation = switch (p.outcome) {
                case KEPT -> "kept without an incident (rule '" + p.classification.keptBy() + "')";
                case OPENS -> "opened " + p.reference;
                default -> abbreviate("joined " + p.reference + " (same " + String.join(", ", first3(p.shared))
                        + ")");
            };
            if (p.outcome == Outcome.JOINS) {
                notes.add(new IncidentBatchWriter.Note(IntakeService.actorFor(a.source()), p.target.id,
                        p.reference, earlier(a.firedAt(), now), "Alert joined from " + a.source().label() + " ("
                        + a.severityLabel() + "): " + a.title() + " — same " + String.join(", ", first3(p.shared))));
            }
            alerts.add(new Alert(a, p.target == null ? null : p.target.id, p.classification, correlation, now));
            payloads.add(new AlertPayload(p.alertId, p.item.delivery(), a.event(), now));
        }
        insertAlerts(ids, alerts);
        insertSubjects(stored);
        incidents.note(notes);
        insertPayloads(payloads);
        for (int i = 0; i < stored.size(); i++) {
            Planned p = stored.get(i);
            changes.created(IntakeService.actorFor(p.item.alert().source()).name(),
                    p.outcome == Outcome.KEPT ? "alert.kept" : "alert.received", "Alert", p.alertId,
                    IntakeService.withPayload(alerts.get(i), payloads.get(i)));
        }
        page(opening);
    }

    /** A new incident that reaches the paging threshold pages, as one opened alone does (through the outbox). */
    private void page(List<Planned> opening) {
        if (opening.isEmpty()) {
            return;
        }
        OnCallSettings settings = onCall.settings();
        for (Planned p : opening) {
            if (settings.pages(p.target.severity)) {
                Incident incident = em.find(Incident.class, p.target.id);
                opened.fire(new IncidentOpened(incident, IntakeService.actorFor(p.item.alert().source())));
            }
        }
    }

    private void insertAlerts(List<Long> ids, List<Alert> alerts) {
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

    private void insertSubjects(List<Planned> stored) {
        List<Long> alert = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        List<String> firedAt = new ArrayList<>();
        for (Planned p : stored) {
            for (String s : p.subjects) {
                alert.add(p.alertId);
                subject.add(s);
                firedAt.add(p.item.alert().firedAt().toString());
            }
        }
        if (alert.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO alert_subject (alert_id, subject, fired_at) SELECT * FROM"
                        + " unnest(CAST(?1 AS bigint[]), CAST(?2 AS varchar[]), CAST(?3 AS timestamptz[]))")
                .setParameter(1, alert.toArray(Long[]::new)).setParameter(2, subject.toArray(String[]::new))
                .setParameter(3, firedAt.toArray(String[]::new)).executeUpdate();
    }

    private void insertPayloads(List<AlertPayload> payloads) {
        int n = payloads.size();
        Long[] alert = new Long[n];
        Integer[] size = new Integer[n];
        byte[][] body = new byte[n][];
        String[][] text = new String[6][n];
        for (int i = 0; i < n; i++) {
            AlertPayload p = payloads.get(i);
            alert[i] = p.getAlertId();
            size[i] = p.getSizeBytes();
            body[i] = p.getBody();
            text[0][i] = p.getEvent().name();
            text[1][i] = p.getReceivedAt().toString();
            text[2][i] = p.getContentType();
            text[3][i] = p.getSha256();
            text[4][i] = p.getCaller();
            text[5][i] = p.getRemoteAddr();
        }
        em.createNativeQuery("""
                        INSERT INTO alert_payload (alert_id, size_bytes, body, event, received_at, content_type, sha256,
                            caller, remote_addr)
                        SELECT * FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS int[]), CAST(?3 AS bytea[]),
                            CAST(?4 AS varchar[]), CAST(?5 AS timestamptz[]), CAST(?6 AS varchar[]),
                            CAST(?7 AS varchar[]), CAST(?8 AS varchar[]), CAST(?9 AS varchar[]))""")
                .setParameter(1, alert).setParameter(2, size).setParameter(3, body).setParameter(4, text[0])
                .setParameter(5, text[1]).setParameter(6, text[2]).setParameter(7, text[3]).setParameter(8, text[4])
                .setParameter(9, text[5]).executeUpdate();
    }

    private List<Long> alertIds(int n) {
        @SuppressWarnings("unchecked")
        List<Number> numbers = em.createNativeQuery("SELECT nextval('alert_id_seq') FROM generate_series(1, ?1)")
                .setParameter(1, n).getResultList();
        return numbers.stream().map(Number::longValue).sorted().toList();
    }

    private static IncidentBatchWriter.Opening opening(Planned p) {
        ReceivedAlert a = p.item.alert();
        Instant now = p.item.receivedAt();
        return new IncidentBatchWriter.Opening(IntakeService.actorFor(a.source()),
                IntakeService.form(a, p.classification), a.source(), a.firedAt().isAfter(now) ? now : a.firedAt());
    }

    /** Takes the transaction-scoped locks of these keys in one statement, in a fixed order, as intake does. */
    private void lock(String... keys) {
        if (keys.length == 0) {
            return;
        }
        Long[] ids = Arrays.stream(keys).map(IntakeService::lockKey).sorted().distinct().toArray(Long[]::new);
        em.createNativeQuery("SELECT count(pg_advisory_xact_lock(k)) FROM"
                + " (SELECT k FROM unnest(CAST(?1 AS bigint[])) AS k ORDER BY k) AS ordered")
                .setParameter(1, ids).getSingleResult();
    }

    private static List<String> first3(List<String> shared) {
        return shared.size() <= 3 ? shared : shared.subList(0, 3);
    }

    private static String abbreviate(String why) {
        return why.length() > 1000 ? why.substring(0, 999) + "…" : why;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isAfter(b) ? b : a;
    }

}
