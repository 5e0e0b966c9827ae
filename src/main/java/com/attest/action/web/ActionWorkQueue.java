package com.attest.action.web;

import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Action runs in the work queue: runs waiting for a second person's approval (anyone who may approve but the one who
 * asked), and break-glass runs waiting for the compliance lead's review afterwards.
 */
@ApplicationScoped
public class ActionWorkQueue implements WorkQueue {

    @Inject
    private ActionRunService runs;

    @Inject
    private IncidentService incidents;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        boolean lead = person.hasRole(Role.COMPLIANCE_LEAD);
        if (!lead && !person.hasRole(Role.RESPONDER)) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        for (ActionRun run : runs.awaitingApproval()) {
            if (person.name().equals(run.getRequestedBy())) {
                continue; // four eyes: not theirs to approve
            }
            if (run.getIncidentId() == null && !lead) {
                continue; // a repair of the detection pipeline is another lead's to approve
            }
            items.add(new WorkItem(Forms.text("queue.runsToApprove"), title(run),
                    Forms.text("queue.runAsked", run.getRequestedBy()), "/incidents/run.xhtml?id=" + run.getId(),
                    null, true));
        }
        if (lead) {
            for (ActionRun run : runs.toReview()) {
                items.add(new WorkItem(Forms.text("queue.runsToReview"), title(run),
                        Forms.text("queue.runBrokeGlass", run.getRequestedBy()),
                        "/incidents/run.xhtml?id=" + run.getId(), null, false));
            }
        }
        return items;
    }

    private String title(ActionRun run) {
        String ref = run.getIncidentId() == null ? Forms.text("action.detectionPipeline")
                : incidents.byId(run.getIncidentId()).map(Incident::getReference).orElse("");
        return run.type().label() + " · " + ref;
    }
}
