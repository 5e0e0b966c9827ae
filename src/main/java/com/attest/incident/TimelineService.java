package com.attest.incident;

import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * An incident's timeline: what happened and when, written by responders (never in the future, an earlier entry
 * corrected rather than changed), by the incident's own steps (milestones) and by other features (a checklist tick,
 * an action run, a notice). Every entry is in the audit trail and the incident's evidence; none is ever changed.
 */
@ApplicationScoped
@Transactional
public class TimelineService {

    private static final int TEXT_MAX = 4000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private Event<IncidentChanged> changed;

    /**
     * A responder's own timeline entry, at the time it happened (never in the future), optionally a milestone
     * such as "on-call notified", optionally correcting an earlier entry of the same incident.
     */
    public TimelineEntry addEntry(String ref, Instant occurredAt, String text, Milestone milestone,
                                  Long corrects) {
        caller.require("add timeline entries", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = incidents.find(ref)
                .orElseThrow(() -> new InvalidInput("reference", "No incident " + ref + "."));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (occurredAt == null) {
            errors.add("entryAt", "When it happened is required.");
        } else if (occurredAt.isAfter(clock.instant())) {
            errors.add("entryAt", Times.format(occurredAt) + " is in the future: record what has happened.");
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            errors.add("entryText", "Say what happened.");
        } else if (body.length() > TEXT_MAX) {
            errors.add("entryText", "An entry must be at most 4,000 characters long.");
        }
        if (corrects != null) {
            TimelineEntry corrected = em.find(TimelineEntry.class, corrects);
            if (corrected == null || !corrected.getIncidentId().equals(incident.getId())) {
                errors.add("corrects", "Entry " + corrects + " is not on this incident's timeline.");
            }
        }
        errors.throwIfAny();
        return write(null, corrects == null ? "incident.timeline-added" : "incident.timeline-corrected", incident,
                new TimelineEntry(incident.getId(), occurredAt, milestone, body, corrects, caller.name(),
                        clock.instant()));
    }

    /**
     * A timeline entry written by a part of the portal (an alert joined, the on-call person was notified), at
     * the time it happened. Text longer than an entry allows is shortened.
     */
    public TimelineEntry note(SystemActor by, Incident incident, Instant at, Milestone milestone, String text) {
        String body = text.strip();
        return write(by.name(), "incident.timeline-added", incident, new TimelineEntry(incident.getId(), at,
                milestone, body.length() > TEXT_MAX ? body.substring(0, TEXT_MAX - 1) + "…" : body, null, by.name(),
                clock.instant()));
    }

    /** The entry itself, without its own audit row: a step of the incident records it with the step's. */
    TimelineEntry stamp(String by, Incident incident, Instant at, Milestone milestone, String text, Long corrects) {
        TimelineEntry entry = new TimelineEntry(incident.getId(), at, milestone, text, corrects, by,
                clock.instant());
        store(entry);
        return entry;
    }

    /** The entry with its own audit row, which the trail keeps under the incident. */
    private TimelineEntry write(String actor, String action, Incident incident, TimelineEntry entry) {
        changes.create(actor, action, IncidentService.ENTITY, incident::getReference, () -> store(entry),
                entry::snapshot);
        return entry;
    }

    private void store(TimelineEntry entry) {
        em.persist(entry);
        em.flush();
        changed.fire(new IncidentChanged(entry.getIncidentId()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> of(Incident incident) {
        return em.createNamedQuery(TimelineEntry.OF_INCIDENT, TimelineEntry.class)
                .setParameter("incident", incident.getId()).getResultList();
    }

    /** Whether the incident's timeline already holds the milestone. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean reached(Incident incident, Milestone milestone) {
        return !em.createNamedQuery(TimelineEntry.MILESTONE_OF_INCIDENT, TimelineEntry.class)
                .setParameter("incident", incident.getId()).setParameter("milestone", milestone)
                .setMaxResults(1).getResultList().isEmpty();
    }
}
