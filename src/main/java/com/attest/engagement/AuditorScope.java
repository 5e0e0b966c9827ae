package com.attest.engagement;

import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an auditor may read: the periods of the engagements that name them and are open now. Someone who is an
 * auditor and nothing else is kept to them; a compliance lead or responder who also audits is not (null limits).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditorScope implements AuditorLimits {

    @Inject
    private Caller caller;

    @Inject
    private Clock clock;

    @Inject
    private EngagementService engagements;

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    /** The periods the caller is kept to, or null when the caller is not kept to any (not only an auditor). */
    @Override
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
        return incidents.find(reference).map(this::detectedOn).filter(day -> AuditPeriod.anyContains(periods, day))
                .isPresent();
    }

    /** The organisation's date of {@code at}. */
    public LocalDate day(Instant at) {
        return at == null ? null : at.atZone(calendars.zone()).toLocalDate();
    }

    /** The organisation's date of the incident's detection, which dates it and everything kept for it. */
    public LocalDate detectedOn(Incident incident) {
        return day(incident.getDetectedAt());
    }
}
