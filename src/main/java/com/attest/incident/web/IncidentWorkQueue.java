package com.attest.incident.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentRegister;
import com.attest.incident.SlaClock;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A responder's (and a lead's) incidents in the work queue: the open incidents they own, each with its clock, and
 * detected incidents nobody has declared yet (late ones first).
 */
@ApplicationScoped
public class IncidentWorkQueue implements WorkQueue {

    private static final int MAX = 20;

    @Inject
    private IncidentRegister register;

    @Inject
    private Clock clock;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.RESPONDER) && !person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<WorkItem> items = new ArrayList<>();
        for (Incident i : register.openOwnedBy(person.name(), MAX)) {
            SlaClock c = i.clock(now);
            items.add(new WorkItem(Forms.text("queue.myIncidents"), i.getReference() + " · " + i.getTitle(),
                    Forms.text("queue.incidentDetail", Forms.text("severity." + i.getSeverity()),
                            Forms.text("status." + i.getStatus()), clockText(c)),
                    link(i), c.state() == SlaClock.State.RUNNING || c.state() == SlaClock.State.OVERDUE
                            ? i.getResponseDueAt() : null, c.state() == SlaClock.State.OVERDUE));
        }
        for (Incident i : register.undeclared(MAX)) {
            if (person.name().equals(i.getOwner())) {
                continue; // already listed as theirs
            }
            SlaClock c = i.clock(now);
            items.add(new WorkItem(Forms.text("queue.undeclared"), i.getReference() + " · " + i.getTitle(),
                    Forms.text("queue.incidentDetail", Forms.text("severity." + i.getSeverity()),
                            Forms.text("status." + i.getStatus()), clockText(c)),
                    link(i), i.getResponseDueAt(), c.state() == SlaClock.State.OVERDUE));
        }
        return items;
    }

    private static String clockText(SlaClock c) {
        return switch (c.state()) {
            case RUNNING -> Forms.text("queue.clockRunning", c.getMarginText());
            case OVERDUE -> Forms.text("queue.clockOverdue", c.getMarginText());
            default -> Forms.text("sla." + c.state());
        };
    }

    private static String link(Incident i) {
        return "/incidents/view.xhtml?ref=" + URLEncoder.encode(i.getReference(), StandardCharsets.UTF_8);
    }
}
