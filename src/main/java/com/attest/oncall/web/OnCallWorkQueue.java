package com.attest.oncall.web;

import com.attest.oncall.Notification;
import com.attest.oncall.OnCallChannels;
import com.attest.oncall.OnCallSettingsService;
import com.attest.oncall.OutboxService;
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
 * On-call in the compliance lead's queue: messages that could not be delivered (they wait for a retry from the
 * on-call page), and, until one is set up, that no channel pages anyone.
 */
@ApplicationScoped
public class OnCallWorkQueue implements WorkQueue {

    @Inject
    private OutboxService outbox;

    @Inject
    private OnCallChannels channels;

    @Inject
    private OnCallSettingsService settings;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        long failed = outbox.recent(50).stream().filter(n -> n.getState() == Notification.State.FAILED).count();
        if (failed > 0) {
            items.add(new WorkItem(Forms.text("queue.failed"), Forms.text("queue.deliveriesFailed", failed),
                    Forms.text("queue.deliveriesFailedDetail"), "/admin/oncall.xhtml", null, true));
        }
        if (channels.configured(settings.settings().recipients()).isEmpty()) {
            items.add(new WorkItem(Forms.text("queue.setUp"), Forms.text("queue.setUpOnCall"),
                    Forms.text("queue.setUpOnCallDetail"), "/admin/oncall.xhtml", null, false));
        }
        return items;
    }
}
