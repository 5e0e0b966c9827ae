package com.attest.incident;

import com.attest.calendar.CalendarService;
import com.attest.platform.InvalidInput;
import com.attest.platform.Reloadable;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The response-SLA targets per severity (the policy's 30 minutes, 2 hours, 24 hours, next business day) and the
 * business calendar they count on, as the compliance lead sets them. A change applies to incidents detected from then
 * on: open incidents keep the due time they were given.
 */
@ApplicationScoped
@Transactional
public class ResponseTargetService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private CalendarService calendars;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    /** The response targets, reused for a short while: every alert needs them. */
    private final Reloadable<Map<Severity, Duration>> targets = new Reloadable<>(Duration.ofSeconds(30));

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
    public void changeCalendarAndTargets(String timeZone, Set<DayOfWeek> weekend, LocalTime closesAt,
                                         Map<Severity, Integer> minutes) {
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
                    && !Objects.equals(minutes.get(target.getSeverity()), target.getResponseMinutes())) {
                changes.apply("sla.target-changed", target, () -> {
                    target.setResponseMinutes(minutes.get(target.getSeverity()));
                    targets.forget(transaction);
                });
            }
        }
    }
}
