package com.attest.engagement.web;

import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementService;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.web.Forms;
import com.attest.platform.web.InstantFormat;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An auditor's queue: each engagement open to them, its audit period and until when they may read, and how many of
 * its incidents changed since their last visit (the sign-in before this one).
 */
@ApplicationScoped
public class EngagementWorkQueue implements WorkQueue {

    @Inject
    private EngagementService engagements;

    @Inject
    private AuditTrail trail;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.AUDITOR)) {
            return List.of();
        }
        Instant now = engagements.now();
        Optional<Instant> lastVisit = trail.previous(person.name(), "auth.signed-in");
        List<WorkItem> items = new ArrayList<>();
        for (Engagement e : engagements.open(person.name(), now)) {
            String href = "/engagements/view.xhtml?id=" + e.getId();
            items.add(new WorkItem(Forms.text("queue.engagements"), e.getName(),
                    Forms.text("queue.engagementPeriod", e.getPeriodFrom(), e.getPeriodTo(),
                            InstantFormat.format(e.getAccessTo())), href, e.getAccessTo(), false));
            String news = lastVisit.map(since -> {
                long changed = engagements.changedSince(e, since);
                return changed == 0 ? Forms.text("queue.nothingNew", InstantFormat.format(since))
                        : Forms.text("queue.changedSince", changed, InstantFormat.format(since));
            }).orElse(Forms.text("queue.firstVisit", engagements.population(e).size()));
            items.add(new WorkItem(Forms.text("queue.newSinceLastVisit"), e.getName(), news, href, null, false));
        }
        return items;
    }
}
