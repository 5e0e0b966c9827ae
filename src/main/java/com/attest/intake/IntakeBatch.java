package com.attest.intake;

import com.attest.incident.Incident;
import com.attest.incident.IncidentBatchWriter;
import com.attest.incident.IncidentOpened;
import com.attest.incident.Source;
import com.attest.oncall.OnCallSettings;
import com.attest.oncall.OnCallSettingsService;
import com.attest.intake.BatchPlan.Outcome;
import com.attest.intake.BatchPlan.Planned;
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
import java.util.List;
import java.util.Map;

/**
 * A batch of accepted deliveries turned into register entries set-based: what {@link IntakeService#receive} does for
 * one alert, done for a storm of them in a few statements. The batch's alert identities are looked up at once (a
 * known one with a payload of the same hash is a repeat), its alerts classified in memory, correlated against the
 * open incidents their subjects started within the window (one query) and against each other, in order
 * ({@link BatchCorrelation}); then the new incidents are opened together ({@link IncidentBatchWriter}), and the
 * alerts, their subjects and payloads ({@link AlertBatchWriter}), the "alert joined" timeline entries and every audit
 * row written with one multi-row insert per table.
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
    private AlertBatchWriter writer;

    @Inject
    private BatchCorrelation correlation;

    @Inject
    private IntakeSettingsService rules;

    @Inject
    private OnCallSettingsService onCall;

    @Inject
    private Changes changes;

    @Inject
    private Event<IncidentOpened> opened;

    /** Processes the items in order; the receipt of each, in the same order. */
    public List<Receipt> process(List<Item> items) {
        List<Receipt> receipts = new ArrayList<>(items.size());
        if (items.isEmpty()) {
            return receipts;
        }
        lock(em, items.stream().map(i -> IntakeDeliveryService.alertKey(i.alert())).toArray(String[]::new));
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
        correlation.correlate(plan, window);
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
        List<Long> ids = writer.alertIds(stored.size());
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
        writer.insertAlerts(ids, alerts);
        List<Long> subjectAlert = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        List<Instant> subjectFired = new ArrayList<>();
        for (Planned p : stored) {
            for (String s : p.subjects) {
                subjectAlert.add(p.alertId);
                subject.add(s);
                subjectFired.add(p.item.alert().firedAt());
            }
        }
        writer.insertSubjects(subjectAlert, subject, subjectFired);
        incidents.note(notes);
        writer.insertPayloads(stored.stream().map(p -> p.item.deliveryId()).toList(), payloads);
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

    private static IncidentBatchWriter.Opening opening(Planned p) {
        ReceivedAlert a = p.item.alert();
        Instant now = p.item.receivedAt();
        return new IncidentBatchWriter.Opening(IntakeService.actorFor(a.source()),
                IntakeService.form(a, p.classification), a.source(), a.firedAt().isAfter(now) ? now : a.firedAt());
    }

    /** Takes the transaction-scoped locks of these keys in one statement, in a fixed order, as intake does. */
    static void lock(EntityManager em, String... keys) {
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
