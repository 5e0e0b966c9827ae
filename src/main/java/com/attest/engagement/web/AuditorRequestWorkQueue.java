package com.attest.engagement.web;

import com.attest.engagement.AuditorRequest;
import com.attest.engagement.AuditorRequestService;
import com.attest.engagement.EngagementService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The auditor's request list in each party's queue: the lead sees the requests waiting for an answer that no
 * responder is assigned to (or that are assigned to the lead), a responder those assigned to them, an auditor the
 * answers waiting for their acceptance — each due on its due date.
 */
@ApplicationScoped
public class AuditorRequestWorkQueue implements WorkQueue {

    @Inject
    private AuditorRequestService requests;

    @Inject
    private EngagementService engagements;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        boolean auditor = person.hasRole(Role.AUDITOR);
        List<AuditorRequest> waiting = requests.waitingFor(person.name(), person.hasRole(Role.COMPLIANCE_LEAD),
                person.hasRole(Role.RESPONDER), auditor ? engagements.open(person.name(), engagements.now())
                        : List.of());
        return waiting.stream().map(r -> new WorkItem(Forms.text(r.getState() == AuditorRequest.State.ANSWERED
                        ? "queue.requestsToAccept" : "queue.requestsToAnswer"), r.getTitle(),
                Forms.text("queue.requestDue", r.getDueDate(), r.getFiledBy()),
                "/engagements/request.xhtml?id=" + r.getId(), r.getDueDate().atStartOfDay(engagements.zone())
                        .toInstant(), false)).toList();
    }
}
