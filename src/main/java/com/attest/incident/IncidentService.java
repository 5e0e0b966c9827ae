package com.attest.incident;

import com.attest.calendar.CalendarService;
import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.audit.AuditTrail;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports, classifies and moves incidents through their life cycle, keeping the timeline and the audit trail.
 * Responders and compliance leads act; auditors only read. A change made from a page names the version the
 * person saw: if someone else saved in between, the change is refused with who and when, never overwritten.
 */
@ApplicationScoped
@Transactional
public class IncidentService {

    static final String ENTITY = "Incident";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Caller caller;

    @Inject
    private CalendarService calendars;

    @Inject
    private UserService users;

    @Inject
    private jakarta.enterprise.event.Event<IncidentEnded> ended;

    @Inject
    private jakarta.enterprise.inject.Instance<ClosingCheck> closingChecks;

    @Inject
    private jakarta.enterprise.event.Event<IncidentEscalated> escalated;

    @Inject
    private jakarta.enterprise.event.Event<IncidentDeclared> declared;

    @Inject
    private jakarta.enterprise.event.Event<TimelineWritten> written;

    /** A new incident, Detected, its clock running from {@code detectedAt} (the alert's own time). */
    public Incident report(IncidentForm raw, Source source, Instant detectedAt) {
        requireResponder("report incidents");
        return open(actor(), raw, source, detectedAt);
    }

    /** A new incident opened by a part of the portal, such as intake for an alert. */
    public Incident report(SystemActor by, IncidentForm raw, Source source, Instant detectedAt) {
        return open(by.name(), raw, source, detectedAt);
    }

