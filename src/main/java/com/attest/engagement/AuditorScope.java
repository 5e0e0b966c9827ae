package com.attest.engagement;

import com.attest.calendar.CalendarService;
import com.attest.evidence.AuditPeriod;
import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceRegister;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * What an auditor may read: the periods of the engagements that name them and are open now. Someone who is an
 * auditor and nothing else is kept to them; a compliance lead or responder who also audits is not (null limits).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditorScope {

    @Inject
    private Caller caller;

    @Inject
    private Clock clock;

    @Inject
    private Engagements engagements;

    @Inject
    private IncidentService incidents;

    @Inject
    private EvidenceRegister register;

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
        return incidents.find(reference).map(i -> AuditPeriod.anyContains(periods, detectedOn(i))).orElse(false);
    }

    /** Whether the evidence item exists and its period date falls in one of {@code periods}. */
    public boolean itemWithin(long id, List<AuditPeriod> periods) {
        return register.find(id).map(EvidenceItem::getPeriodDate).map(d -> AuditPeriod.anyContains(periods, d))
                .orElse(false);
    }

    public java.time.LocalDate detectedOn(Incident incident) {
        return incident.getDetectedAt().atZone(calendars.zone()).toLocalDate();
    }
}
