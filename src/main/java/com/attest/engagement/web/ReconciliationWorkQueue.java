package com.attest.engagement.web;

import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementService;
import com.attest.engagement.ReconciliationService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compliance lead's queue: each engagement not yet over whose period has Sentinel incidents or Defender alerts
 * with no portal incident and no disposition, waiting for an incident to be opened or a disposition recorded. A
 * responder's: one entry for all of them, leading to the unmatched Azure items' page.
 */
@ApplicationScoped
public class ReconciliationWorkQueue implements WorkQueue {

    @Inject
    private EngagementService engagements;

    @Inject
    private ReconciliationService reconciliations;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            if (!person.hasRole(Role.RESPONDER)) {
                return List.of();
            }
            int open = reconciliations.unaccounted().size();
            return open == 0 ? List.of() : List.of(new WorkItem(Forms.text("queue.unaccounted"),
                    Forms.text("unaccounted.title"), Forms.text("queue.unaccountedCount", open),
                    "/engagements/unmatched.xhtml", null, false));
        }
        Instant now = engagements.now();
        List<WorkItem> items = new ArrayList<>();
        for (Engagement e : engagements.list()) {
            if (!e.getAccessTo().isAfter(now)) {
                continue;
            }
            long unmatched = reconciliations.compute(e.getPeriodFrom(), e.getPeriodTo()).unmatched().size();
            if (unmatched > 0) {
                items.add(new WorkItem(Forms.text("queue.reconciliation"), e.getName(),
                        Forms.text("queue.reconciliationUnmatched", unmatched), "/engagements/view.xhtml?id="
                        + e.getId() + "#reconciliationForm", null, false));
            }
        }
        return items;
    }
}
