package com.attest.intake;

import com.attest.incident.Incident;
import com.attest.incident.IncidentForm;
import com.attest.incident.IncidentOpened;
import com.attest.incident.IncidentService;
import com.attest.incident.Source;
import com.attest.incident.Status;
import com.attest.incident.SystemActor;
import com.attest.incident.TimelineService;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a delivered alert into register entries, in one transaction. The same alert delivered twice is one
 * alert (its identity is the source's id; an identical payload is recognised by its hash). A new alert joins
 * the open incident that an alert on the same entity or resource started within the correlation window, or
 * starts a new incident in Detected with its clock running from the alert's own fired time. Concurrent
 * deliveries of one alert, or of alerts on one subject, are serialised by transaction-scoped advisory locks.
 */
@ApplicationScoped
@Transactional
public class IntakeService {

    private static final int MAX_SUBJECTS = 50;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Changes changes;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private IntakeSettingsService rules;

    @Inject
    private UserService users;

    @Inject
    private Event<IncidentOpened> opened;

    @Inject
    private SentinelWriteBacks writeBacks;

    public Receipt receive(ReceivedAlert alert, Delivery delivery) {
        return receive(alert, delivery, clock.instant());
    }

    /**
     * As {@link #receive(ReceivedAlert, Delivery)}, for a delivery kept at {@code receivedAt} and processed later: the
     * alert and its payload are dated when the delivery arrived, not when it was processed.
     */
    public Receipt receive(ReceivedAlert alert, Delivery delivery, Instant receivedAt) {
        SystemActor by = actorFor(alert.source());
        Instant now = receivedAt;
        lock(alert.source() + "|" + alert.externalId());
        Optional<Alert> known = em.createNamedQuery(Alert.BY_EXTERNAL_ID, Alert.class)
                .setParameter("source", alert.source()).setParameter("externalId", alert.externalId())
                .getResultStream().findFirst();
        if (known.isPresent()) {
            return again(known.get(), alert, delivery, by, now);
        }
        Classification classification = rules.ruleSet().classify(alert);
        if (!classification.opensIncident()) {
            return kept(alert, classification, delivery, by, now);
        }
        Set<String> subjects = subjects(alert);
        lock(subjects.stream().map(s -> "subject|" + s).toArray(String[]::new));
        boolean closedAtSource = closedAtSource(alert);
        Incident incident = closedAtSource ? null : correlate(subjects, alert.firedAt());
        String correlation;
        if (incident == null) {
            incident = incidents.report(by, form(alert, classification), alert.source(),
                    alert.firedAt().isAfter(now) ? now : alert.firedAt());
            correlation = "opened " + incident.getReference();
            if (closedAtSource) {
                Instant closedAt = earlier(alert.resolvedAt() == null ? alert.firedAt() : alert.resolvedAt(), now);
                incidents.closedAtSource(by, incident, outcome(alert.classification()), closedAt,
                        "Closed in " + alert.source().label() + " as " + (alert.classification() == null
                                ? "closed" : alert.classification()) + " before the portal received it");
                correlation += ", closed as " + alert.source().label() + " had closed it";
            } else {
                opened.fire(new IncidentOpened(incident, by));
            }
        } else {
            correlation = join(incident, alert, classification, subjects, by, now);
        }
        Alert stored = new Alert(alert, incident.getId(), classification, correlation, now);
        em.persist(stored);
        em.flush();
        if (!subjects.isEmpty()) {
            em.createNativeQuery("INSERT INTO alert_subject (alert_id, subject, fired_at)"
                            + " SELECT ?1, s, ?3 FROM unnest(CAST(?2 AS varchar[])) AS s")
                    .setParameter(1, stored.getId()).setParameter(2, subjects.toArray(String[]::new))
                    .setParameter(3, java.sql.Timestamp.from(alert.firedAt())).executeUpdate();
        }
        AlertPayload payload = new AlertPayload(stored.getId(), delivery, alert.event(), now);
        changes.create(by.name(), "alert.received", "Alert", stored::getId, () -> em.persist(payload),
                () -> withPayload(stored, payload));
        if (alert.source() == Source.SENTINEL && writeBacks.writable(alert.externalId())) {
            // linked: the comment that says so is queued with the link, so there is never one without the other
            writeBacks.linked(incident, alert.externalId(), by.name());
        }
        return new Receipt(stored.getId(), incident.getReference(), false);
    }

    /** An alert a keep rule records without an incident: the alert and its payload, nothing else. */
    private Receipt kept(ReceivedAlert alert, Classification classification, Delivery delivery, SystemActor by,
                         Instant now) {
        Alert stored = new Alert(alert, null, classification, "kept without an incident (rule '"
                + classification.keptBy() + "')", now);
        em.persist(stored);
        em.flush();
        AlertPayload payload = new AlertPayload(stored.getId(), delivery, alert.event(), now);
        changes.create(by.name(), "alert.kept", "Alert", stored::getId, () -> em.persist(payload),
                () -> withPayload(stored, payload));
        return new Receipt(stored.getId(), null, false);
    }

    /** Why an alert was kept without an incident (the rule that kept it), for a message. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String keptWhy(long alertId) {
        Alert alert = em.find(Alert.class, alertId);
        return alert == null ? "no such alert" : alert.getClassificationReason();
    }

    /** A Sentinel incident seen here for the first time when it is already closed there. */
    private static boolean closedAtSource(ReceivedAlert alert) {
        return alert.source() == Source.SENTINEL && "closed".equalsIgnoreCase(alert.status());
    }

    /** Sentinel's closing classification in the portal's words; undetermined when it gives none. */
    static com.attest.incident.Classification outcome(String sentinelWord) {
        for (com.attest.incident.Classification c : com.attest.incident.Classification.values()) {
            if (c.sentinel().equalsIgnoreCase(sentinelWord == null ? "" : sentinelWord.strip())) {
                return c;
            }
        }
        return com.attest.incident.Classification.UNDETERMINED;
    }

    /** A later delivery of a known alert: a repeat, a resolution, or a Sentinel update. */
    private Receipt again(Alert stored, ReceivedAlert alert, Delivery delivery, SystemActor by, Instant now) {
        boolean repeat = !em.createNamedQuery(AlertPayload.OF_ALERT_WITH_HASH, Long.class)
                .setParameter("alert", stored.getId()).setParameter("sha256", delivery.sha256())
                .setMaxResults(1).getResultList().isEmpty();
        if (repeat) {
            return new Receipt(stored.getId(), stored.getIncidentId() == null ? null
                    : incidentReference(stored.getIncidentId()), true);
        }
        if (stored.getIncidentId() == null) {
            return againKept(stored, alert, delivery, by, now);
        }
        // the incident row before the audit lock, as every other change takes them: no deadlock, no lost update
        Incident incident = em.find(Incident.class, stored.getIncidentId(), LockModeType.PESSIMISTIC_WRITE);
        AlertPayload payload = new AlertPayload(stored.getId(), delivery, alert.event(), now);
        em.persist(payload);
        var before = stored.snapshot();
        boolean changed = switch (alert.event()) {
            case RESOLVED -> resolved(stored, incident, alert, by, now);
            case UPDATED -> updated(stored, incident, alert, by, now);
            case FIRED -> false;
        };
        audit.record(by.name(), changed ? "alert.changed" : "alert.redelivered", "Alert", stored.getId(), before,
                withPayload(stored, payload));
        return new Receipt(stored.getId(), incident.getReference(), !changed);
    }

    /** A later delivery of an alert kept without an incident: it follows the source, and stays without one. */
    private Receipt againKept(Alert stored, ReceivedAlert alert, Delivery delivery, SystemActor by, Instant now) {
        AlertPayload payload = new AlertPayload(stored.getId(), delivery, alert.event(), now);
        em.persist(payload);
        var before = stored.snapshot();
        boolean changed = switch (alert.event()) {
            case RESOLVED -> {
                boolean open = stored.getState() == Alert.State.OPEN;
                if (open) {
                    stored.resolve(alert, now);
                }
                yield open;
            }
            case UPDATED -> {
                stored.follow(alert, rules.ruleSet().classify(alert));
                yield true;
            }
            case FIRED -> false;
        };
        audit.record(by.name(), changed ? "alert.changed" : "alert.redelivered", "Alert", stored.getId(), before,
                withPayload(stored, payload));
        return new Receipt(stored.getId(), null, !changed);
    }

    private boolean resolved(Alert stored, Incident incident, ReceivedAlert alert, SystemActor by, Instant now) {
        if (stored.getState() == Alert.State.RESOLVED) {
            return false;
        }
        stored.resolve(alert, now);
        timelines.note(by, incident, earlier(stored.getResolvedAt(), now), null, "Alert resolved in "
                + alert.source().label() + ": " + stored.getTitle()
                + (incident.getStatus().isOpen() ? " (the incident stays open until a responder resolves it)" : ""));
        return true;
    }

    /** A Sentinel incident changed: follow its owner, status and severity on the linked incident. */
    private boolean updated(Alert stored, Incident incident, ReceivedAlert alert, SystemActor by, Instant now) {
        Classification classification = rules.ruleSet().classify(alert);
        Instant at = earlier(alert.resolvedAt() != null ? alert.resolvedAt() : now, now);
        StringBuilder said = new StringBuilder();
        if (!alert.severityLabel().equals(stored.getSeverityLabel())) {
            said.append("severity ").append(stored.getSeverityLabel()).append(" → ").append(alert.severityLabel())
                    .append("; ");
        }
        String status = alert.status() == null ? "" : alert.status();
        if (!status.equalsIgnoreCase(stored.getSourceStatus())) {
            said.append("status ").append(stored.getSourceStatus()).append(" → ").append(status).append("; ");
        }
        stored.follow(alert, classification);
        Optional<User> owner = alert.owner() == null ? Optional.empty() : portalUser(alert.owner());
        if (alert.owner() != null) {
            said.append("owner ").append(alert.owner()).append(owner.isEmpty() ? " (no portal account)" : "")
                    .append("; ");
        }
        boolean open = incident.getStatus().isOpen();
        if (open && classification.severity().compareTo(incident.getSeverity()) < 0) {
            incidents.classify(by, incident, classification.severity(), incident.getDefenderScore(),
                    "Sentinel incident " + alert.severityLabel() + ": " + classification.reason());
        }
        if (open && owner.isPresent()) {
            String name = owner.get().getUsername();
            if (incident.getStatus() == Status.DETECTED && "active".equalsIgnoreCase(status)
                    && !at.isBefore(incident.getDetectedAt())) {
                incidents.declare(by, incident, name, at);
            } else if (!name.equals(incident.getOwner())) {
                incidents.assign(by, incident, name);
            }
        }
        if ("closed".equalsIgnoreCase(status)) {
            stored.resolve(alert, now);
            String how = alert.classification() == null ? "" : " as " + alert.classification();
            if (open && alert.classification() != null && alert.classification().toLowerCase(Locale.ROOT)
                    .matches("falsepositive|benignpositive")) {
                incidents.closeAsFalsePositive(by, incident, "Closed in Sentinel" + how);
                said.append("closed").append(how).append(" — closed here as a false positive");
            } else {
                said.append("closed").append(how).append(open ? " — stays open here until a responder resolves it"
                        : "");
            }
        }
        String text = said.toString().replaceAll("; $", "");
        if (!text.isEmpty()) {
            timelines.note(by, incident, at, null, "Sentinel incident updated: " + text);
        }
        return !text.isEmpty();
    }

    /** The open incident an alert on one of these subjects started within the window, if any. */
    private Incident correlate(Set<String> subjects, Instant firedAt) {
        if (subjects.isEmpty()) {
            return null;
        }
        Duration window = rules.settings().correlationWindow();
        if (window.isZero()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                SELECT a.incident_id FROM alert_subject s
                JOIN alert a ON a.id = s.alert_id
                JOIN incident i ON i.id = a.incident_id
                WHERE s.subject = ANY (?1) AND s.fired_at BETWEEN ?2 AND ?3
                  AND i.status NOT IN ('CLOSED', 'FALSE_POSITIVE', 'DUPLICATE')
                ORDER BY s.fired_at DESC LIMIT 1""")
                .setParameter(1, subjects.toArray(String[]::new))
                .setParameter(2, java.sql.Timestamp.from(firedAt.minus(window)))
                .setParameter(3, java.sql.Timestamp.from(firedAt.plus(window)))
                .getResultList();
        return ids.isEmpty() ? null : em.find(Incident.class, ids.get(0).longValue(), LockModeType.PESSIMISTIC_WRITE);
    }

    private String join(Incident incident, ReceivedAlert alert, Classification classification, Set<String> subjects,
                        SystemActor by, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> shared = em.createNativeQuery("""
                SELECT DISTINCT s.subject FROM alert_subject s JOIN alert a ON a.id = s.alert_id
                WHERE a.incident_id = ?1 AND s.subject = ANY (?2) ORDER BY s.subject LIMIT 3""")
                .setParameter(1, incident.getId()).setParameter(2, subjects.toArray(String[]::new))
                .getResultList();
        String why = "joined " + incident.getReference() + " (same " + String.join(", ", shared) + ")";
        timelines.note(by, incident, earlier(alert.firedAt(), now), null, "Alert joined from "
                + alert.source().label() + " (" + alert.severityLabel() + "): " + alert.title() + " — same "
                + String.join(", ", shared));
        if (classification.severity().compareTo(incident.getSeverity()) < 0) {
            incidents.classify(by, incident, classification.severity(), incident.getDefenderScore(),
                    "Raised by a joined alert: " + classification.reason());
        }
        return why.length() > 1000 ? why.substring(0, 999) + "…" : why;
    }

    private String incidentReference(long incidentId) {
        return (String) em.createNativeQuery("SELECT reference FROM incident WHERE id = ?1")
                .setParameter(1, incidentId).getSingleResult();
    }

    private Optional<User> portalUser(String owner) {
        return users.findHandler(owner);
    }

    static IncidentForm form(ReceivedAlert a, Classification c) {
        Set<String> resources = new TreeSet<>();
        a.resources().stream().filter(IncidentForm::isResourceId)
                .limit(MAX_SUBJECTS).forEach(resources::add);
        Set<String> upns = new TreeSet<>();
        a.users().stream().filter(IncidentForm::isUpn).limit(MAX_SUBJECTS)
                .forEach(upns::add);
        StringBuilder description = new StringBuilder(a.description());
        if (a.link() != null) {
            description.append(description.length() == 0 ? "" : "\n\n").append("Source: ").append(a.link());
        }
        String text = description.length() > 20_000 ? description.substring(0, 19_999) + "…" : description.toString();
        Integer score = a.score() != null && a.score() >= 1 && a.score() <= 10 ? a.score() : null;
        return new IncidentForm(a.title(), text, c.category(), c.severity(), score, c.reason(), false, false,
                resources, upns);
    }

    /** Everything an alert names that another alert could share: resources, entities, users. */
    static Set<String> subjects(ReceivedAlert a) {
        Set<String> subjects = new TreeSet<>();
        for (Set<String> set : List.of(a.resources(), a.entities(), a.users())) {
            for (String s : set) {
                String v = s.strip().toLowerCase(Locale.ROOT);
                if (!v.isEmpty() && v.length() <= 1000 && subjects.size() < MAX_SUBJECTS) {
                    subjects.add(v);
                }
            }
        }
        return subjects;
    }

    /** Takes the transaction-scoped locks of these keys in one statement, in a fixed order (no deadlocks). */
    private void lock(String... keys) {
        if (keys.length == 0) {
            return;
        }
        Long[] ids = java.util.Arrays.stream(keys).map(IntakeService::lockKey).sorted().distinct().toArray(Long[]::new);
        em.createNativeQuery("SELECT count(pg_advisory_xact_lock(k)) FROM"
                + " (SELECT k FROM unnest(CAST(?1 AS bigint[])) AS k ORDER BY k) AS ordered")
                .setParameter(1, ids).getSingleResult();
    }

    static long lockKey(String key) {
        return Long.parseUnsignedLong(Sha256.hex(key).substring(0, 16), 16);
    }

    static java.util.Map<String, Object> withPayload(Alert alert, AlertPayload payload) {
        java.util.Map<String, Object> s = alert.snapshot();
        s.put("payload", payload.snapshot());
        return s;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isAfter(b) ? b : a;
    }

    static SystemActor actorFor(Source source) {
        return new SystemActor("intake:" + source.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
