package com.attest.runbook.web;

import com.attest.platform.web.Forms;
import com.attest.runbook.Document;
import com.attest.runbook.DocumentService;
import com.attest.runbook.DocumentVersion;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook and policy versions waiting for the compliance lead's approval (not their own). A document with no
 * approved version yet comes first: until one is approved, control health is red.
 */
@ApplicationScoped
public class DocumentWorkQueue implements WorkQueue {

    @Inject
    private DocumentService documents;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        for (Document document : documents.all()) {
            boolean noneInForce = documents.inForce(document).isEmpty();
            for (DocumentVersion v : documents.versions(document)) {
                if (v.getState() != DocumentVersion.State.IN_REVIEW || person.name().equals(v.getSubmittedBy())) {
                    continue;
                }
                items.add(new WorkItem(Forms.text("queue.documentsToApprove"),
                        Forms.text("queue.documentVersion", v.getTitle() == null ? document.getSlug() : v.getTitle(),
                                v.getNumber()),
                        Forms.text(noneInForce ? "queue.documentNoneInForce" : "queue.documentSubmitted",
                                v.getSubmittedBy()),
                        "/runbooks/view.xhtml?doc=" + URLEncoder.encode(document.getSlug(), StandardCharsets.UTF_8)
                                + "&v=" + v.getNumber(), null, noneInForce));
            }
        }
        return items;
    }
}