    private Incident open(String by, IncidentForm raw, Source source, Instant detectedAt) {
        IncidentForm form = raw.normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors);
        Instant now = clock.instant();
        if (detectedAt == null) {
            errors.add("detectedAt", "When it was detected is required.");
        } else if (detectedAt.isAfter(now)) {
            errors.add("detectedAt", "Detection time " + Times.format(detectedAt) + " is in the future.");
        }
        errors.throwIfAny();
        String reference = nextReference(detectedAt);
        Instant due = policy().responseDue(form.severity(), detectedAt);
        Incident incident = new Incident(reference, source, form, detectedAt, due, by, now);
        em.persist(incident);
        em.flush();
        stamp(by, incident, detectedAt, Milestone.ALERT_TRIGGERED, (source == Source.MANUAL ? "Reported in "
                : "Alert triggered in ") + source.label() + ": " + form.title(), null);
        audit.record(by, "incident.reported", ENTITY, reference, null, incident.snapshot());
        return incident;
    }

    /**
     * Changes title, description, category, flags, affected resources and users, and the owner (who must be an
     * active responder or compliance lead). Severity and score change through {@link #classify}.
     */
    public Incident describe(String ref, long seenVersion, IncidentForm raw, String owner) {
        requireResponder("change incidents");
        Incident incident = load(ref, seenVersion);
        String reference = incident.getReference();
        if (!incident.getStatus().isOpen()) {
            throw new InvalidInput("status", "The incident is closed: add a timeline entry instead.");
        }
        IncidentForm form = new IncidentForm(raw.title(), raw.description(), raw.category(), incident.getSeverity(),
                incident.getDefenderScore(), incident.getSeverityReason(), raw.personalData(),
                raw.customersAffected(), raw.resources(), raw.users()).normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors);
        String ownerName = owner == null || owner.isBlank() ? incident.getOwner() : owner.strip().toLowerCase();
        boolean newOwner = ownerName != null && !ownerName.equals(incident.getOwner());
        if (newOwner) {
            checkOwner(errors, ownerName);
        }
        errors.throwIfAny();
        Map<String, Object> before = incident.snapshot();
        Instant now = clock.instant();
        incident.describe(form, actor(), now);
        if (newOwner) {
            stamp(actor(), incident, now, null, "Owner changed from "
                    + (incident.getOwner() == null ? "nobody" : incident.getOwner()) + " to " + ownerName, null);
            incident.assign(ownerName, actor(), now);
        }
        audit.record("incident.updated", ENTITY, reference, before, incident.snapshot());
        return incident;
    }

    /** Sets severity and score; a severity the score does not give needs a reason. Moves the SLA target. */
    public Incident classify(String ref, long seenVersion, Severity severity, Integer score, String reason) {
        requireResponder("classify incidents");
        return reclassify(actor(), load(ref, seenVersion), severity, score, reason);
    }

    /** A part of the portal changes the severity, e.g. a more severe alert joined the incident. */
    public Incident classify(SystemActor by, Incident incident, Severity severity, Integer score, String reason) {
        return reclassify(by.name(), incident, severity, score, reason);
    }

    private Incident reclassify(String by, Incident incident, Severity severity, Integer score, String reason) {
        String reference = incident.getReference();
        IncidentForm current = formOf(incident);
        IncidentForm form = new IncidentForm(current.title(), current.description(), current.category(), severity,
                score, reason, current.personalData(), current.customersAffected(), current.resources(),
                current.users()).normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors);
        errors.throwIfAny();
        Map<String, Object> before = incident.snapshot();
        Severity old = incident.getSeverity();
        Instant now = clock.instant();
        Instant due = old == form.severity() ? incident.getResponseDueAt()
                : policy().responseDue(form.severity(), incident.getDetectedAt());
        incident.classify(form.severity(), form.defenderScore(), form.severityReason(), due, by, now);
        if (old != form.severity()) {
            stamp(by, incident, now, null, "Severity changed from " + old + " to " + form.severity()
                    + (form.severityReason() == null ? "" : ": " + form.severityReason()), null);
        }
        audit.record(by, "incident.classified", ENTITY, reference, before, incident.snapshot());
        if (form.severity().compareTo(old) < 0 && incident.getStatus().isOpen()) {
            escalated.fire(new IncidentEscalated(incident, by));
        }
        return incident;
    }

    /** A responder takes ownership and confirms the severity: stops the response-SLA clock. */
    public Incident declare(String ref, long seenVersion, String owner, Instant at) {
        requireResponder("declare incidents");
        Incident incident = load(ref, seenVersion);
        String ownerName = owner == null || owner.isBlank() ? actor() : owner.strip().toLowerCase();
        return declare(actor(), incident, ownerName, at);
    }

    /** A source declared it, e.g. a Sentinel incident set Active with an owner who is a portal user. */
    public Incident declare(SystemActor by, Incident incident, String owner, Instant at) {
        return declare(by.name(), incident, owner.strip().toLowerCase(), at);
    }

    private Incident declare(String by, Incident incident, String ownerName, Instant at) {
        String reference = incident.getReference();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        refuseTransition(errors, incident, Status.DECLARED);
        checkStepTime(errors, incident, at);
        checkOwner(errors, ownerName);
        errors.throwIfAny();
        Map<String, Object> before = incident.snapshot();
        incident.declare(ownerName, at, by, clock.instant());
        stamp(by, incident, at, Milestone.DECLARED, "Incident declared; severity " + incident.getSeverity()
                + " assigned; owner " + ownerName, null);
        audit.record(by, "incident.declared", ENTITY, reference, before, incident.snapshot());
        declared.fire(new IncidentDeclared(incident, by));
        return incident;
    }

    /** A source named an owner, who must be an active responder or compliance lead. */
    public Incident assign(SystemActor by, Incident incident, String owner) {
        String ownerName = owner.strip().toLowerCase();
        if (ownerName.equals(incident.getOwner())) {
            return incident;
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkOwner(errors, ownerName);
        errors.throwIfAny();
        Map<String, Object> before = incident.snapshot();
        Instant now = clock.instant();
        stamp(by.name(), incident, now, null, "Owner changed from "
                + (incident.getOwner() == null ? "nobody" : incident.getOwner()) + " to " + ownerName, null);
        incident.assign(ownerName, by.name(), now);
        audit.record(by.name(), "incident.updated", ENTITY, incident.getReference(), before, incident.snapshot());
        return incident;
    }

    /** The next response step (contain, eradicate, recover, resolve, close), at the time it happened. */
    public Incident advance(String ref, long seenVersion, Status target, Instant at, String note) {
        requireResponder("move incidents on");
        Incident incident = load(ref, seenVersion);
        String reference = incident.getReference();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (target == null || target == Status.DECLARED || target == Status.DETECTED
                || !Status.STEPS.contains(target)) {
            errors.add("status", "Use declare to take ownership; false positive and duplicate have their own close.");
        } else {
            refuseTransition(errors, incident, target);
            if (target == Status.CLOSED && incident.getStatus() == Status.RESOLVED) {
                for (ClosingCheck check : closingChecks) {
                    String refusal = check.refusal(incident);
                    if (refusal != null) {
                        errors.add("status", refusal);
                    }
                }
            }
        }
        checkStepTime(errors, incident, at);
        String text = note == null ? "" : note.strip();
        if (text.length() > 3800) {
            errors.add("note", "The note must be at most 3,800 characters long.");
        }
        errors.throwIfAny();
        Map<String, Object> before = incident.snapshot();
        incident.advance(target, at, actor(), clock.instant());
        String label = switch (target) {
            case CONTAINED -> "Containment action taken";
            case ERADICATED -> "Root cause identified; threat eradicated";
            case RECOVERED -> "System restored";
            case RESOLVED -> "Incident resolved";
            default -> "Incident closed";
        };
        stamp(actor(), incident, at, target.milestone(), text.isEmpty() ? label : label + ": " + text, null);
        audit.record("incident." + target.name().toLowerCase(), ENTITY, reference, before, incident.snapshot());
        if (target == Status.RESOLVED || target == Status.CLOSED) {
            ended.fire(new IncidentEnded(incident, actor()));
        }
        return incident;
    }

    /** Closes an open incident as a false positive or a duplicate of another, with the reason. */
    public Incident closeAs(String ref, long seenVersion, Status kind, String reason, String duplicateOf) {
        requireResponder("close incidents");
        return closeAs(actor(), load(ref, seenVersion), kind, reason, duplicateOf);
    }

    /** A source closed it as a false positive, e.g. a Sentinel incident closed with that classification. */
    public Incident closeAsFalsePositive(SystemActor by, Incident incident, String reason) {
        return closeAs(by.name(), incident, Status.FALSE_POSITIVE, reason, null);
    }

    private Incident closeAs(String by, Incident incident, Status kind, String reason, String duplicateOf) {
        String reference = incident.getReference();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (kind != Status.FALSE_POSITIVE && kind != Status.DUPLICATE) {
            errors.add("closeKind", "Close as a false positive or as a duplicate.");
        } else {
            refuseTransition(errors, incident, kind);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            errors.add("closeReason", "Say why (up to 1,000 characters).");
        }
        String original = duplicateOf == null ? null : duplicateOf.strip().toUpperCase();
        if (kind == Status.DUPLICATE) {
            if (original == null || original.isEmpty()) {
                errors.add("duplicateOf", "Name the incident this one duplicates (INC-YYYY-NNN).");
            } else if (original.equals(reference) || find(original).isEmpty()) {
                errors.add("duplicateOf", "'" + original + "' is not another incident.");
            }
        } else {
            original = null;
        }
        errors.throwIfAny();
        Map<String, Object> before = incident.snapshot();
        Instant now = clock.instant();
        incident.closeAs(kind, why, original, now, by, now);
        stamp(by, incident, now, Milestone.CLOSED, (kind == Status.DUPLICATE ? "Closed as duplicate of " + original
                : "Closed as false positive") + ": " + why, null);
        audit.record(by, "incident." + kind.name().toLowerCase().replace('_', '-'), ENTITY, reference, before,
                incident.snapshot());
        ended.fire(new IncidentEnded(incident, by));
        return incident;
    }

    /**
     * A responder's own timeline entry, at the time it happened (never in the future), optionally a milestone
     * such as "on-call notified", optionally correcting an earlier entry of the same incident.
     */
    public TimelineEntry addEntry(String ref, Instant occurredAt, String text, Milestone milestone,
                                  Long corrects) {
        requireResponder("add timeline entries");
        Incident incident = find(ref).orElseThrow(() -> new InvalidInput("reference", "No incident " + ref + "."));
        String reference = incident.getReference();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant now = clock.instant();
        if (occurredAt == null) {
            errors.add("entryAt", "When it happened is required.");
        } else if (occurredAt.isAfter(now)) {
            errors.add("entryAt", Times.format(occurredAt) + " is in the future: record what has happened.");
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            errors.add("entryText", "Say what happened.");
        } else if (body.length() > 4000) {
            errors.add("entryText", "An entry must be at most 4,000 characters long.");
        }
        if (corrects != null) {
            TimelineEntry corrected = em.find(TimelineEntry.class, corrects);
            if (corrected == null || !corrected.getIncidentId().equals(incident.getId())) {
                errors.add("corrects", "Entry " + corrects + " is not on this incident's timeline.");
            }
        }
        errors.throwIfAny();
        TimelineEntry entry = stamp(actor(), incident, occurredAt, milestone, body, corrects);
        audit.record(corrects == null ? "incident.timeline-added" : "incident.timeline-corrected", ENTITY,
                reference, null, entry.snapshot());
        return entry;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Incident> find(String reference) {
        return em.createNamedQuery(Incident.BY_REFERENCE, Incident.class)
                .setParameter("reference", reference == null ? "" : reference.strip().toUpperCase())
                .getResultStream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Incident> byId(long id) {
        return Optional.ofNullable(em.find(Incident.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(Incident incident) {
        return em.createNamedQuery(TimelineEntry.OF_INCIDENT, TimelineEntry.class)
                .setParameter("incident", incident.getId()).getResultList();
    }

    /** The response targets, reused for a short while: every alert needs them. */
    private final com.attest.platform.Reloadable<Map<Severity, Duration>> targets =
            new com.attest.platform.Reloadable<>(Duration.ofSeconds(30));

    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transaction;

    @Transactional(Transactional.TxType.SUPPORTS)
    public SlaPolicy policy() {
        return new SlaPolicy(targets.get(() -> {
            Map<Severity, Duration> read = new EnumMap<>(Severity.class);
            for (SlaTarget t : slaTargets()) {
                read.put(t.getSeverity(), t.getResponseMinutes() == null ? null
                        : Duration.ofMinutes(t.getResponseMinutes()));
            }
            return read;
        }), calendars.calendar());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SlaTarget> slaTargets() {
        return em.createNamedQuery(SlaTarget.ALL, SlaTarget.class).getResultList();
    }

    /** The business calendar and the response targets together: either both are saved or neither. */
    public void changeCalendarAndTargets(String timeZone, java.util.Set<java.time.DayOfWeek> weekend,
                                         java.time.LocalTime closesAt, Map<Severity, Integer> minutes) {
        calendars.change(timeZone, weekend, closesAt);
        changeTargets(minutes);
    }

    /** Sets the response targets (minutes; null for next business day). Open incidents keep their due time. */
    public void changeTargets(Map<Severity, Integer> minutes) {
        caller.require("change response targets", Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        minutes.forEach((severity, m) -> {
            if (m != null && (m < 1 || m > 60 * 24 * 30)) {
                errors.add("target" + severity, severity + ": a target is 1 minute to 30 days, or next business day.");
            }
        });
        errors.throwIfAny();
        for (SlaTarget target : slaTargets()) {
            if (minutes.containsKey(target.getSeverity())
                    && !java.util.Objects.equals(minutes.get(target.getSeverity()), target.getResponseMinutes())) {
                Map<String, Object> before = new java.util.LinkedHashMap<>();
                before.put("responseMinutes", target.getResponseMinutes());
                target.setResponseMinutes(minutes.get(target.getSeverity()));
                targets.forget(transaction);
                Map<String, Object> after = new java.util.LinkedHashMap<>();
                after.put("responseMinutes", target.getResponseMinutes());
                audit.record("sla.target-changed", "SlaTarget", target.getSeverity().name(), before, after);
            }
        }
    }

    /**
     * A timeline entry written by a part of the portal (an alert joined, the on-call person was notified), at
     * the time it happened. Text longer than an entry allows is shortened.
     */
    public TimelineEntry note(SystemActor by, Incident incident, Instant at, Milestone milestone, String text) {
        String body = text.strip();
        TimelineEntry entry = stamp(by.name(), incident, at, milestone,
                body.length() > 4000 ? body.substring(0, 3999) + "…" : body, null);
        audit.record(by.name(), "incident.timeline-added", ENTITY, incident.getReference(), null, entry.snapshot());
        return entry;
    }

    /** Whether the incident's timeline already holds the milestone. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean reached(Incident incident, Milestone milestone) {
        return !em.createNamedQuery(TimelineEntry.MILESTONE_OF_INCIDENT, TimelineEntry.class)
                .setParameter("incident", incident.getId()).setParameter("milestone", milestone)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private TimelineEntry stamp(String by, Incident incident, Instant at, Milestone milestone, String text,
                                Long corrects) {
        TimelineEntry entry = new TimelineEntry(incident.getId(), at, milestone, text, corrects, by,
                clock.instant());
        em.persist(entry);
        em.flush();
        written.fire(new TimelineWritten(incident.getId()));
        return entry;
    }

    private void checkOwner(InvalidInput.Collector errors, String ownerName) {
        if (users.find(ownerName).filter(u -> u.isEnabled()
                && (u.hasRole(Role.RESPONDER) || u.hasRole(Role.COMPLIANCE_LEAD))).isEmpty()) {
            errors.add("owner", "Owner '" + ownerName + "' is not an active responder or compliance lead.");
        }
    }

    private void refuseTransition(InvalidInput.Collector errors, Incident incident, Status target) {
        String refusal = incident.getStatus().refusalToMoveTo(target);
        if (refusal != null) {
            errors.add("status", refusal);
        }
    }

    /** A step happened after the previous one and not in the future. */
    private void checkStepTime(InvalidInput.Collector errors, Incident incident, Instant at) {
        if (at == null) {
            errors.add("stepAt", "When it happened is required.");
        } else if (at.isAfter(clock.instant())) {
            errors.add("stepAt", Times.format(at) + " is in the future: record what has happened.");
        } else if (incident.reachedCurrentStatusAt() != null && at.isBefore(incident.reachedCurrentStatusAt())) {
            errors.add("stepAt", "It cannot have happened before the incident was "
                    + incident.getStatus().name().toLowerCase() + " ("
                    + Times.format(incident.reachedCurrentStatusAt()) + ").");
        }
    }

    /** Loads the incident and refuses if it changed since the person loaded it. */
    private Incident load(String reference, long seenVersion) {
        Incident incident = find(reference)
                .orElseThrow(() -> new InvalidInput("reference", "No incident " + reference + "."));
        if (incident.getVersion() != seenVersion) {
            throw new InvalidInput("version", "Changed by " + incident.getUpdatedBy() + " at "
                    + Times.format(incident.getUpdatedAt()) + " — reload to see the change.");
        }
        return incident;
    }

    private String nextReference(Instant detectedAt) {
        int year = detectedAt.atZone(calendars.zone()).getYear();
        Number next = (Number) em.createNativeQuery("""
                INSERT INTO incident_sequence (year, last) VALUES (?1, 1)
                ON CONFLICT (year) DO UPDATE SET last = incident_sequence.last + 1
                RETURNING last""").setParameter(1, year).getSingleResult();
        return String.format("INC-%d-%03d", year, next.intValue());
    }

    private static IncidentForm formOf(Incident i) {
        return new IncidentForm(i.getTitle(), i.getDescription(), i.getCategory(), i.getSeverity(),
                i.getDefenderScore(), i.getSeverityReason(), i.isPersonalData(), i.isCustomersAffected(),
                i.getResources(), i.getUsers());
    }

    private void requireResponder(String act) {
        caller.require(act, Role.RESPONDER, Role.COMPLIANCE_LEAD);
    }

    private String actor() {
        return caller.name();
    }
}
