package com.attest.pir.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirReminder;
import com.attest.pir.PirReminderService;
import com.attest.pir.PirService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every review with its due date and state, the counts and on-time rate, and the signed-in person's reminders. */
@Named
@RequestScoped
public class PirListBacking {

    @Inject
    private PirService pirs;

    @Inject
    private PirReminderService reminders;

    @Inject
    private IncidentService incidents;

    @Inject
    private Clock clock;

    private final Map<Long, Incident> incidentCache = new HashMap<>();
    private List<Pir> all;
    private List<PirReminder> myReminders;

    public List<Pir> getAll() {
        if (all == null) {
            all = pirs.readable();
        }
        return all;
    }

    public PirService.Stats getStats() {
        return pirs.stats(getAll()); // an auditor's: over the reviews of their period
    }

    public List<PirReminder> getMyReminders() {
        if (myReminders == null) {
            myReminders = reminders.myReminders(20);
        }
        return myReminders;
    }

    public Incident incident(Pir pir) {
        return incidentCache.computeIfAbsent(pir.getIncidentId(), id -> incidents.byId(id).orElseThrow());
    }

    public boolean overdue(Pir pir) {
        return pir.getState() != Pir.State.APPROVED && clock.instant().isAfter(pir.getDueAt());
    }
}
