package com.attest.incident;

import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
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
    private static final Changes.Kind KIND = new Changes.Kind("reference", "incident");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private IncidentNumbers numbers;

    @Inject
    private UserService users;

    @Inject
    private Event<IncidentEnded> ended;

    @Inject
    private Instance<ClosingCheck> closingChecks;

    @Inject
    private Instance<ResolvingCheck> resolvingChecks;

    @Inject
    private Event<IncidentEscalated> escalated;

    @Inject
    private Event<IncidentDeclared> declared;

    @Inject
    private Changes changes;

    @Inject
    private Event<IncidentChanged> changed;

    @Inject
    private Event<IncidentOwnerChanged> ownerChanged;

    @Inject
    private TimelineService timeline;

    @Inject
    private ResponseTargetService targets;

    /** A new incident, Detected, its clock running from {@code detectedAt} (the alert's own time). */
    public Incident report(IncidentForm raw, Source source, Instant detectedAt) {
        caller.require("report incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        return open(caller.name(), raw, source, detectedAt);
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
        String reference = numbers.next(detectedAt);
        Instant due = targets.policy().responseDue(form.severity(), detectedAt);
        Incident incident = changes.create(by, "incident.reported",
                new Incident(reference, source, form, detectedAt, due, by, now));
        timeline.stamp(by, incident, detectedAt, Milestone.ALERT_TRIGGERED, (source == Source.MANUAL ? "Reported in "
                : "Alert triggered in ") + source.label() + ": " + form.title(), null);
        return incident;
    }

    /**
     * Changes title, description, category, flags, affected resources and users, and the owner (who must be an
     * active responder or compliance lead). Severity and score change through {@link #classify}.
     */
    public Incident describe(String ref, long seenVersion, IncidentForm raw, String owner) {
        caller.require("change incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = load(ref, seenVersion);
        if (!incident.getStatus().isOpen()) {
            throw new InvalidInput("status", "The incident is closed: add a timeline entry instead.");
        }
        IncidentForm form = incident.form().describedAs(raw).normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors);
        String ownerName = owner == null || owner.isBlank() ? incident.getOwner() : owner.strip().toLowerCase();
        boolean newOwner = ownerName != null && !ownerName.equals(incident.getOwner());
        if (newOwner) {
            checkOwner(errors, ownerName);
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        changes.apply("incident.updated", incident, () -> {
            incident.describe(form, caller.name(), now);
            if (newOwner) {
                newOwner(caller.name(), incident, ownerName, now);
            }
        });
        if (newOwner) {
            ownerChanged.fire(new IncidentOwnerChanged(incident, ownerName, caller.name()));
        }
        changed.fire(new IncidentChanged(incident.getId()));
        return incident;
    }

    /** Sets severity and score; a severity the score does not give needs a reason. Moves the SLA target. */
    public Incident classify(String ref, long seenVersion, Severity severity, Integer score, String reason) {
        caller.require("classify incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        return reclassify(caller.name(), load(ref, seenVersion), severity, score, reason);
    }

    /** A part of the portal changes the severity, e.g. a more severe alert joined the incident. */
    public Incident classify(SystemActor by, Incident incident, Severity severity, Integer score, String reason) {
        return reclassify(by.name(), incident, severity, score, reason);
    }

    private Incident reclassify(String by, Incident incident, Severity severity, Integer score, String reason) {
        IncidentForm form = incident.form().classifiedAs(severity, score, reason).normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors);
        errors.throwIfAny();
        Severity old = incident.getSeverity();
        Instant now = clock.instant();
        Instant due = old == form.severity() ? incident.getResponseDueAt()
                : targets.policy().responseDue(form.severity(), incident.getDetectedAt());
        changes.apply(by, "incident.classified", incident, () -> {
            incident.classify(form.severity(), form.defenderScore(), form.severityReason(), due, by, now);
            if (old != form.severity()) {
                timeline.stamp(by, incident, now, null, "Severity changed from " + old + " to " + form.severity()
                        + (form.severityReason() == null ? "" : ": " + form.severityReason()), null);
            }
        });
        if (form.severity().compareTo(old) < 0 && incident.getStatus().isOpen()) {
            escalated.fire(new IncidentEscalated(incident, by));
        }
        return incident;
    }

    /** A responder takes ownership and confirms the severity: stops the response-SLA clock. */
    public Incident declare(String ref, long seenVersion, String owner, Instant at) {
        caller.require("declare incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = load(ref, seenVersion);
        String ownerName = owner == null || owner.isBlank() ? caller.name() : owner.strip().toLowerCase();
        return declare(caller.name(), incident, ownerName, at);
    }

    /** A source declared it, e.g. a Sentinel incident set Active with an owner who is a portal user. */
    public Incident declare(SystemActor by, Incident incident, String owner, Instant at) {
        return declare(by.name(), incident, owner.strip().toLowerCase(), at);
    }

    private Incident declare(String by, Incident incident, String ownerName, Instant at) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        refuseTransition(errors, incident, Status.DECLARED);
        checkStepTime(errors, incident, at);
        checkOwner(errors, ownerName);
        errors.throwIfAny();
        changes.apply(by, "incident.declared", incident, () -> {
            incident.declare(ownerName, at, by, clock.instant());
            timeline.stamp(by, incident, at, Milestone.DECLARED, "Incident declared; severity "
                    + incident.getSeverity() + " assigned; owner " + ownerName, null);
        });
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
        changes.apply(by.name(), "incident.updated", incident,
                () -> newOwner(by.name(), incident, ownerName, clock.instant()));
        ownerChanged.fire(new IncidentOwnerChanged(incident, ownerName, by.name()));
        return incident;
    }

    /** A responder or the compliance lead gives an open incident to another owner (an active responder or lead). */
    public Incident assign(String ref, long seenVersion, String owner) {
        caller.require("change incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = load(ref, seenVersion);
        String ownerName = owner == null ? "" : owner.strip().toLowerCase();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!incident.getStatus().isOpen()) {
            errors.add("owner", "The incident is closed: its owner no longer changes.");
        } else if (ownerName.equals(incident.getOwner())) {
            return incident;
        } else {
            checkOwner(errors, ownerName);
        }
        errors.throwIfAny();
        changes.apply("incident.updated", incident, () -> newOwner(caller.name(), incident, ownerName,
                clock.instant()));
        ownerChanged.fire(new IncidentOwnerChanged(incident, ownerName, caller.name()));
        changed.fire(new IncidentChanged(incident.getId()));
        return incident;
    }

    /** The next response step (contain, eradicate, recover, resolve, close), at the time it happened. */
    public Incident advance(String ref, long seenVersion, Status target, Instant at, String note) {
        return advance(ref, seenVersion, target, at, note, null, null);
    }

    /**
     * The next response step; resolving or closing may say what the incident turned out to be (a classification
     * and Sentinel's reason for it), which a linked Sentinel incident is closed with.
     */
    public Incident advance(String ref, long seenVersion, Status target, Instant at, String note,
                            Classification classification, String classificationReason) {
        return advance(ref, seenVersion, target, at, note, classification, classificationReason, null);
    }

    /**
     * What of the incident's response is still open, in words (for example its runbook checklist items neither
     * done nor marked not applicable); empty when nothing is. Resolving it then asks for a reason.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.List<String> openWork(Incident incident) {
        java.util.List<String> open = new java.util.ArrayList<>();
        for (ResolvingCheck check : resolvingChecks) {
            String work = check.openWork(incident);
            if (work != null) {
                open.add(work);
            }
        }
        return open;
    }

    /**
     * The next response step. Resolving while some of the response is still open (see {@link #openWork}) needs
     * {@code openWorkReason}: what was open and why are kept on the incident and written on its timeline. A reason
     * given when nothing is open is not kept.
     */
    public Incident advance(String ref, long seenVersion, Status target, Instant at, String note,
                            Classification classification, String classificationReason, String openWorkReason) {
        caller.require("move incidents on", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = load(ref, seenVersion);
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
        String open = target == Status.RESOLVED && incident.getStatus().isOpen()
                ? String.join("; ", openWork(incident)) : "";
        String why = openWorkReason == null ? "" : openWorkReason.strip();
        if (!open.isEmpty() && why.isEmpty()) {
            errors.add("openWorkReason", capitalised(open) + ": say why the incident is resolved anyway (or finish"
                    + " them first; an item that does not apply to this incident is marked not applicable).");
        } else if (!open.isEmpty() && why.length() > 1000) {
            errors.add("openWorkReason", "The reason must be at most 1,000 characters long.");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > 3800) {
            errors.add("note", "The note must be at most 3,800 characters long.");
        }
        String reason = classificationReason == null || classificationReason.isBlank() ? null
                : classificationReason.strip();
        if (classification != null && target != Status.RESOLVED && target != Status.CLOSED) {
            errors.add("classification", "An incident is classified when it is resolved or closed.");
        } else if (classification == null && reason != null) {
            errors.add("classification", "Choose the classification the reason goes with.");
        } else if (classification != null && classification.refusalOf(reason) != null) {
            errors.add("classificationReason", classification.refusalOf(reason));
        }
        errors.throwIfAny();
        String label = switch (target) {
            case CONTAINED -> "Containment action taken";
            case ERADICATED -> "Root cause identified; threat eradicated";
            case RECOVERED -> "System restored";
            case RESOLVED -> "Incident resolved";
            default -> "Incident closed";
        };
        String entry = text.isEmpty() ? label : label + ": " + text;
        changes.apply("incident." + target.name().toLowerCase(), incident, () -> {
            incident.advance(target, at, caller.name(), clock.instant());
            if (classification != null) {
                incident.classifyAs(classification, reason);
            }
            timeline.stamp(caller.name(), incident, at, target.milestone(), entry, null);
            if (!open.isEmpty()) {
                String kept = open.length() > 1000 ? open.substring(0, 999) + "…" : open;
                incident.resolvedWithOpen(kept, why);
                timeline.stamp(caller.name(), incident, at, null, "Resolved with work open: " + kept
                        + ". Reason: " + why, null);
            }
        });
        if (target == Status.RESOLVED || target == Status.CLOSED) {
            ended.fire(new IncidentEnded(incident, caller.name()));
        }
        return incident;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Closes an open incident as a false positive or a duplicate of another, with the reason. */
    public Incident closeAs(String ref, long seenVersion, Status kind, String reason, String duplicateOf) {
        caller.require("close incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        return closeAs(caller.name(), load(ref, seenVersion), kind, reason, duplicateOf);
    }

    /** A source closed it as a false positive, e.g. a Sentinel incident closed with that classification. */
    public Incident closeAsFalsePositive(SystemActor by, Incident incident, String reason) {
        return closeAs(by.name(), incident, Status.FALSE_POSITIVE, reason, null);
    }

    /**
     * A source's incident seen here for the first time when the source had already closed it (a Sentinel incident
     * delivered after it was closed there): recorded closed as the source classified it and at the source's time — a
     * false or benign positive as a false positive, anything else closed — so no response clock is left running. Its
     * response steps are the source's record, not the portal's; the timeline says so.
     */
    public Incident closedAtSource(SystemActor by, Incident incident, Classification outcome, Instant at,
                                   String reason) {
        Status kind = outcome == Classification.FALSE_POSITIVE || outcome == Classification.BENIGN_POSITIVE
                ? Status.FALSE_POSITIVE : Status.CLOSED;
        Instant closedAt = at.isBefore(incident.getDetectedAt()) ? incident.getDetectedAt() : at;
        String why = reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
        changes.apply(by.name(), "incident.closed-at-source", incident, () -> {
            incident.closeAs(kind, why, null, closedAt, by.name(), clock.instant());
            incident.classifyAs(outcome, null);
            timeline.stamp(by.name(), incident, closedAt, Milestone.CLOSED, why + " (" + outcome.getLabel()
                    .toLowerCase(java.util.Locale.ROOT) + "); its response steps are recorded there, not here", null);
        });
        ended.fire(new IncidentEnded(incident, by.name()));
        return incident;
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
        Instant now = clock.instant();
        String duplicated = original;
        changes.apply(by, "incident." + kind.name().toLowerCase().replace('_', '-'), incident, () -> {
            incident.closeAs(kind, why, duplicated, now, by, now);
            if (kind == Status.FALSE_POSITIVE) {
                incident.classifyAs(Classification.FALSE_POSITIVE, null);
            }
            timeline.stamp(by, incident, now, Milestone.CLOSED, (kind == Status.DUPLICATE ? "Closed as duplicate of "
                    + duplicated : "Closed as false positive") + ": " + why, null);
        });
        ended.fire(new IncidentEnded(incident, by));
        return incident;
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

    private void checkOwner(InvalidInput.Collector errors, String ownerName) {
        if (!users.activeWith(ownerName, Role.RESPONDER, Role.COMPLIANCE_LEAD)) {
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

    /** The incident, locked, if it is still the version the person saw. */
    private Incident load(String reference, long seenVersion) {
        Incident incident = find(reference)
                .orElseThrow(() -> new InvalidInput("reference", "No incident " + reference + "."));
        return changes.lock(Incident.class, incident.getId(), seenVersion, KIND);
    }

    /** The owner changes, and the timeline says from whom to whom. */
    private void newOwner(String by, Incident incident, String ownerName, Instant at) {
        timeline.stamp(by, incident, at, null, "Owner changed from "
                + (incident.getOwner() == null ? "nobody" : incident.getOwner()) + " to " + ownerName, null);
        incident.assign(ownerName, by, at);
    }


}
