package com.attest.customernotice.web;

import com.attest.customernotice.ApproverRole;
import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeDecision;
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
import java.util.Set;

/**
 * Customer notices waiting for an approver: each notice awaiting approval whose current round still lacks a decision
 * in one of the person's approver roles, and that they did not write.
 */
@ApplicationScoped
public class NoticeWorkQueue implements WorkQueue {

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private IncidentService incidents;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.RESPONDER) && !person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        Set<ApproverRole> roles = notices.approverRoles(person.name());
        if (roles.isEmpty()) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        for (CustomerNotice notice : notices.awaitingApproval()) {
            if (person.name().equals(notice.getDraftedBy()) || person.name().equals(notice.getEditedBy())) {
                continue;
            }
            List<NoticeDecision> round = notices.decisions(notice.getId()).stream()
                    .filter(d -> d.getRound() == notice.getRound()).toList();
            boolean waits = roles.stream().anyMatch(r -> round.stream().noneMatch(d -> d.getApproverRole() == r));
            if (waits) {
                String ref = incidents.byId(notice.getIncidentId()).map(Incident::getReference).orElse("");
                items.add(new WorkItem(Forms.text("queue.noticesToApprove"), notice.getSubject(),
                        Forms.text("queue.noticeOf", ref, notice.getDraftedBy()),
                        "/notices/notice.xhtml?id=" + notice.getId(), null, true));
            }
        }
        return items;
    }
}
