package com.attest.action.web;

import com.attest.azure.AzureSettings;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** First-run set-up: until an Azure subscription is configured, no runbook action can be performed in Azure. */
@ApplicationScoped
public class AzureWorkQueue implements WorkQueue {

    @Inject
    private AzureSettings settings;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD) || !settings.identities().isEmpty()) {
            return List.of();
        }
        return List.of(new WorkItem(Forms.text("queue.setUp"), Forms.text("queue.setUpAzure"),
                Forms.text("queue.setUpAzureDetail"), "/admin/azure.xhtml", null, false));
    }
}
