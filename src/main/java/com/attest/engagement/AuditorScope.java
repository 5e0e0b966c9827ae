package com.attest.engagement;

import com.attest.calendar.CalendarService;
import com.attest.evidence.AuditPeriod;
import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceService;
import com.attest.incident.Incident;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * What an auditor may read: the periods of the engagements that name them and are open now. Someone who is an
 * auditor and nothing else is kept to them; a compliance lead or responder who also audits is not (null limits).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditorScope {

    /**
     * The records a page or endpoint names by its key, each with the instant its audit period is dated by: an incident
     * and everything kept for it by the day it was detected, an exercise by the day it was held.
     */
    public enum Record {
        INCIDENT("SELECT i.detected_at FROM incident i WHERE i.reference = ?1"),
        ACTION_RUN("SELECT i.detected_at FROM action_run r JOIN incident i ON i.id = r.incident_id WHERE r.id = ?1"),
        ALERT_PAYLOAD("SELECT i.detected_at FROM alert_payload p JOIN alert a ON a.id = p.alert_id"
                + " JOIN incident i ON i.id = a.incident_id WHERE p.id = ?1"),
        REVIEW("SELECT i.detected_at FROM pir p JOIN incident i ON i.id = p.incident_id WHERE p.id = ?1"),
        CUSTOMER_NOTICE("SELECT i.detected_at FROM customer_notice n JOIN incident i ON i.id = n.incident_id"
                + " WHERE n.id = ?1"),
        EXERCISE("SELECT e.held_at FROM exercise e WHERE e.id = ?1");

        private final String dated;

        Record(String dated) {
            this.dated = dated;
        }

        /** The key as the query takes it: a reference as it is, an id as a number (null when it is not one). */
        Object key(String text) {
            if (this == INCIDENT) {
                return text;
            }
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Caller caller;

    @Inject
    private Clock clock;

    @Inject
    private EngagementService engagements;

    @Inject
    private EvidenceService register;

    @Inject
    private CalendarService calendars;

    /** Whether roles of only an auditor are these. */
    public static boolean auditorOnly(Set<Role> roles) {
        return roles.contains(Role.AUDITOR) && !roles.contains(Role.COMPLIANCE_LEAD) && !roles.contains(Role.RESPONDER);
    }

    /** The periods the caller is kept to, or null when the caller is not kept to any (not only an auditor). */
    public List<AuditPeriod> limits() {
        if (!caller.hasRole(Role.AUDITOR) || caller.hasRole(Role.COMPLIANCE_LEAD) || caller.hasRole(Role.RESPONDER)) {
            return null;
        }
        return periods(engagements.open(caller.name(), clock.instant()));
    }

    public static List<AuditPeriod> periods(List<Engagement> open) {
        return open.stream().map(Engagement::period).toList();
    }

    /** Whether the incident exists and was detected in one of {@code periods}. */
    public boolean incidentWithin(String reference, List<AuditPeriod> periods) {
        return within(Record.INCIDENT, reference, periods);
    }

    /** Whether the record exists and the day it is dated by falls in one of {@code periods}. */
    public boolean within(Record record, String key, List<AuditPeriod> periods) {
        Object k = key == null ? null : record.key(key);
        if (k == null) {
            return false;
        }
        List<?> found = em.createNativeQuery(record.dated).setParameter(1, k).getResultList();
        return !found.isEmpty() && AuditPeriod.anyContains(periods, day(found.get(0)));
    }

    private LocalDate day(Object value) {
        return day(value instanceof Instant i ? i
                : value instanceof OffsetDateTime o ? o.toInstant()
                : value instanceof java.sql.Timestamp t ? t.toInstant() : null);
    }

    /** The organisation's date of {@code at}. */
    public LocalDate day(Instant at) {
        return at == null ? null : at.atZone(calendars.zone()).toLocalDate();
    }

    /** Whether the evidence item exists and its period date falls in one of {@code periods}. */
    public boolean itemWithin(long id, List<AuditPeriod> periods) {
        return register.find(id).map(EvidenceItem::getPeriodDate).map(d -> AuditPeriod.anyContains(periods, d))
                .orElse(false);
    }

    /** The organisation's date of the incident's detection, which dates it and everything kept for it. */
    public LocalDate detectedOn(Incident incident) {
        return day(incident.getDetectedAt());
    }
}
