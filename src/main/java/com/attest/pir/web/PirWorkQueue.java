package com.attest.pir.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirService;
import com.attest.platform.web.Forms;
import com.attest.platform.web.InstantFormat;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reviews in the work queue: the lead's reviews to approve (not their own) and overdue reviews; the owner's reviews
 * to write or rework, by due date.
 */
@ApplicationScoped
public class PirWorkQueue implements WorkQueue {

    @Inject
    private PirService reviews;

    @Inject
    private IncidentService incidents;

    @Inject
    private Clock clock;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        boolean lead = person.hasRole(Role.COMPLIANCE_LEAD);
        boolean responder = person.hasRole(Role.RESPONDER);
        if (!lead && !responder) {
            return List.of();
        }
        Instant now = clock.instant();
        List<WorkItem> items = new ArrayList<>();
        for (Pir pir : reviews.open()) {
            String ref = incidents.byId(pir.getIncidentId()).map(Incident::getReference).orElse("#" + pir.getId());
            String href = "/pirs/view.xhtml?id=" + pir.getId();
            boolean overdue = pir.getDueAt().isBefore(now);
            String due = InstantFormat.format(pir.getDueAt());
            if (lead && pir.getState() == Pir.State.SUBMITTED && !person.name().equals(pir.getSubmittedBy())) {
                items.add(new WorkItem(Forms.text("queue.reviewsToApprove"), Forms.text("queue.reviewOf", ref),
                        Forms.text("queue.reviewSubmitted", pir.getSubmittedBy(), pir.getOwner()), href, null, false));
            } else if (person.name().equals(pir.getOwner()) && pir.getState().editable()) {
                items.add(new WorkItem(Forms.text("queue.myReviews"), Forms.text("queue.reviewOf", ref),
                        Forms.text(pir.getState() == Pir.State.RETURNED ? "queue.reviewReturned" : "queue.reviewDue",
                                due), href, pir.getDueAt(), overdue || pir.getState() == Pir.State.RETURNED));
            } else if (lead && overdue) {
                items.add(new WorkItem(Forms.text("queue.overdueReviews"), Forms.text("queue.reviewOf", ref),
                        Forms.text("queue.reviewOverdue", due, pir.getOwner(), Forms.text("pir.state." + pir.getState())),
                        href, pir.getDueAt(), true));
            }
        }
        return items;
    }
}
